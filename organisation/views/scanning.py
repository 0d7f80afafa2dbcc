"""Environmental scanning (omvärldsbevakning): notes, and a monthly digest of them."""

from datetime import date

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from vuxportal.access import PortalAccessMixin
from vuxportal.scoping import is_editable_by
from vuxportal.views.generic import (
    ObjectCreateView,
    ObjectDetailView,
    ObjectListView,
    ObjectUpdateView,
    PageMixin,
)

from .. import selectors
from ..filters import ScanningNoteFilterSet
from ..forms import ScanningNoteForm
from ..models import ScanningNote
from ..tables import ScanningNoteTable


class ScanningNoteListView(ObjectListView):
    permission_required = "organisation.view_scanning"
    queryset = ScanningNote.objects.select_related("author")
    filterset_class = ScanningNoteFilterSet
    table_class = ScanningNoteTable
    title = _("Environmental scanning")
    header_actions = [
        (
            _("New note"),
            "organisation:scanning_create",
            "organisation.add_scanning",
            "primary",
        ),
        (
            _("Monthly digest"),
            "organisation:scanning_digest",
            "organisation.view_scanning",
            "outline-primary",
        ),
    ]


class ScanningNoteDetailView(ObjectDetailView):
    permission_required = "organisation.view_scanning"
    model = ScanningNote
    queryset = ScanningNote.objects.select_related("author")
    template_name = "organisation/scanning_detail.html"
    detail_fields = ["source", "link", "noted_on", "plan_part", "tags", "author", "summary"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_edit"] = is_editable_by(self.object, self.request.user)
        return context


class ScanningNoteCreateView(ObjectCreateView):
    permission_required = "organisation.add_scanning"
    model = ScanningNote
    form_class = ScanningNoteForm
    title = _("New scanning note")
    cancel_url_name = "organisation:scanning_list"

    def save_object(self, form):
        form.instance.author = self.request.user
        return form.save()


class ScanningNoteUpdateView(ObjectUpdateView):
    permission_required = "organisation.add_scanning"
    model = ScanningNote
    form_class = ScanningNoteForm


class ScanningDigestView(PageMixin, PortalAccessMixin, TemplateView):
    """The notes of one month, grouped by part of the plan, with links to other months."""

    permission_required = "organisation.view_scanning"
    template_name = "organisation/scanning_digest.html"

    def get_month(self) -> date:
        value = self.request.GET.get("month", "")
        try:
            year, month = (int(x) for x in value.split("-"))
            return date(year, month, 1)
        except ValueError:
            return timezone.localdate().replace(day=1)

    def get_title(self):
        return _("Scanning digest %(month)s") % {"month": date_format(self.month, "F Y")}

    def get_context_data(self, **kwargs):
        self.month = self.get_month()
        context = super().get_context_data(**kwargs)
        notes = ScanningNote.objects.visible_to(self.request.user)
        context.update(selectors.scanning_digest(notes, self.month))
        return context
