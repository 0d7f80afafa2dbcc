"""The IT staff's start-page panel: overdue loans, the waiting list, devices in repair."""

from django.db.models import Count, Q
from django.utils import timezone

from vuxportal.roles import Role
from vuxportal.startpage import Panel

from .models import Device, Loan, Student


def it_panel_context(request):
    user = request.user
    today = timezone.localdate()
    loans = Loan.objects.visible_to(user).aggregate(
        open=Count("pk", filter=Q(returned_on__isnull=True)),
        overdue=Count("pk", filter=Q(returned_on__isnull=True, due_on__lt=today)),
    )
    devices = Device.objects.visible_to(user).aggregate(
        in_repair=Count("pk", filter=Q(status=Device.Status.IN_REPAIR)),
        in_stock=Count("pk", filter=Q(status=Device.Status.IN_STOCK)),
    )
    return {
        "open_loans": loans["open"],
        "overdue_loans": loans["overdue"],
        "waiting": Student.objects.visible_to(user).waiting().count(),
        "in_repair": devices["in_repair"],
        "in_stock": devices["in_stock"],
    }


# Registered in plugins.py.
IT_PANEL = Panel(
    "infrastructure/partials/it_panel.html", roles=(Role.IT_STAFF,), get_context=it_panel_context
)
