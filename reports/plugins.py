"""Everything the reports app plugs into the one registry (vuxportal/registry.py): menu,
start-page panel, API route, schedules and its demo data. Imported once at start-up."""

from django.utils.translation import gettext_lazy as _

from vuxportal.celery import Schedule
from vuxportal.navigation import MenuItem
from vuxportal.registry import Seeder, registry

from . import startpage
from .api import views as api

registry.menu.register(
    MenuItem(_("Reports"), "reports:report_list", part="reports"),
    key="reports:report_list",
    order=60,
    permission="reports.view_reports",
)

registry.panels.register(startpage.LATEST_REPORTS, order=60)

registry.api_routes.register(("reports", api.ReportViewSet, "report"), key="report")

registry.schedules.register(
    Schedule(
        "Rapportutkast efter sista rapportdag",
        "reports.tasks.draft_reports_after_deadline",
        _("The day after a period's deadline, a draft of the organisation's report."),
        minute="0",
        hour="5",
    )
)
registry.schedules.register(
    Schedule(
        "Köa om fastnade rapporter",
        "reports.tasks.requeue_stuck_reports",
        _("Sends again reports whose worker was lost or whose queue was down."),
        # Often, so a report whose worker died is done within two minutes (see
        # reports.services.STALE_AFTER); a run is one indexed query when nothing is stuck.
        every=20,
        replaces_minute="*/5",
    )
)


# The demo code is imported only when seed_demo runs.
def seed_demo(demo):
    from .demo import seed

    seed(demo)


registry.demo_seeders.register(Seeder(seed_demo), key="reports", order=50)
