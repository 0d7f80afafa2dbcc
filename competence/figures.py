"""The key figures on the competence part's start page (/kompetens/), a panel registered
in plugins.py: one's own training for everyone, the staff's for leaders."""

from django.db.models import Count, Q, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from vuxportal.roles import Role
from vuxportal.startpage import Figure, Panel

from .models import Enrolment, TrainingActivity, TrainingRecord


def part_figures(request) -> dict:
    user = request.user
    year = timezone.localdate().year
    records = TrainingRecord.objects.visible_to(user).filter(date__year=year)
    sessions = reverse("competence:activity_list")
    figures = [
        Figure(
            _("My training hours in %(year)s") % {"year": year},
            records.filter(person=user).aggregate(h=Sum("hours"))["h"] or 0,
            reverse("competence:record_list"),
        ),
        Figure(
            _("My upcoming sessions"),
            Enrolment.objects.visible_to(user)
            .filter(
                person=user,
                status__in=[Enrolment.Status.ENROLLED, Enrolment.Status.WAITING],
                activity__ends_at__gte=timezone.now(),
            )
            .count(),
            sessions,
        ),
        Figure(
            _("Upcoming sessions"),
            TrainingActivity.objects.visible_to(user)
            .upcoming()
            .filter(cancelled_at__isnull=True)
            .count(),
            sessions,
        ),
    ]
    if user.has_perm("competence.view_staff_training"):
        # As the start page's panel counts them: every entry the leader sees, and those of
        # others still waiting for confirmation.
        staff = records.aggregate(
            hours=Sum("hours"),
            unconfirmed=Count("pk", filter=Q(confirmed_at__isnull=True) & ~Q(person=user)),
        )
        url = reverse("competence:staff_records")
        figures += [
            Figure(
                _("Staff training hours in %(year)s") % {"year": year}, staff["hours"] or 0, url
            ),
            Figure(_("Entries waiting for confirmation"), staff["unconfirmed"], url),
        ]
    return {"figures": figures}


# Registered in plugins.py.
PANEL = Panel(
    "parts/figures.html", roles=tuple(Role.values), get_context=part_figures, part="competence"
)
