"""The goals panel on the start page: the dashboard summary for leaders and
administrators (with the reporting link), a read-only one for everyone else."""

from vuxportal.roles import Role
from vuxportal.startpage import Panel, register_panel

from . import selectors


def _context(request):
    user = request.user
    data = selectors.dashboard(period=selectors.current_period(), user=user, live=False)
    return {"data": data, "can_report": user.has_perm("goals.report")}


register_panel(
    Panel(
        template_name="goals/startpage_panel.html",
        roles=tuple(Role.values),
        order=10,
        get_context=_context,
    )
)
