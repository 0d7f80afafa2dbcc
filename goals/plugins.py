"""Everything the goals app plugs into the one registry (vuxportal/registry.py):
metrics, menu, start-page panel, its kinds of responsibility, the meeting page's decision
links, API routes, schedules and its demo and scale data. Imported once at start-up."""

from django.utils.translation import gettext_lazy as _

import goals.search  # noqa: F401  (registers what the header search finds)
from organisation.responsibilities import Responsibility
from vuxportal.celery import Schedule
from vuxportal.navigation import MenuItem
from vuxportal.registry import Seeder, registry

from . import metrics, report_sections, startpage
from .api import views as api
from .decisions import decision_action_links
from .models import Action, Goal, Prerequisite

for metric in metrics.METRICS:
    registry.metrics.register(metric)

# Its section of the board report (reports knows none of the parts' data).
registry.report_sections.register(
    report_sections.SECTION, key=report_sections.SECTION.key, order=10
)

registry.menu.register(
    # The dashboard is the part's start page (/mal/).
    MenuItem(_("Overview"), "goals:dashboard", section="goals", part="goals", start=True),
    key="goals:dashboard",
    order=10,
    permission="goals.view_dashboard",
)
registry.menu.register(
    MenuItem(_("Reporting"), "goals:period_list", section="goals", part="goals"),
    key="goals:period_list",
    order=20,
    permission="goals.report",
)
registry.menu.register(
    MenuItem(_("Actions"), "goals:action_list", part="goals"),
    key="goals:action_list",
    order=25,
    permission="goals.view_dashboard",
)

registry.panels.register(startpage.SUMMARY, order=10)

registry.responsibilities.register(
    Responsibility(
        key="goals.goal",
        label=_("Goals"),
        queryset=lambda: Goal.objects.select_related("plan"),
        person_field="responsible",
        order=10,
    )
)
registry.responsibilities.register(
    Responsibility(
        key="goals.prerequisite",
        label=_("Prerequisites"),
        queryset=lambda: Prerequisite.objects.select_related("plan"),
        person_field="responsible",
        order=11,
    )
)
registry.responsibilities.register(
    Responsibility(
        key="goals.action",
        label=_("Actions"),
        queryset=lambda: Action.objects.select_related("plan"),
        person_field="responsible",
        group_field="responsible_group",
        school_path="schools",
        order=12,
    )
)

registry.decision_links.register(decision_action_links, key="goals.action")

for route in (
    ("goals", api.GoalViewSet, "goal"),
    ("indicators", api.IndicatorViewSet, "indicator"),
    ("periods", api.ReportingPeriodViewSet, "period"),
    ("measurements", api.MeasurementViewSet, "measurement"),
    ("assessments", api.GoalAssessmentViewSet, "assessment"),
    ("actions", api.ActionViewSet, "action"),
):
    registry.api_routes.register(route, key=route[2])

registry.schedules.register(
    Schedule(
        "Nattlig ögonblicksbild av automatiska indikatorer",
        "goals.tasks.snapshot_open_periods",
        _("Stores the live values of automatic indicators for the open periods."),
        minute="15",
        hour="2",
    )
)
registry.schedules.register(
    Schedule(
        "Påminnelser före sista rapportdag",
        "goals.tasks.remind_before_deadlines",
        _("Emails school leaders who have not submitted before a deadline."),
        minute="0",
        hour="7",
    )
)


# The demo and scale code is imported only when seed_demo / seed_scale run.
def seed_demo(demo):
    from .demo import seed

    seed(demo)


def seed_scale(ctx):
    from .scale import seed

    seed(ctx)


registry.demo_seeders.register(Seeder(seed_demo), key="goals", order=20)
registry.scale_seeders.register(Seeder(seed_scale), key="goals", order=20)
