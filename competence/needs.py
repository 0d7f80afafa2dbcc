"""The needs analysis (issue 16): per framework with a target level and per competence, the
share of people below the target, its change since the previous period, and the planned
sessions that cover the competence with their free seats.

Privacy (DESIGN.md): a competence's share is withheld when fewer than
``MIN_AGGREGATE_GROUP_SIZE`` people rated it. Every number comes from a few SQL
aggregates; the number of queries does not grow with the data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db.models import Count, F, Q, Sum
from django.utils import timezone

from organisation.models import Membership
from vuxportal import aggregates
from vuxportal.roles import Role
from vuxportal.scoping import ALL, schools_for

from .models import Competence, Enrolment, Framework, Rating, SelfAssessment, TrainingActivity


def min_group_size() -> int:
    return settings.MIN_AGGREGATE_GROUP_SIZE


def need_schools(user, context):
    """The schools the user may see needs for, and the chosen school (``None`` = all of
    them). Leaders see their own schools, administrators every school."""
    reachable = schools_for(user, SelfAssessment, "view")
    schools = [s for s in context.schools if reachable is ALL or s.pk in reachable]
    school = context.school if context.school in schools else None
    return schools, school, reachable is ALL


def _share(part: int, whole: int) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(100 * part) / whole).quantize(Decimal("0.1"))


@dataclass
class NeedRow:
    framework: Framework
    competence: Competence
    people: int
    below: int
    previous_people: int = 0
    previous_below: int = 0
    sessions: int = 0
    free_seats: int = 0
    # A planned session without a capacity takes everyone: its seats are not counted.
    unlimited: bool = False

    @property
    def withheld(self) -> bool:
        return self.people < min_group_size()

    @property
    def share(self) -> Decimal | None:
        return None if self.withheld else _share(self.below, self.people)

    @property
    def previous_share(self) -> Decimal | None:
        if self.previous_people < min_group_size():
            return None
        return _share(self.previous_below, self.previous_people)

    @property
    def change(self) -> Decimal | None:
        """Percentage points since the previous period."""
        if self.share is None or self.previous_share is None:
            return None
        return self.share - self.previous_share

    @property
    def uncovered(self) -> bool:
        """A need (someone below target) that no planned session covers."""
        return not self.withheld and self.below > 0 and self.sessions == 0


@dataclass
class Needs:
    period: object
    previous: object
    rows: list[NeedRow] = field(default_factory=list)

    @property
    def min_size(self) -> int:
        return min_group_size()

    @property
    def uncovered(self) -> int:
        return sum(1 for row in self.rows if row.uncovered)


def audience_q(framework: Framework, prefix: str = "") -> Q:
    """People the framework is meant for: holders of one of its audience roles (any role
    when it names none)."""
    roles = framework.audience_roles or list(Role.values)
    people = Membership.objects.current().filter(role__in=roles).values("user_id")
    return Q(**{f"{prefix}person__in": people})


def _rating_counts(frameworks, periods, school_ids):
    """{(period id, competence id): (people, below target)}.

    Counting means reading every rating of the periods (tens of thousands at 50 schools),
    so the counts are cached until a self-assessment, a rating or a membership (who the
    audience is) changes (vuxportal.aggregates).
    Today's date is in the key since memberships start and end by date."""
    return aggregates.cached(
        "competence.needs",
        key=(
            [(f.pk, f.target_level, sorted(f.audience_roles or [])) for f in frameworks],
            [p.pk for p in periods],
            None if school_ids is None else sorted(school_ids),
            timezone.localdate(),
        ),
        sources=[
            SelfAssessment.objects.filter(framework__in=frameworks, period__in=periods),
            Rating.objects.all(),
            Membership.objects.all(),
        ],
        compute=lambda: _count_ratings(frameworks, periods, school_ids),
    )


def _count_ratings(frameworks, periods, school_ids):
    """One query for every framework and both periods."""
    audience = Q(pk__in=[])
    for framework in frameworks:
        audience |= Q(assessment__framework=framework) & audience_q(framework, "assessment__")
    ratings = Rating.objects.filter(audience, assessment__period__in=periods)
    if school_ids is not None:
        ratings = ratings.filter(assessment__school__in=school_ids)
    rows = (
        ratings.values("assessment__period_id", "competence_id")
        .annotate(
            people=Count("assessment__person", distinct=True),
            below=Count(
                "assessment__person",
                distinct=True,
                filter=Q(level__lt=F("assessment__framework__target_level")),
            ),
        )
        .order_by()
    )
    return {
        (r["assessment__period_id"], r["competence_id"]): (r["people"], r["below"]) for r in rows
    }


