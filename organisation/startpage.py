"""Start-page panels of the organisation app: my working groups, my support requests
(and those waiting for me as a handler), routines due for review, people who left."""

from django.db.models import Count, Max, Q

from vuxportal.roles import Role
from vuxportal.startpage import Panel

from .models import Routine, SupportRequest, WorkingGroup
from .selectors import leavers_with_responsibilities

ALL_ROLES = tuple(Role.values)


def my_groups(request):
    groups = (
        WorkingGroup.objects.of_member(request.user)
        .filter(is_active=True)
        .annotate(last_meeting=Max("meetings__held_on"))
        .order_by("name")
    )
    return {"groups": groups}


def support(request):
    user = request.user
    visible = SupportRequest.objects.visible_to(user)
    mine = visible.filter(requester=user).order_by("-created")[:5]
    to_handle = (
        SupportRequest.objects.editable_by(user)
        .exclude(status=SupportRequest.Status.RESOLVED)
        .aggregate(open=Count("pk"), new=Count("pk", filter=Q(status=SupportRequest.Status.NEW)))
    )
    return {"mine": mine, "to_handle": to_handle}


def routines_due(request):
    due = Routine.objects.due().filter(owner=request.user).order_by("next_review_on")
    return {"routines": due[:10]}


def leavers(request):
    return {"leavers": leavers_with_responsibilities()[:10]}


# What the start page shows, and to whom; plugins.py registers them in this order.
SUPPORT = Panel("organisation/panels/support.html", ALL_ROLES, get_context=support)
MY_GROUPS = Panel("organisation/panels/my_groups.html", ALL_ROLES, get_context=my_groups)
ROUTINES_DUE = Panel(
    "organisation/panels/routines_due.html",
    (Role.SCHOOL_LEADER, Role.IT_STAFF, Role.ADMINISTRATOR),
    get_context=routines_due,
)
LEAVERS = Panel("organisation/panels/leavers.html", (Role.ADMINISTRATOR,), get_context=leavers)
