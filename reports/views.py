"""Compiling, following and downloading reports; the schedules' page."""

from django.contrib import messages
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, FormView, ListView, UpdateView, View
from django.views.generic.detail import SingleObjectMixin
from django_celery_beat.models import PeriodicTask

from vuxportal.access import PortalAccessMixin, ScopedViewMixin
from vuxportal.uploads import file_response
from vuxportal.views.generic import (
    ObjectDetailView,
    ObjectListView,
    ObjectPostActionView,
    PageMixin,
    ServiceFormMixin,
)

from . import services
from .filters import ReportFilterSet
from .forms import ReportRequestForm, ScheduleForm
from .models import Report
from .schedules import DESCRIPTIONS
from .tables import ReportTable


class ReportListView(ObjectListView):
    permission_required = "reports.view_reports"
    queryset = Report.objects.with_list_columns()
    filterset_class = ReportFilterSet
    table_class = ReportTable
    title = _("Reports")
    header_actions = [
        (_("Compile a report"), "reports:report_request", "reports.request_report", "primary"),
        (_("Schedules"), "reports:schedule_list", "reports.manage_schedules", "outline-primary"),
    ]


class ReportRequestView(ServiceFormMixin, PageMixin, PortalAccessMixin, FormView):
    permission_required = "reports.request_report"
    form_class = ReportRequestForm
    template_name = "reports/report_request.html"
    title = _("Compile a report")

    def perform(self, form):
        data = form.cleaned_data
        existing = Report.objects.filter(
            kind=data["kind"], period=data["period"], school=data["school"]
        ).exists()
        report = services.report_request(**data, requested_by=self.request.user)
        report.refresh_from_db()
        if report.status == Report.Status.QUEUED and report.error:
            messages.warning(self.request, report.error)
        elif existing:
            messages.info(self.request, gettext("This report has already been asked for."))
        return HttpResponseRedirect(report.get_absolute_url())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["cancel_url"] = reverse("reports:report_list")
        return context


class ReportDetailView(ObjectDetailView):
    permission_required = "reports.view_reports"
    model = Report
    template_name = "reports/report_detail.html"

    def get_queryset(self):
        return super().get_queryset().with_list_columns()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["report"] = self.object
        context["can_retry"] = self.request.user.has_perm("reports.request_report") and (
            self.object.status == Report.Status.FAILED
            or (self.object.status == Report.Status.DONE and self.object.is_draft)
        )
        return context


class ReportStatusView(ScopedViewMixin, DetailView):
    """The progress fragment the detail page polls (htmx) until the report is finished."""

    permission_required = "reports.view_reports"
    model = Report
    template_name = "reports/partials/report_status.html"
    context_object_name = "report"


class ReportDownloadView(ScopedViewMixin, SingleObjectMixin, View):
    permission_required = "reports.view_reports"
    model = Report
    file_field = "pdf"

    def get(self, request, pk):
        return report_file_response(self.get_object(), self.file_field)


def report_file_response(report: Report, file_field: str) -> HttpResponse:
    """The compiled PDF or Excel file as a download; 404 until the report is done. Shared
    by the page and the API."""
    file = getattr(report, file_field)
    if report.status != Report.Status.DONE or not file:
        raise Http404
    extension = "pdf" if file_field == "pdf" else "xlsx"
    return file_response(file, f"{report.file_stem()}.{extension}")


class ReportRetryView(ObjectPostActionView):
    permission_required = "reports.request_report"
    model = Report

    def perform(self, report):
        services.report_retry(report=report, requested_by=self.request.user)
        report.refresh_from_db()
        if report.status == Report.Status.QUEUED and report.error:
            # Queued but not yet sent (the broker was down): say so, not "queued again".
            messages.warning(self.request, report.error)
            return None
        return gettext("The report was queued again.")


# --- Schedules ----------------------------------------------------------------------------------


class ScheduleListView(PageMixin, PortalAccessMixin, ListView):
    # django-celery-beat's own rows, which belong to no school: the permission
    # (administrators only) is their whole scope.
    permission_required = "reports.manage_schedules"
    model = PeriodicTask
    template_name = "reports/schedule_list.html"
    title = _("Schedules")
    context_object_name = "schedules"

    def get_queryset(self):
        return PeriodicTask.objects.select_related("crontab", "interval").order_by("name")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["descriptions"] = DESCRIPTIONS
        return context


class ScheduleUpdateView(ServiceFormMixin, PageMixin, PortalAccessMixin, UpdateView):
    permission_required = "reports.manage_schedules"
    model = PeriodicTask
    form_class = ScheduleForm
    template_name = "generic/object_form.html"
    success_url = reverse_lazy("reports:schedule_list")

    def get_title(self):
        return gettext("Edit the schedule %(name)s") % {"name": self.object.name}

    def perform(self, form):
        services.schedule_update(task=self.object, **form.cleaned_data)
        messages.success(self.request, gettext("The schedule was saved."))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["cancel_url"] = reverse("reports:schedule_list")
        return context
