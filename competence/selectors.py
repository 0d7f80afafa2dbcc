"""Reads and aggregates for competence pages and metrics, computed in the database.

Every aggregate here runs a fixed number of queries, whatever the amount of data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db.models import Avg, Count, F, Prefetch, Q, Sum
from django.db.models.functions import ExtractYear
from django.utils import timezone

from goals.models import ReportingPeriod
from organisation.models import School
from vuxportal import aggregates
from vuxportal.query import count_related
from vuxportal.scoping import ALL, access_of, schools_for

from .models import (
    ActivityEvaluation,
    Competence,
    Enrolment,
    Framework,
    Rating,
    SelfAssessment,
    TrainingActivity,
    TrainingRecord,
)

# Evaluation results are shown only when at least this many participants answered, so a
# single answer cannot be traced back to a person in a small group.
MIN_EVALUATION_ANSWERS = 3


def min_group_size() -> int:
    return settings.MIN_AGGREGATE_GROUP_SIZE


def _round(value) -> Decimal | None:
    return None if value is None else Decimal(value).quantize(Decimal("0.1"))


# --- Self-assessment: the period and one's own ----------------------------------------------


def current_period(on: date | None = None) -> ReportingPeriod | None:
    """The period a self-assessment made today goes into: the current period (its one
    meaning is ``ReportingPeriodQuerySet.current``) while it is open and has started.
    None when there is none to write into (all closed, or none started yet), because a
    closed period is frozen."""
    on = on or timezone.localdate()
    period = ReportingPeriod.objects.current(on)
    if period is None or period.is_closed or period.starts_on > on:
        return None
    return period


def frameworks_for(person):
    """The one rule of who self-assesses what: the active frameworks meant for one of the
    person's current roles (``audience_roles``), or for everyone (an empty audience).
    The overview, the edit page, the service and the start page all ask here."""
    meant = Q(audience_roles=[])
    for role in sorted(access_of(person).roles):
        meant |= Q(audience_roles__contains=[role])
    return Framework.objects.filter(meant, is_active=True)


def self_assessment_overview(*, person) -> dict:
    """The person's own self-assessments, and per active framework meant for them whether
    the current period's is done."""
    period = current_period()
    frameworks = list(frameworks_for(person))
    mine = list(
        SelfAssessment.objects.visible_to(person)
        .filter(person=person)
        .select_related("framework", "period")
    )
    done = {(a.framework_id, a.period_id) for a in mine}
    return {
        "period": period,
        "due": [(f, period is not None and (f.pk, period.pk) in done) for f in frameworks],
        "assessments": mine,
        "frameworks_answered": list({a.framework for a in mine}),
    }


def self_assessment_of(*, person, framework: Framework, period) -> SelfAssessment | None:
    """The person's self-assessment of the framework in the period, with its ratings."""
    if period is None:
        return None
    return (
        SelfAssessment.objects.filter(person=person, framework=framework, period=period)
        .prefetch_related("ratings")
        .first()
    )


def _pick(objects, pk):
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        return None
    return next((o for o in objects if o.pk == pk), None)


def aggregate_choice(*, user, params) -> dict:
    """What the competence overview shows: the frameworks, periods and schools the user
    may choose from, the chosen ones (from ``params``, else the defaults) and the
    aggregate over them. Leaders see their school; administrators any or all."""
    reachable = schools_for(user, TrainingRecord, "view")
    schools = School.objects.active()
    if reachable is not ALL:
        schools = schools.filter(pk__in=reachable)
    schools = list(schools)
    frameworks = list(Framework.objects.filter(is_active=True))
    periods = list(ReportingPeriod.objects.order_by("-sort_key"))
    framework = _pick(frameworks, params.get("framework")) or next(
        (f for f in frameworks if f.code == "digcompedu"), frameworks[0] if frameworks else None
    )
    # The default is the current period in its one meaning, found in the loaded list.
    period = _pick(periods, params.get("period")) or ReportingPeriod.objects.current_of(periods)
    school = _pick(schools, params.get("school"))
    if school is None and reachable is not None and schools:
        school = schools[0]
    choice = {
        "frameworks": frameworks,
        "periods": periods,
        "schools": schools,
        "framework": framework,
        "period": period,
        "school": school,
        "all_schools": reachable is None,
    }
    if framework and period:
        choice["aggregate"] = self_assessment_aggregate(
            framework=framework,
            period=period,
            school_ids={school.pk} if school else reachable,
            by_school=school is None,
        )
    return choice


