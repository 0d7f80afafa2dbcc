"""The goals panel on the start page: the dashboard summary for leaders and
administrators (with the reporting link), a read-only one for everyone else."""

from vuxportal.roles import Role
from vuxportal.startpage import Panel

from . import selectors


def summary(request):
    user = request.user
    data = selectors.dashboard(period=selectors.current_period(), user=user, live=False)
    return {"data": data, "can_report": user.has_perm("goals.report")}


# Registered in plugins.py.
SUMMARY = Panel("goals/startpage_panel.html", roles=tuple(Role.values), get_context=summary)
