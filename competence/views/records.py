"""The training log: my own, my school's staff's, one entry, writing and confirming
entries, and the entry's certificate."""

from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import View
from django.views.generic.detail import SingleObjectMixin

from vuxportal.access import ScopedViewMixin
from vuxportal.uploads import file_response
from vuxportal.views.generic import (
    ObjectCreateView,
    ObjectDetailView,
    ObjectListView,
    ObjectPostActionView,
    ObjectUpdateView,
)

from .. import selectors, services
from ..filters import TrainingRecordFilterSet
from ..forms import TrainingRecordForm
from ..models import TrainingRecord
from ..tables import StaffRecordTable, TrainingRecordTable


class RecordListView(ObjectListView):
    """My own training log, with my totals per year."""

    permission_required = "competence.log_training"
    queryset = TrainingRecord.objects.all()
    filterset_class = TrainingRecordFilterSet
    table_class = TrainingRecordTable
    template_name = "competence/record_list.html"
    title = _("My training log")
    header_actions = [
        (_("Log training"), "competence:record_create", "competence.log_training", "primary"),
        (
            _("Staff training logs"),
            "competence:staff_records",
            "competence.view_staff_training",
            "outline-primary",
        ),
    ]

    def get_queryset(self):
        return super().get_queryset().filter(person=self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["totals"] = selectors.training_totals(self.get_queryset())
        return context


class StaffRecordListView(ObjectListView):
    """Leaders: named training logs of their school's staff, with totals."""

    permission_required = "competence.view_staff_training"
    queryset = TrainingRecord.objects.select_related("person", "school", "confirmed_by")
    filterset_class = TrainingRecordFilterSet
    table_class = StaffRecordTable
    template_name = "competence/staff_records.html"
    title = _("Staff training logs")

    def get_queryset(self):
        return super().get_queryset().exclude(person=self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["totals"] = selectors.training_totals(context["filter"].qs)
        return context


class RecordDetailView(ObjectDetailView):
    permission_required = "competence.log_training"
    model = TrainingRecord
    template_name = "competence/record_detail.html"
    detail_fields = ["date", "kind", "hours", "reflection"]

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("person", "school", "confirmed_by", "activity")
            .prefetch_related("competences")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        record = self.object
        context["is_own"] = record.person_id == user.pk
        context["can_confirm"] = (
            not record.is_confirmed
            and TrainingRecord.objects.confirmable_by(user).filter(pk=record.pk).exists()
        )
        return context


class RecordFormMixin:
    """Writing an entry of one's own log goes through ``services.record_save``."""

    model = TrainingRecord
    form_class = TrainingRecordForm
    permission_required = "competence.log_training"
    success_message = _("Saved to your training log.")

    def save_object(self, form):
        data = form.cleaned_data
        return services.record_save(
            person=self.request.user,
            record=getattr(self, "object", None),
            date=data["date"],
            title=data["title"],
            hours=data["hours"],
            kind=data["kind"],
            competences=data["competences"],
            reflection=data["reflection"],
            certificate=data.get("certificate") or None,
        )


class RecordCreateView(RecordFormMixin, ObjectCreateView):
    title = _("Log training")
    cancel_url_name = "competence:record_list"

    def get_initial(self):
        return {"date": timezone.localdate()}


class RecordUpdateView(RecordFormMixin, ObjectUpdateView):
    def get_queryset(self):
        return super().get_queryset().filter(confirmed_at__isnull=True)


class RecordConfirmView(ObjectPostActionView):
    """A leader confirms a staff member's entry; the service decides whose. Back to the
    page the button was on (the staff log), else to the entry."""

    permission_required = "competence.view_staff_training"
    scope = "view"
    model = TrainingRecord

    def get_queryset(self):
        return TrainingRecord.objects.all()

    def perform(self, record):
        services.record_confirm(record=record, leader=self.request.user)
        return gettext("The entry was confirmed.")

    def get_redirect_url(self, record):
        request = self.request
        target = request.POST.get("next", "")
        # Only back to this site: "//elsewhere.example" also starts with a slash.
        if not url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            target = record.get_absolute_url()
        return target


class FileDownloadView(ScopedViewMixin, SingleObjectMixin, View):
    """Serves an uploaded file to those who may see its record (never a public URL)."""

    field_name = ""

    def get(self, request, *args, **kwargs):
        return file_response(getattr(self.get_object(), self.field_name))


class CertificateView(FileDownloadView):
    permission_required = "competence.log_training"
    field_name = "certificate"

    def get_queryset(self):
        return TrainingRecord.objects.all()
