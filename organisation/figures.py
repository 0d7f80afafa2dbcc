"""The key figures on the organisation part's start page (/organisation/), a panel
registered in plugins.py: what waits for the user in support, groups and routines."""

from django.urls import reverse
from django.utils.translation import gettext as _

from vuxportal.roles import Role
from vuxportal.startpage import Figure, Panel

from .models import Routine, SupportRequest, WorkingGroup


def part_figures(request) -> dict:
    user = request.user
    support = reverse("organisation:support_list")
    figures = [
        Figure(
            _("My open support requests"),
            SupportRequest.objects.visible_to(user).filter(requester=user).open().count(),
            f"{support}?involvement=mine",
        )
    ]
    # Only handlers (a routed group's members, the school's IT staff) have requests to
    # handle; for everyone else the figure would always be 0.
    to_handle = SupportRequest.objects.editable_by(user).open().count()
    if to_handle:
        figures.append(
            Figure(_("Open requests to handle"), to_handle, f"{support}?involvement=handling")
        )
    figures += [
        Figure(
            _("My working groups"),
            WorkingGroup.objects.visible_to(user).of_member(user).filter(is_active=True).count(),
            reverse("organisation:working_group_list"),
        ),
        # The routines the user may review: their own, or every one for administrators.
        Figure(
            _("Routines due for review"),
            Routine.objects.editable_by(user).due().count(),
            reverse("organisation:routine_list") + "?due=true",
        ),
    ]
    return {"figures": figures}


# Registered in plugins.py.
PANEL = Panel(
    "parts/figures.html", roles=tuple(Role.values), get_context=part_figures, part="organisation"
)
