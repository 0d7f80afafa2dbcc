"""Everything the infrastructure app plugs into the one registry (vuxportal/registry.py):
metrics and how their student rows are logged, menu, start-page panel, system owners as
a responsibility, API routes, schedules and its demo and scale data. Imported once at
start-up."""

from django.utils.translation import gettext_lazy as _

import infrastructure.search  # noqa: F401  (registers what the header search finds)
from organisation.responsibilities import Responsibility
from vuxportal.celery import Schedule
from vuxportal.navigation import MenuItem
from vuxportal.registry import Seeder, registry

from . import figures, metrics, report_sections, startpage
from .api import views as api
from .models import Loan, Student, System

for metric in metrics.METRICS:
    registry.metrics.register(metric)

# Its section of the board report (reports knows none of the parts' data).
registry.report_sections.register(
    report_sections.SECTION, key=report_sections.SECTION.key, order=40
)
# Drill-down rows naming a student are logged wherever they are shown.
registry.shown_loggers.register(metrics.students_shown, key=Student._meta.label)
registry.shown_loggers.register(metrics.loans_shown, key=Loan._meta.label)

for order, label, url_name, permission in (
    (50, _("Devices"), "infrastructure:device_list", "infrastructure.view_devices"),
    (52, _("Loans"), "infrastructure:loan_list", "infrastructure.view_students"),
    (54, _("Device coverage"), "infrastructure:coverage", "infrastructure.view_coverage"),
    (56, _("Systems"), "infrastructure:system_list", "infrastructure.view_systems"),
):
    registry.menu.register(
        MenuItem(label, url_name, part="infrastructure"),
        key=url_name,
        order=order,
        permission=permission,
    )
# The part's start page (/it/) with its key figures.
registry.menu.register(
    MenuItem(_("Overview"), "infrastructure:start", part="infrastructure", start=True),
    key="infrastructure:start",
    order=49,
)
registry.panels.register(figures.PANEL, order=40)

registry.panels.register(startpage.IT_PANEL, order=40)

registry.responsibilities.register(
    Responsibility(
        key="infrastructure.system",
        label=_("Systems (system owner)"),
        queryset=lambda: System.objects.all(),
        person_field="owner",
        order=60,
    )
)

for route in (
    ("devices", api.DeviceViewSet, "device"),
    ("loans", api.LoanViewSet, "loan"),
    ("systems", api.SystemViewSet, "system"),
):
    registry.api_routes.register(route, key=route[2])

registry.schedules.register(
    Schedule(
        "Påminnelser om försenade lån",
        "infrastructure.tasks.remind_overdue_loans",
        _("Emails about loan devices that are overdue."),
        minute="30",
        hour="7",
    )
)
# Borrowers are emailed in the morning (Swedish time), before the IT staff's overdue list.
registry.schedules.register(
    Schedule(
        "Påminnelser till låntagare",
        "infrastructure.tasks.remind_borrowers",
        _("Emails borrowers before a loan is due and once it is overdue."),
        minute="0",
        hour="7",
    )
)
registry.schedules.register(
    Schedule(
        "Pseudonymisering av tidigare låntagare",
        "infrastructure.tasks.pseudonymise_students",
        _("Pseudonymises students whose loans closed longer ago than the retention period."),
        minute="30",
        hour="3",
    )
)


# The demo and scale code is imported only when seed_demo / seed_scale run.
def seed_demo(demo):
    from .demo import seed

    seed(demo)


def seed_scale(ctx):
    from .scale import seed

    seed(ctx)


registry.demo_seeders.register(Seeder(seed_demo), key="infrastructure", order=40)
registry.scale_seeders.register(Seeder(seed_scale), key="infrastructure", order=40)
