import django_tables2 as tables
from django.utils.formats import localize
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from vuxportal.tables import ATTRS, Table

from .models import Action, ReportingPeriod


class ActionTable(Table):
    title = tables.Column(linkify=True, verbose_name=_("Action"))
    goals = tables.Column(verbose_name=_("Goals"), orderable=False, empty_values=())
    responsible = tables.Column(verbose_name=_("Responsible"), order_by=("responsible__last_name",))
    due_on = tables.Column(verbose_name=_("Due on"), empty_values=())
    status = tables.Column(verbose_name=_("Status"))
    progress = tables.Column(verbose_name=_("Progress"), empty_values=())

    class Meta:
        model = Action
        fields = ["title", "goals", "responsible", "due_on", "status", "progress"]
        attrs = ATTRS
        row_attrs = {"class": lambda record: "action-overdue" if record.is_overdue else ""}

    def render_goals(self, record):
        return format_html_join(
            "",
            '<span class="d-block">{}. {}</span>',
            ((goal.number, Truncator(goal.title).chars(50)) for goal in record.goals.all()),
        )

    def render_due_on(self, record):
        if not record.due_on:
            return "–"
        if record.is_overdue:
            overdue = gettext("Overdue")
            return format_html(
                '{} <span class="badge-overdue">{}</span>', localize(record.due_on), overdue
            )
        return localize(record.due_on)

    def render_progress(self, value):
        return format_html("{} %", localize(value))


class PeriodTable(Table):
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
        attrs = ATTRS
        order_by = ("-name",)

    def render_name(self, record):
        return str(record)
