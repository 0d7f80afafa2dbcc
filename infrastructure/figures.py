"""The key figures on the IT part's start page (/it/), a panel registered in plugins.py:
devices for everyone who keeps or follows them, loans and the waiting list for those who
may see students."""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from vuxportal.roles import Role
from vuxportal.startpage import Figure, Panel

from .models import Device, Loan, Student


def part_figures(request) -> dict:
    user = request.user
    figures = []
    if user.has_perm("infrastructure.view_devices"):
        devices = Device.objects.visible_to(user).aggregate(
            # "In use" as the coverage page counts it: every device not retired or lost.
            in_use=Count("pk", filter=~Q(status__in=[Device.Status.RETIRED, Device.Status.LOST])),
            in_stock=Count("pk", filter=Q(status=Device.Status.IN_STOCK)),
            in_repair=Count("pk", filter=Q(status=Device.Status.IN_REPAIR)),
        )
        url = reverse("infrastructure:device_list")
        figures += [
            Figure(_("Devices in use"), devices["in_use"], url),
            Figure(_("Devices in stock"), devices["in_stock"], f"{url}?status=in_stock"),
            Figure(_("Devices in repair"), devices["in_repair"], f"{url}?status=in_repair"),
        ]
    if user.has_perm("infrastructure.view_students"):
        loans = Loan.objects.visible_to(user).aggregate(
            open=Count("pk", filter=Q(returned_on__isnull=True)),
            overdue=Count(
                "pk", filter=Q(returned_on__isnull=True, due_on__lt=timezone.localdate())
            ),
        )
        url = reverse("infrastructure:loan_list")
        figures += [
            Figure(_("Devices on loan"), loans["open"], f"{url}?state=open"),
            Figure(_("Overdue loans"), loans["overdue"], f"{url}?state=overdue"),
            Figure(
                _("Students waiting for a loan device"),
                Student.objects.visible_to(user).waiting().count(),
                reverse("infrastructure:waiting_list"),
            ),
        ]
    return {"figures": figures}


# Registered in plugins.py; the figures follow the user's permissions, not the roles.
PANEL = Panel(
    "parts/figures.html", roles=tuple(Role.values), get_context=part_figures, part="infrastructure"
)
