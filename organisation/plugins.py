"""Everything the organisation app plugs into the one registry (vuxportal/registry.py):
metrics, menu, start-page panels, its kinds of responsibility, API routes, schedules and
its demo and scale data. Imported once at start-up."""

from django.utils.translation import gettext_lazy as _

import organisation.search  # noqa: F401  (registers what the header search finds)
from vuxportal.celery import Schedule
from vuxportal.navigation import MenuItem
from vuxportal.registry import Seeder, registry

from . import figures, metrics, report_sections, startpage
from .api import views as api
from .models import Decision, Routine, School, WorkingGroup
from .responsibilities import Responsibility

for metric in metrics.METRICS:
    registry.metrics.register(metric)

# Its section of the board report (reports knows none of the parts' data).
registry.report_sections.register(
    report_sections.SECTION, key=report_sections.SECTION.key, order=30
)
# The projects of a project report (built only for that kind).
registry.report_sections.register(
    report_sections.PROJECTS_SECTION, key=report_sections.PROJECTS_SECTION.key, order=90
)

# (order, label, URL name, the permission that shows it)
for order, label, url_name, permission in (
    (60, _("Support"), "organisation:support_list", "organisation.use_support"),
    (
        65,
        _("Working groups"),
        "organisation:working_group_list",
        "organisation.view_working_groups",
    ),
    (68, _("Projects"), "organisation:project_list", "organisation.view_projects"),
    (70, _("Routines"), "organisation:routine_list", "organisation.view_routines"),
    (
        72,
        _("Responsibility"),
        "organisation:responsibilities",
        "organisation.view_responsibilities",
    ),
    (75, _("Scanning"), "organisation:scanning_list", "organisation.view_scanning"),
    (80, _("People"), "organisation:person_list", "organisation.view_people"),
    (85, _("Schools"), "organisation:school_list", "organisation.manage_schools"),
):
    registry.menu.register(
        MenuItem(label, url_name, part="organisation"),
        key=url_name,
        order=order,
        permission=permission,
    )
# The part's start page (/organisation/) with its key figures.
registry.menu.register(
    MenuItem(_("Overview"), "organisation:start", part="organisation", start=True),
    key="organisation:start",
    order=59,
)
registry.panels.register(figures.PANEL, order=60)

registry.panels.register(startpage.SUPPORT, order=40)
registry.panels.register(startpage.MY_GROUPS, order=45)
registry.panels.register(startpage.ROUTINES_DUE, order=50)
registry.panels.register(startpage.LEAVERS, order=55)

registry.responsibilities.register(
    Responsibility(
        key="organisation.working_group",
        label=_("Working groups (convener)"),
        queryset=lambda: WorkingGroup.objects.filter(is_active=True),
        person_field="convener",
        order=60,
    )
)
registry.responsibilities.register(
    Responsibility(
        key="organisation.routine",
        label=_("Routines"),
        queryset=lambda: Routine.objects.filter(is_active=True),
        person_field="owner",
        school_path="school",
        order=70,
    )
)
registry.responsibilities.register(
    Responsibility(
        key="organisation.decision",
        label=_("Decisions of working groups"),
        queryset=lambda: Decision.objects.select_related("meeting__group"),
        person_field="responsible",
        order=80,
    )
)

for route in (
    ("schools", api.SchoolViewSet, "school"),
    ("people", api.PersonViewSet, "person"),
    ("memberships", api.MembershipViewSet, "membership"),
    ("working-groups", api.WorkingGroupViewSet, "workinggroup"),
    ("routines", api.RoutineViewSet, "routine"),
    ("support-requests", api.SupportRequestViewSet, "supportrequest"),
    ("scanning-notes", api.ScanningNoteViewSet, "scanningnote"),
    ("projects", api.ProjectViewSet, "project"),
):
    registry.api_routes.register(route, key=route[2])

registry.schedules.register(
    Schedule(
        "Påminnelser om översyn av rutiner",
        "organisation.tasks.remind_routine_reviews",
        _("Weekly reminder of routines due for review."),
        minute="0",
        hour="8",
        day_of_week="1",
    )
)


# The demo and scale code is imported only when seed_demo / seed_scale run.
def seed_demo(demo):
    from .demo import seed

    seed(demo)


def seed_scale(ctx):
    from .scale import seed

    seed(ctx)


# Organisation first: the parts' data needs its schools and people.
registry.demo_seeders.register(Seeder(seed_demo), key="organisation", order=10)
registry.scale_seeders.register(
    # seed_scale needs an empty database, and there is none without schools.
    Seeder(seed_scale, holds_data=lambda: School.objects.exists()),
    key="organisation",
    order=10,
)
