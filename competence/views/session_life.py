"""A session's life after it is planned: the organiser cancels it, and a participant
downloads a certificate of attendance (PDF) from their training log."""

from pathlib import Path
from urllib.parse import unquote, urlparse

from django.conf import settings
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.views.generic import View
from django.views.generic.detail import SingleObjectMixin

from vuxportal.access import ScopedViewMixin
from vuxportal.views.generic import ObjectPostActionView

from .. import services
from ..models import Enrolment, TrainingActivity, TrainingRecord

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")


class ActivityCancelSessionView(ObjectPostActionView):
    """The organiser, the host school's leaders or an administrator cancels the session.
    Like editing it, who may is decided by ``TrainingActivity.objects.editable_by``
    (others get a 404), so the permission asked is only to see sessions.

    GET is the confirmation page: it says what cancelling does and whom it reaches
    before the POST does it (every destructive step has a page of its own)."""

    permission_required = "competence.view_activities"
    model = TrainingActivity

    def get(self, request, *args, **kwargs):
        activity = self.get_object()
        counts = activity.enrolments.aggregate(
            enrolled=Count("pk", filter=Q(status=Enrolment.Status.ENROLLED)),
            waiting=Count("pk", filter=Q(status=Enrolment.Status.WAITING)),
        )
        context = {
            "object": activity,
            "title": gettext("Cancel %(title)s") % {"title": activity.title},
            "can_cancel": not activity.cancelled_at and not activity.has_ended,
            **counts,
        }
        return render(request, "competence/activity_cancel.html", context)

    def perform(self, activity):
        services.activity_cancel(activity=activity, by=self.request.user)
        return gettext("The session was cancelled. Everyone enrolled or waiting has been emailed.")


def _local_only(url: str, timeout: int = 10, ssl_context=None):
    """The certificate reaches nothing but the local fonts: no network, no other files."""
    from weasyprint.urls import default_url_fetcher

    parsed = urlparse(url)
    if parsed.scheme == "file" and Path(unquote(parsed.path)).resolve().is_relative_to(FONT_DIR):
        return default_url_fetcher(url, timeout=timeout, ssl_context=ssl_context)
    raise ValueError(f"The certificate does not fetch {url!r}")


class AttendanceCertificateView(ScopedViewMixin, SingleObjectMixin, View):
    """A certificate of attendance for a training-log entry of a portal session the person
    attended. Only the person and administrators: a leader who sees the entry does not
    get a certificate in the person's name (404, like an entry out of reach)."""

    permission_required = "competence.log_training"
    model = TrainingRecord

    def get_queryset(self):
        return (
            TrainingRecord.objects.certifiable_by(self.request.user)
            .select_related("person", "activity__organiser")
            .prefetch_related("activity__competences__area__framework")
        )

    def get(self, request, *args, **kwargs):
        from weasyprint import HTML

        record = self.get_object()
        with translation.override(settings.LANGUAGE_CODE):
            html = render_to_string(
                "competence/certificate.html",
                {
                    "record": record,
                    "activity": record.activity,
                    "person": record.person,
                    "organisation": settings.ORGANISATION_NAME,
                    "issued_on": timezone.localdate(),
                    "font_dir": FONT_DIR.as_uri(),
                },
            )
        pdf = HTML(string=html, url_fetcher=_local_only, base_url=FONT_DIR.as_uri()).write_pdf(
            pdf_variant="pdf/ua-1", pdf_tags=True, custom_metadata=True
        )
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="deltagarintyg-{record.pk}.pdf"'
        return response
