"""The start page's "latest reports" panel for school leaders and administrators."""

from vuxportal.roles import Role
from vuxportal.startpage import Panel, register_panel

from .models import Report


def latest_reports(request):
    reports = Report.objects.visible_to(request.user).with_list_columns()[:5]
    return {"reports": list(reports)}


register_panel(
    Panel(
        "reports/partials/startpage_panel.html",
        roles=(Role.SCHOOL_LEADER, Role.ADMINISTRATOR),
        order=60,
        get_context=latest_reports,
    )
)
