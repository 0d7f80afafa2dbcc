"""Metrics from the organisation's own data, for automatic indicators."""

from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.db import connection
from django.db.models import Aggregate, Count, DurationField, ExpressionWrapper, F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vuxportal.metrics import MetricList
from vuxportal.roles import STAFF_ROLES

from .models import (
    Meeting,
    Membership,
    Routine,
    ScanningNote,
    SupportRequest,
    User,
    WorkingGroup,
)

# Defined here beside their queries; plugins.py registers them.
METRICS = MetricList()


def _active_staff(*, school, start, end):
    """People with a staff role that overlaps the date range."""
    memberships = Membership.objects.filter(
        Q(ends_on__isnull=True) | Q(ends_on__gt=start), starts_on__lte=end, role__in=STAFF_ROLES
    )
    if school is not None:
        memberships = memberships.filter(school=school)
    return User.objects.filter(is_active=True, pk__in=memberships.values("user_id"))


@METRICS.define(
    "organisation.active_staff",
    label=_("Active staff"),
    unit="count",
    description=_("People with a teacher, staff, school leader or IT role during the period."),
    records=_active_staff,
)
def active_staff(*, school, start, end):
    return _active_staff(school=school, start=start, end=end).count()


# --- Routines -------------------------------------------------------------------------------


def _routines(*, school, start, end):
    routines = Routine.objects.filter(is_active=True, created__date__lte=end)
    if school is not None:
        routines = routines.filter(Q(school=school) | Q(school__isnull=True))
    return routines


@METRICS.define(
    "organisation.routines_reviewed",
    label=_("Routines reviewed within their interval"),
    unit="percent",
    description=_(
        "Share of active routines whose last review is within their review interval at "
        "the end of the period (or today)."
    ),
    records=_routines,
)
def routines_reviewed(*, school, start, end):
    on = min(end, timezone.localdate())
    result = _routines(school=school, start=start, end=end).aggregate(
        total=Count("pk"), ok=Count("pk", filter=Q(next_review_on__gt=on))
    )
    if not result["total"]:
        return None
    return Decimal(result["ok"] * 100) / result["total"]


# --- Support requests -----------------------------------------------------------------------


class Median(Aggregate):
    """PostgreSQL's ``percentile_cont(0.5)``; works on intervals and numbers alike."""

    function = "percentile_cont"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
    allow_distinct = False


def _duration():
    return ExpressionWrapper(F("resolved_at") - F("created"), output_field=DurationField())


def _school_requests(school):
    requests = SupportRequest.objects.all()
    return requests if school is None else requests.filter(school=school)


def _resolved_requests(*, school, start, end):
    return _school_requests(school).filter(
        status=SupportRequest.Status.RESOLVED,
        resolved_at__date__gte=start,
        resolved_at__date__lte=end,
    )


def median_duration(queryset) -> timedelta | None:
    """The median time from filing to resolving, computed in the database: one
    ``percentile_cont`` on PostgreSQL, elsewhere (SQLite) a count and the middle row(s)
    of the ordered durations — two queries however many requests there are."""
    queryset = queryset.annotate(duration=_duration()).order_by()
    if connection.vendor == "postgresql":
        return queryset.aggregate(median=Median("duration", output_field=DurationField()))["median"]
    count = queryset.count()
    if not count:
        return None
    middle = list(
        queryset.order_by("duration").values_list("duration", flat=True)[
            (count - 1) // 2 : count // 2 + 1
        ]
    )
    return sum(middle, timedelta()) / len(middle)


@METRICS.define(
    "organisation.support_median_days",
    label=_("Median days to resolve a support request"),
    unit="days",
    description=_("Median time from filing to resolving, for requests resolved in the period."),
    records=_resolved_requests,
)
def support_median_days(*, school, start, end):
    median = median_duration(_resolved_requests(school=school, start=start, end=end))
    if median is None:
        return None
    return Decimal(median.total_seconds()) / Decimal(86400)


def _filed_requests(*, school, start, end):
    return _school_requests(school).filter(created__date__gte=start, created__date__lte=end)


@METRICS.define(
    "organisation.support_resolved_within_target",
    label=_("Support requests resolved within the target time"),
    unit="percent",
    description=_(
        "Share of the requests filed in the period that were resolved within "
        "SUPPORT_RESOLUTION_TARGET_DAYS days (5 unless configured)."
    ),
    records=_filed_requests,
)
def support_resolved_within_target(*, school, start, end):
    target = timedelta(days=getattr(settings, "SUPPORT_RESOLUTION_TARGET_DAYS", 5))
    result = (
        _filed_requests(school=school, start=start, end=end)
        .annotate(duration=_duration())
        .aggregate(
            total=Count("pk"),
            ok=Count(
                "pk",
                filter=Q(status=SupportRequest.Status.RESOLVED, duration__lte=target),
            ),
        )
    )
    if not result["total"]:
        return None
    return Decimal(result["ok"] * 100) / result["total"]


# --- Working groups and scanning ------------------------------------------------------------


def _people_at(school):
    return Membership.objects.filter(school=school).values("user_id")


def _meetings(*, school, start, end):
    meetings = Meeting.objects.filter(held_on__gte=start, held_on__lte=end)
    if school is not None:
        # A group's meetings count for every school that has a member in it.
        groups = WorkingGroup.members.through.objects.filter(user_id__in=_people_at(school)).values(
            "workinggroup_id"
        )
        meetings = meetings.filter(group__in=groups)
    return meetings


@METRICS.define(
    "organisation.meetings_held",
    label=_("Working-group meetings held"),
    unit="count",
    description=_("Meetings of working groups in the period (for a school: groups it sits in)."),
    records=_meetings,
)
def meetings_held(*, school, start, end):
    return _meetings(school=school, start=start, end=end).count()


def _scanning_notes(*, school, start, end):
    notes = ScanningNote.objects.filter(noted_on__gte=start, noted_on__lte=end)
    if school is not None:
        notes = notes.filter(author_id__in=_people_at(school))
    return notes


@METRICS.define(
    "organisation.scanning_notes",
    label=_("Environmental scanning notes"),
    unit="count",
    description=_("Scanning notes written in the period (for a school: by its staff)."),
    records=_scanning_notes,
)
def scanning_notes(*, school, start, end):
    return _scanning_notes(school=school, start=start, end=end).count()