def planned_sessions(school_ids):
    """Upcoming, not cancelled sessions open to the schools: the whole organisation's and
    those the schools host."""
    sessions = TrainingActivity.objects.filter(starts_at__gte=timezone.now(), cancelled_at=None)
    if school_ids is not None:
        sessions = sessions.filter(Q(school=None) | Q(school__in=school_ids))
    return sessions


def _coverage(school_ids):
    """{competence id: (sessions, capacity, unlimited sessions, enrolled)} in two queries."""
    sessions = planned_sessions(school_ids)
    through = TrainingActivity.competences.through
    cover = {
        r["competence_id"]: r
        for r in through.objects.filter(trainingactivity__in=sessions)
        .values("competence_id")
        .annotate(
            n=Count("trainingactivity_id", distinct=True),
            capacity=Sum("trainingactivity__capacity"),
            unlimited=Count("pk", filter=Q(trainingactivity__capacity=None)),
        )
        .order_by()
    }
    enrolled = dict(
        Enrolment.objects.active()
        .filter(activity__in=sessions.exclude(capacity=None))
        .values_list("activity__competences")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return cover, enrolled


def needs_for(*, period, school_ids) -> Needs:
    """The needs over ``school_ids`` (``None`` = every school) in ``period``: one row per
    competence of each active framework with a target level."""
    previous = period.previous() if period else None
    needs = Needs(period=period, previous=previous)
    frameworks = list(Framework.objects.filter(is_active=True, target_level__isnull=False))
    if period is None or not frameworks:
        return needs
    periods = [period] + ([previous] if previous else [])
    counts = _rating_counts(frameworks, periods, school_ids)
    cover, enrolled = _coverage(school_ids)
    by_pk = {f.pk: f for f in frameworks}
    competences = Competence.objects.filter(area__framework__in=frameworks).select_related("area")
    for competence in competences.order_by("area__framework__name", "area__number", "order"):
        people, below = counts.get((period.pk, competence.pk), (0, 0))
        before = counts.get((previous.pk, competence.pk), (0, 0)) if previous else (0, 0)
        covered = cover.get(competence.pk, {})
        seats = (covered.get("capacity") or 0) - enrolled.get(competence.pk, 0)
        needs.rows.append(
            NeedRow(
                framework=by_pk[competence.area.framework_id],
                competence=competence,
                people=people,
                below=below,
                previous_people=before[0],
                previous_below=before[1],
                sessions=covered.get("n", 0),
                free_seats=max(0, seats),
                unlimited=bool(covered.get("unlimited")),
            )
        )
    return needs


def below_target_share(*, framework_code: str, school, start, end) -> Decimal | None:
    """For the metric: the share of ratings below the framework's target level, over all
    its competences, in the periods overlapping the range (each person's latest
    assessment). ``None`` without a target or below the minimum group size."""
    framework = Framework.objects.filter(code=framework_code, target_level__isnull=False).first()
    if framework is None:
        return None
    assessments = SelfAssessment.objects.filter(
        Q(audience_q(framework)),
        framework=framework,
        period__ends_on__gte=start,
        period__starts_on__lte=end,
    )
    if school is not None:
        assessments = assessments.filter(school=school)
    latest = assessments.order_by("person_id", "-period__sort_key").distinct("person_id")
    row = Rating.objects.filter(assessment__in=latest.values("pk")).aggregate(
        people=Count("assessment__person", distinct=True),
        whole=Count("pk"),
        part=Count("pk", filter=Q(level__lt=framework.target_level)),
    )
    if row["people"] < min_group_size():
        return None
    return _share(row["part"], row["whole"])


def excel(needs: Needs, *, title: str) -> bytes:
    """The needs table as an Excel workbook (the same columns as the page)."""
    from io import BytesIO

    from django.utils.translation import gettext as _
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = _("Needs")[:31]
    sheet.append([title])
    sheet.append(
        [
            _("Framework"),
            _("Competence"),
            _("People"),
            _("Share below target (%)"),
            _("Change since previous period (percentage points)"),
            _("Planned sessions"),
            _("Free seats"),
            _("Not covered by a planned session"),
        ]
    )
    for row in needs.rows:
        sheet.append(
            [
                str(row.framework),
                str(row.competence),
                None if row.withheld else row.people,
                _("Group too small to show") if row.withheld else float(row.share or 0),
                None if row.change is None else float(row.change),
                row.sessions,
                _("No limit") if row.unlimited else row.free_seats,
                _("Yes") if row.uncovered else "",
            ]
        )
    out = BytesIO()
    book.save(out)
    return out.getvalue()
