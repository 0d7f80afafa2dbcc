from django.utils.translation import gettext_lazy as _

from vuxportal.navigation import MenuItem, menu

menu.add(
    MenuItem(_("People"), "organisation:person_list", "organisation.view_people", order=80),
    MenuItem(_("Schools"), "organisation:school_list", "organisation.manage_schools", order=85),
)
