from django.utils.translation import gettext_lazy as _

from vuxportal.navigation import MenuItem, menu

menu.add(
    MenuItem(_("Support"), "organisation:support_list", "organisation.use_support", order=60),
    MenuItem(
        _("Working groups"),
        "organisation:working_group_list",
        "organisation.view_working_groups",
        order=65,
    ),
    MenuItem(_("Routines"), "organisation:routine_list", "organisation.view_routines", order=70),
    MenuItem(
        _("Responsibility"),
        "organisation:responsibilities",
        "organisation.view_responsibilities",
        order=72,
    ),
    MenuItem(_("Scanning"), "organisation:scanning_list", "organisation.view_scanning", order=75),
    MenuItem(_("People"), "organisation:person_list", "organisation.view_people", order=80),
    MenuItem(_("Schools"), "organisation:school_list", "organisation.manage_schools", order=85),
)
