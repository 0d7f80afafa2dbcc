"""Metrics from the plan's own data, for automatic indicators."""

from django.db.models import Count, F, Q
from django.utils.translation import gettext_lazy as _

from vuxportal.metrics import MetricList

from .models import Action

# Defined here beside their queries; plugins.py registers them.
METRICS = MetricList()

CLOSED = (Action.Status.CANCELLED,)


def _actions_due(*, school, start, end):
    """Actions due in the date range (not cancelled, not withdrawn); for a school, those
    covering it (an action with no schools covers the whole organisation). A closed
    period's value was stored when it closed, so a later withdrawal does not change it."""
    actions = (
        Action.objects.in_use()
        .filter(due_on__gte=start, due_on__lte=end)
        .exclude(status__in=CLOSED)
    )
    if school is not None:
        actions = actions.filter(Q(schools=school) | Q(schools__isnull=True))
    return Action.objects.filter(pk__in=actions.values("pk")).order_by("due_on", "title")


@METRICS.define(
    "goals.actions_on_time",
    label=_("Actions done on time"),
    unit="percent",
    description=_("Share of the actions due in the period that were done by their due date."),
    records=_actions_due,
)
def actions_on_time(*, school, start, end):
    totals = _actions_due(school=school, start=start, end=end).aggregate(
        total=Count("pk"),
        on_time=Count(
            "pk",
            filter=Q(status=Action.Status.DONE, completed_on__isnull=False)
            & Q(completed_on__lte=F("due_on")),
        ),
    )
    if not totals["total"]:
        return None
    return 100 * totals["on_time"] / totals["total"]
