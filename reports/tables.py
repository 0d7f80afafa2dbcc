import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from .models import Report


class ReportTable(tables.Table):
    kind = tables.Column(verbose_name=_("Report"), linkify=True)
    period = tables.Column(verbose_name=_("Period"), order_by=("period__sort_key",))
    school = tables.Column(
        verbose_name=_("School"), default=_("Whole organisation"), order_by=("school__name",)
    )
    status = tables.TemplateColumn(
        template_name="reports/partials/status_cell.html", verbose_name=_("Status")
    )
    requested_by = tables.Column(
        verbose_name=_("Requested by"), default=_("Schedule"), order_by=("requested_by__email",)
    )
    created = tables.DateTimeColumn(verbose_name=_("Requested"), format="Y-m-d H:i")

    class Meta:
        model = Report
        fields = ["kind", "period", "school", "status", "requested_by", "created"]
        attrs = {"class": "table table-striped align-middle"}