# --- Self-assessment aggregates ---------------------------------------------------------------


@dataclass
class AreaRow:
    area: object
    cells: list  # (level, count, percent, heat class) per level
    mean: Decimal | None
    previous_mean: Decimal | None

    @property
    def change(self) -> Decimal | None:
        if self.mean is None or self.previous_mean is None:
            return None
        return self.mean - self.previous_mean


@dataclass
class CompetenceRow:
    competence: object
    counts: list  # (level, count) per level
    mean: Decimal | None


@dataclass
class SchoolRow:
    name: str
    size: int
    means: list  # per area, None when withheld

    @property
    def withheld(self) -> bool:
        return self.size < min_group_size()


@dataclass
class Aggregate:
    framework: Framework
    period: ReportingPeriod
    previous: ReportingPeriod | None
    size: int
    previous_size: int = 0
    levels: list = field(default_factory=list)
    areas: list[AreaRow] = field(default_factory=list)
    competences: list[CompetenceRow] = field(default_factory=list)
    schools: list[SchoolRow] = field(default_factory=list)

    @property
    def withheld(self) -> bool:
        return self.size < min_group_size()

    @property
    def min_size(self) -> int:
        return min_group_size()


def _heat(percent: float) -> str:
    # Five steps of shading; the number is always printed too (not colour alone).
    return f"heat-{min(4, int(percent // 20))}"


def self_assessment_aggregate(
    *, framework: Framework, period: ReportingPeriod, school_ids: set[int] | None, by_school=False
) -> Aggregate:
    """Distribution per competence, heatmap by area and change since the previous period
    over the people of ``school_ids`` (``None`` = every school). Withheld (no numbers)
    when fewer than ``MIN_AGGREGATE_GROUP_SIZE`` people answered.

    Cached until a self-assessment of the two periods is saved (vuxportal.aggregates)."""
    previous = period.previous()
    periods = [period.pk] + ([previous.pk] if previous else [])
    scope = None if school_ids is None else sorted(school_ids)
    return aggregates.cached(
        "competence.self_assessments",
        key=(framework.pk, periods, scope, by_school, min_group_size()),
        sources=[
            SelfAssessment.objects.filter(framework=framework, period__in=periods),
            Rating.objects.all(),
        ],
        compute=lambda: _aggregate(framework, period, previous, school_ids, by_school),
    )


def _level_counts(ratings) -> dict[tuple[int, int], int]:
    """{(competence id, level): number of ratings}: the one pass over the ratings that
    every count and mean of the aggregate is derived from."""
    return {
        (row["competence_id"], row["level"]): row["n"]
        for row in ratings.values("competence_id", "level").annotate(n=Count("*")).order_by()
    }


def _mean(pairs) -> Decimal | None:
    """Mean level of (level, count) pairs, rounded like the page shows it."""
    n = sum(count for _level, count in pairs)
    return _round(Decimal(sum(level * count for level, count in pairs)) / n) if n else None


