"""Competence's part of a project's page and report (organisation/selectors.py,
``ProjectHours``): the project's training sessions, and the hours of those who attended
them. Registered in ``plugins.py``; organisation places the hours at schools and roles
and values them, because people's roles and hourly costs are its data."""

from __future__ import annotations

from django.db.models import Count, Q, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from organisation.selectors import HoursRow, ProjectHours, SessionRow

from .models import Enrolment, TrainingActivity


def _attended(prefix: str = "") -> Q:
    """An hour counts when the person was marked as attending a session that was held."""
    return Q(
        **{
            f"{prefix}status": Enrolment.Status.ENROLLED,
            f"{prefix}attendance": Enrolment.Attendance.ATTENDED,
            f"{prefix}activity__cancelled_at__isnull": True,
        }
    )


def hours(project_ids, *, start=None, end=None) -> list[HoursRow]:
    """One query: attended hours per project, person and month (months in local time)."""
    enrolments = Enrolment.objects.filter(_attended(), activity__project_id__in=project_ids)
    if start is not None:
        enrolments = enrolments.filter(activity__starts_at__date__gte=start)
    if end is not None:
        enrolments = enrolments.filter(activity__starts_at__date__lte=end)
    rows = (
        enrolments.annotate(
            month=TruncMonth("activity__starts_at", tzinfo=timezone.get_current_timezone())
        )
        .values("activity__project_id", "person_id", "month")
        .annotate(total=Sum("activity__hours"))
        .order_by("activity__project_id", "month", "person_id")
    )
    return [
        HoursRow(r["activity__project_id"], r["person_id"], _as_date(r["month"]), r["total"])
        for r in rows
    ]


def _as_date(value):
    return value.date() if hasattr(value, "date") else value


def sessions(project_ids, user) -> list[SessionRow]:
    """One query: the sessions ``user`` sees (all of them for a report) with how many
    attended."""
    activities = (
        TrainingActivity.objects.all()
        if user is None
        else (TrainingActivity.objects.visible_to(user))
    )
    activities = (
        activities.filter(project_id__in=project_ids)
        .annotate(attended=Count("enrolments", filter=_attended(prefix="enrolments__")))
        .order_by("starts_at", "pk")
    )
    return [
        SessionRow(
            project_id=a.project_id,
            title=a.title,
            url=a.get_absolute_url(),
            starts_at=a.starts_at,
            hours=a.hours,
            participants=a.attended,
            cancelled=a.cancelled_at is not None,
        )
        for a in activities
    ]


PROVIDER = ProjectHours(hours=hours, sessions=sessions)
