"""The goals panel on the start page: the dashboard summary for leaders and
administrators (with the reporting link), a read-only one for everyone else."""

from vuxportal.roles import Role
from vuxportal.startpage import Panel

from . import selectors


def summary(request):
    user = request.user
    # The panel lists each goal's status only: no indicator is read.
    data = selectors.dashboard(
        period=selectors.current_period(), user=user, live=False, indicators=False
    )
    return {"data": data, "can_report": user.has_perm("goals.report")}


# Registered in plugins.py.
SUMMARY = Panel("goals/startpage_panel.html", roles=tuple(Role.values), get_context=summary)