def _aggregate(framework, period, previous, school_ids, by_school) -> Aggregate:
    assessments = SelfAssessment.objects.filter(framework=framework)
    if school_ids is not None:
        assessments = assessments.filter(school__in=school_ids)
    sizes = dict(
        assessments.filter(period__in=[period] + ([previous] if previous else []))
        .values_list("period_id")
        .annotate(n=Count("*"))
        .order_by()
    )
    aggregate = Aggregate(
        framework=framework,
        period=period,
        previous=previous,
        size=sizes.get(period.pk, 0),
        previous_size=sizes.get(previous.pk, 0) if previous else 0,
    )
    if aggregate.withheld:
        return aggregate
    levels = list(framework.levels.all())
    aggregate.levels = levels
    counts = _level_counts(Rating.objects.filter(assessment__in=assessments.filter(period=period)))
    before = {}
    if previous and aggregate.previous_size >= min_group_size():
        before = _level_counts(
            Rating.objects.filter(assessment__in=assessments.filter(period=previous))
        )
    competences = list(Competence.objects.filter(area__framework=framework).select_related("area"))
    areas = {}  # area → its competences, in the framework's order
    for competence in competences:
        areas.setdefault(competence.area, []).append(competence)
        aggregate.competences.append(
            CompetenceRow(
                competence=competence,
                counts=[(lv, counts.get((competence.pk, lv.value), 0)) for lv in levels],
                mean=_mean([(lv.value, counts.get((competence.pk, lv.value), 0)) for lv in levels]),
            )
        )
    for area, members in areas.items():

        def pairs(source, members=members):
            return [
                (lv.value, sum(source.get((c.pk, lv.value), 0) for c in members)) for lv in levels
            ]

        now = pairs(counts)
        total = sum(n for _value, n in now) or 1
        cells = []
        for lv, (_value, n) in zip(levels, now, strict=True):
            percent = round(100 * n / total)
            cells.append((lv, n, percent, _heat(percent)))
        aggregate.areas.append(
            AreaRow(area=area, cells=cells, mean=_mean(now), previous_mean=_mean(pairs(before)))
        )
    if by_school:
        aggregate.schools = _means_by_school(assessments.filter(period=period), list(areas))
    return aggregate


def _means_by_school(assessments, areas) -> list[SchoolRow]:
    """Mean level per area for each school, withholding schools below the group size."""
    sizes = {
        row["school_id"]: (row["school__name"], row["n"])
        for row in assessments.filter(school__isnull=False)
        .values("school_id", "school__name")
        .annotate(n=Count("*"))
        .order_by("school__name")
    }
    means = {
        (row["assessment__school_id"], row["competence__area_id"]): row["m"]
        for row in Rating.objects.filter(assessment__in=assessments)
        .values("assessment__school_id", "competence__area_id")
        .annotate(m=Avg("level"))
        .order_by()
    }
    rows = []
    for school_id, (name, size) in sizes.items():
        withheld = size < min_group_size()
        rows.append(
            SchoolRow(
                name=name,
                size=size,
                means=[None if withheld else _round(means.get((school_id, a.pk))) for a in areas],
            )
        )
    return rows


def personal_profile(*, person, framework: Framework):
    """The person's own mean level per area for each period they answered (for a chart)."""
    rows = (
        Rating.objects.filter(assessment__person=person, assessment__framework=framework)
        .values("assessment__period__sort_key", "competence__area_id")
        .annotate(m=Avg("level"))
        .order_by("assessment__period__sort_key")
    )
    periods = {
        p.sort_key: p
        for p in ReportingPeriod.objects.filter(
            self_assessments__person=person, self_assessments__framework=framework
        )
    }
    areas = list(framework.areas.all())
    keys = sorted(periods)
    values = {(r["assessment__period__sort_key"], r["competence__area_id"]): r["m"] for r in rows}
    return {
        "labels": [str(periods[k]) for k in keys],
        "series": [(area, [_round(values.get((k, area.pk))) for k in keys]) for area in areas],
    }


# --- Evaluations ------------------------------------------------------------------------------


@dataclass
class EvaluationResult:
    label: str
    answers: int
    overall: Decimal | None = None
    relevance: Decimal | None = None
    will_use: Decimal | None = None
    comments: list[str] = field(default_factory=list)

    @property
    def withheld(self) -> bool:
        return self.answers < MIN_EVALUATION_ANSWERS


def _result(label, row) -> EvaluationResult:
    result = EvaluationResult(label=label, answers=row["n"] if row else 0)
    if row and not result.withheld:
        result.overall = _round(row["overall"])
        result.relevance = _round(row["relevance"])
        result.will_use = _round(row["will_use"])
    return result


_AVERAGES = {
    "n": Count("*"),
    "overall": Avg("overall"),
    "relevance": Avg("relevance"),
    "will_use": Avg("will_use"),
}


