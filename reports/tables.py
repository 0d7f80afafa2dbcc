import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from vuxportal.tables import ATTRS, DateTimeColumn, Table

from .models import Report


class ReportTable(Table):
    kind = tables.Column(verbose_name=_("Report"), linkify=True)
    period = tables.Column(verbose_name=_("Period"), order_by=("period__sort_key",))
    school = tables.Column(
        verbose_name=_("School"), default=_("Whole organisation"), order_by=("school__name",)
    )
    status = tables.Column(verbose_name=_("Status"), empty_values=())
    requested_by = tables.Column(
        verbose_name=_("Requested by"), default=_("Schedule"), order_by=("requested_by__email",)
    )
    created = DateTimeColumn(verbose_name=_("Requested"), format="Y-m-d H:i")

    class Meta:
        model = Report
        fields = ["kind", "period", "school", "status", "requested_by", "created"]
        attrs = ATTRS

    # The start page's panel shows the same badge (reports/partials/status_cell.html).
    def render_status(self, record):
        label = self.label(record, "status")
        if record.status == Report.Status.RUNNING:
            label = format_html("{} ({} %)", label, record.progress)
        badge = format_html(
            '<span class="report-status report-status-{}">{}</span>', record.status, label
        )
        if record.is_draft:
            draft = gettext("Draft")
            return format_html(
                '{} <span class="badge text-bg-light border">{}</span>', badge, draft
            )
        return badge
