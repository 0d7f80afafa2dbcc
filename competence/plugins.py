"""Everything the competence app plugs into the one registry (vuxportal/registry.py):
metrics, menu, start-page panels, the sessions on goals' and actions' pages, its kind of
responsibility, API routes and its demo and scale data. Imported once at start-up."""

from django.utils.translation import gettext_lazy as _

import competence.search  # noqa: F401  (registers what the header search finds)
from organisation.responsibilities import Responsibility
from vuxportal.celery import Schedule
from vuxportal.navigation import MenuItem
from vuxportal.registry import DetailPanel, Seeder, registry

from . import figures, metrics, report_sections, selectors, startpage
from .api import views as api
from .models import TrainingActivity
from .projects import PROVIDER as PROJECT_HOURS

for metric in metrics.METRICS:
    registry.metrics.register(metric)

# Its section of the board report (reports knows none of the parts' data).
registry.report_sections.register(
    report_sections.SECTION, key=report_sections.SECTION.key, order=20
)

for order, label, url_name, permission in (
    (30, _("Training"), "competence:activity_list", "competence.view_activities"),
    (31, _("Self-assessment"), "competence:self_assessment_list", "competence.self_assess"),
    (32, _("Training log"), "competence:record_list", "competence.log_training"),
    (33, _("Practice examples"), "competence:example_list", "competence.share_practice"),
    (34, _("Competence overview"), "competence:aggregate", "competence.view_aggregates"),
    (35, _("Competence needs"), "competence:needs", "competence.view_aggregates"),
    (36, _("My development plan"), "competence:plan_mine", "competence.self_assess"),
    (37, _("Staff development plans"), "competence:plan_list", "competence.view_staff_training"),
):
    registry.menu.register(
        MenuItem(label, url_name, part="competence"),
        key=url_name,
        order=order,
        permission=permission,
    )
# The part's start page (/kompetens/) with its key figures.
registry.menu.register(
    MenuItem(_("Overview"), "competence:start", part="competence", start=True),
    key="competence:start",
    order=29,
)
registry.panels.register(figures.PANEL, order=30)

# The sessions and attended hours of organisation's projects (organisation values them).
registry.project_hours.register(PROJECT_HOURS, key="competence")

registry.panels.register(startpage.MY_TRAINING, order=30)
registry.panels.register(startpage.SCHOOL_TRAINING, order=31)


# The chain goal → action → session → attendance: goals' pages list the sessions serving
# an action (or a goal's actions) without goals importing competence.
def _action_sessions(request, action):
    return {**selectors.sessions_of_action(user=request.user, action=action), "per_goal": False}


def _goal_sessions(request, goal):
    return {**selectors.sessions_of_goal(user=request.user, goal=goal), "per_goal": True}


for model, get_context in (("goals.Action", _action_sessions), ("goals.Goal", _goal_sessions)):
    registry.detail_panels.register(
        DetailPanel(model, "competence/activity_detail_chain.html", get_context),
        order=30,
        permission="competence.view_activities",
    )

# Upcoming training sessions a person organises are handed over when they leave.
registry.responsibilities.register(
    Responsibility(
        key="competence.trainingactivity",
        label=_("Upcoming training sessions"),
        queryset=lambda: TrainingActivity.objects.upcoming(),
        person_field="organiser",
        school_path="school",
        order=40,
    )
)

# The day before a session, everyone enrolled is reminded (in the morning, Swedish time).
registry.schedules.register(
    Schedule(
        "Påminnelser om utbildningstillfällen",
        "competence.tasks.send_session_reminders",
        _("Emails everyone enrolled in a training session the day before it."),
        minute="0",
        hour="7",
    )
)

for route in (
    ("competence/frameworks", api.FrameworkViewSet, "competence-framework"),
    ("competence/sessions", api.TrainingActivityViewSet, "training-session"),
    ("competence/enrolments", api.EnrolmentViewSet, "enrolment"),
    ("competence/training-records", api.TrainingRecordViewSet, "training-record"),
    ("competence/practice-examples", api.PracticeExampleViewSet, "practice-example"),
    ("needs", api.NeedViewSet, "need"),
    ("development-plans", api.DevelopmentPlanViewSet, "development-plan"),
):
    registry.api_routes.register(route, key=route[2])


# The demo and scale code is imported only when seed_demo / seed_scale run.
def seed_demo(demo):
    from .demo import seed

    seed(demo)


def seed_scale(ctx):
    from .scale import seed

    seed(ctx)


registry.demo_seeders.register(Seeder(seed_demo), key="competence", order=30)
registry.scale_seeders.register(Seeder(seed_scale), key="competence", order=30)