def evaluation_result(activity) -> EvaluationResult:
    """One session's results, without names; withheld below ``MIN_EVALUATION_ANSWERS``."""
    evaluations = ActivityEvaluation.objects.filter(activity=activity)
    row = evaluations.aggregate(**_AVERAGES)
    result = _result(activity.title, row)
    if not result.withheld:
        # Comments in a fixed order unrelated to who answered first.
        result.comments = list(
            evaluations.exclude(comment="").order_by("comment").values_list("comment", flat=True)
        )
    return result


def evaluation_results_by_series(activities) -> list[EvaluationResult]:
    rows = (
        ActivityEvaluation.objects.filter(activity__in=activities)
        .exclude(activity__series="")
        .values("activity__series")
        .annotate(**_AVERAGES)
        .order_by("activity__series")
    )
    return [_result(row["activity__series"], row) for row in rows]


def evaluation_results_by_activity(activities) -> list[tuple]:
    rows = {
        row["activity_id"]: row
        for row in ActivityEvaluation.objects.filter(activity__in=activities)
        .values("activity_id")
        .annotate(**_AVERAGES)
        .order_by()
    }
    return [(a, _result(a.title, rows.get(a.pk))) for a in activities]


# --- Training log totals ----------------------------------------------------------------------


def training_totals(records):
    """Hours and entries per person, per school and per year over ``records``."""
    base = records.order_by()
    per_person = list(
        base.values("person_id", "person__first_name", "person__last_name", "person__email")
        .annotate(hours=Sum("hours"), entries=Count("*"), confirmed=Count("confirmed_at"))
        .order_by("person__last_name", "person__first_name")
    )
    per_school = list(
        base.values("school__name")
        .annotate(hours=Sum("hours"), entries=Count("*"), people=Count("person", distinct=True))
        .order_by("school__name")
    )
    per_year = list(
        base.annotate(year=ExtractYear("date"))
        .values("year")
        .annotate(hours=Sum("hours"), entries=Count("*"))
        .order_by("-year")
    )
    return {"per_person": per_person, "per_school": per_school, "per_year": per_year}


# --- The chain: goal → action → session → attendance ------------------------------------


def _sessions_with_counts(user):
    """Sessions the user may see, with their enrolled and attended counts and the hours
    attended (hours × attended), in the one query that lists them."""
    attended = Enrolment.objects.active().filter(attendance=Enrolment.Attendance.ATTENDED)
    return (
        TrainingActivity.objects.visible_to(user)
        .select_related("action")
        .annotate(
            enrolled_count=count_related(Enrolment.objects.active(), "activity"),
            attended_count=count_related(attended, "activity"),
        )
        .annotate(attended_hours=F("hours") * F("attended_count"))
        .order_by("starts_at", "pk")
    )


def _chain_summary(sessions) -> dict:
    return {
        "sessions": sessions,
        "enrolled": sum(s.enrolled_count for s in sessions),
        "attended": sum(s.attended_count for s in sessions),
        "hours": sum((s.attended_hours or Decimal(0) for s in sessions), Decimal(0)),
    }


def sessions_of_action(*, user, action) -> dict:
    """The action page's sessions: each with enrolled, attended and hours, and totals.
    One query."""
    return _chain_summary(list(_sessions_with_counts(user).filter(action=action)))


def sessions_of_goal(*, user, goal) -> dict:
    """The sessions serving any of the goal's actions, so the goal page leads on to the
    sessions and their attendance. One query."""
    return _chain_summary(list(_sessions_with_counts(user).filter(action__goals=goal).distinct()))


def upcoming_sessions_prefetch(user) -> Prefetch:
    """For a framework's page: each competence's upcoming sessions the user may see, as
    ``competence.upcoming_sessions`` (one query for the whole framework)."""
    return Prefetch(
        "activities",
        queryset=TrainingActivity.objects.visible_to(user)
        .upcoming()
        .filter(cancelled_at__isnull=True)
        .order_by("starts_at"),
        to_attr="upcoming_sessions",
    )
