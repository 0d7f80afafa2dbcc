"""What the goals part lets people find in the header's search (vuxportal/search.py):
goals, indicators and actions. Imported by plugins.py."""

from django.urls import reverse
from django.utils import formats
from django.utils.text import capfirst

from vuxportal.search import SearchKind, register

from .models import Action, Goal, Indicator


def _with_withdrawn(item, *parts) -> str:
    # A withdrawn item is still found (its page keeps its history), marked as such.
    if item.is_withdrawn:
        parts = (*parts, capfirst(item._meta.get_field("withdrawn_at").verbose_name))
    return " · ".join(str(part) for part in parts if part)


def _action_context(action) -> str:
    due = formats.date_format(action.due_on, "SHORT_DATE_FORMAT") if action.due_on else ""
    return _with_withdrawn(action, action.get_status_display(), due)


register(
    SearchKind(
        key="goals.goal",
        model=Goal,
        queryset=lambda user: Goal.objects.visible_to(user).select_related("plan"),
        text_fields=("title", "description"),
        trigram_fields=("title",),
        context=lambda goal: _with_withdrawn(goal, goal.plan, goal.get_part_display()),
        permission="goals.view_dashboard",
        order=40,
    ),
    SearchKind(
        key="goals.indicator",
        model=Indicator,
        queryset=lambda user: Indicator.objects.visible_to(user).select_related("goal"),
        text_fields=("name", "description"),
        trigram_fields=("name",),
        # Indicators have no page of their own: each is shown on its goal's page.
        url=lambda indicator: reverse("goals:goal_detail", args=[indicator.goal_id]),
        context=lambda indicator: _with_withdrawn(indicator, indicator.goal),
        permission="goals.view_dashboard",
        order=45,
    ),
    SearchKind(
        key="goals.action",
        model=Action,
        text_fields=("title", "description"),
        trigram_fields=("title",),
        context=_action_context,
        list_url_name="goals:action_list",
        permission="goals.view_dashboard",
        order=50,
    ),
)
