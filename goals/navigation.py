from django.utils.translation import gettext_lazy as _

from vuxportal.navigation import MenuItem, menu

menu.add(
    MenuItem(_("Goals"), "goals:dashboard", "goals.view_dashboard", order=10, section="goals"),
    MenuItem(_("Reporting"), "goals:period_list", "goals.report", order=20, section="goals"),
    MenuItem(_("Actions"), "goals:action_list", "goals.view_dashboard", order=25),
)
