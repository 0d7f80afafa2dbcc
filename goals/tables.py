import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from .models import Action, ReportingPeriod


class ActionTable(tables.Table):
    title = tables.Column(linkify=True, verbose_name=_("Action"))
    goals = tables.TemplateColumn(
        template_name="goals/partials/action_goals_cell.html",
        verbose_name=_("Goals"),
        orderable=False,
    )
    responsible = tables.Column(verbose_name=_("Responsible"), order_by=("responsible__last_name",))
    due_on = tables.TemplateColumn(
        template_name="goals/partials/action_due_cell.html", verbose_name=_("Due on")
    )
    status = tables.Column(verbose_name=_("Status"))
    progress = tables.TemplateColumn("{{ value }} %", verbose_name=_("Progress"))

    class Meta:
        model = Action
        fields = ["title", "goals", "responsible", "due_on", "status", "progress"]
        attrs = {"class": "table table-striped align-middle"}
        row_attrs = {"class": lambda record: "action-overdue" if record.is_overdue else ""}


class PeriodTable(tables.Table):
    name = tables.Column(
        accessor="pk", verbose_name=_("Period"), linkify=True, order_by=("sort_key",)
    )
    starts_on = tables.Column(verbose_name=_("Starts on"))
    ends_on = tables.Column(verbose_name=_("Ends on"))
    deadline = tables.Column(verbose_name=_("Deadline"))
    status = tables.Column(verbose_name=_("Status"))
    submitted = tables.Column(verbose_name=_("Submitted reports"), orderable=False)

    class Meta:
        model = ReportingPeriod
        fields = ["name", "starts_on", "ends_on", "deadline", "status", "submitted"]
        attrs = {"class": "table table-striped align-middle"}
        order_by = ("-name",)

    def render_name(self, record):
        return str(record)
