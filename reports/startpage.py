"""The start page's "latest reports" panel for school leaders and administrators."""

from vuxportal.roles import Role
from vuxportal.startpage import Panel

from .models import Report


def latest_reports(request):
    reports = Report.objects.visible_to(request.user).with_list_columns()[:5]
    return {"reports": list(reports)}


# Registered in plugins.py.
LATEST_REPORTS = Panel(
    "reports/partials/startpage_panel.html",
    roles=(Role.SCHOOL_LEADER, Role.ADMINISTRATOR),
    get_context=latest_reports,
)
