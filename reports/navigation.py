from django.utils.translation import gettext_lazy as _

from vuxportal.navigation import MenuItem, menu

menu.add(MenuItem(_("Reports"), "reports:report_list", "reports.view_reports", order=60))
