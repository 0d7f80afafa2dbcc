from django.utils.translation import gettext_lazy as _

from vuxportal.navigation import MenuItem, menu

menu.add(
    MenuItem(_("Devices"), "infrastructure:device_list", "infrastructure.view_devices", order=50),
    MenuItem(_("Loans"), "infrastructure:loan_list", "infrastructure.view_students", order=52),
    MenuItem(
        _("Device coverage"), "infrastructure:coverage", "infrastructure.view_coverage", order=54
    ),
    MenuItem(_("Systems"), "infrastructure:system_list", "infrastructure.view_systems", order=56),
)
