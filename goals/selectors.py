"""Reads and aggregates for goals: suggested statuses, the dashboard and indicator series.

Everything here runs a fixed number of SQL queries, whatever the number of schools,
periods and measurements: rows are fetched in a few bulk queries and grouped in Python
dictionaries. The reports app calls ``dashboard()`` and ``indicator_series()`` to put the
same numbers in the board report.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from functools import cached_property

from django.db.models import Avg, Count, Max, Q, Sum, Window
from django.utils import timezone
from django.utils.translation import gettext as _

from organisation.models import School
from vuxportal.charts import Chart, Series, line_chart

from .models import (
    Action,
    ActionPlan,
    AssessmentStatus,
    Goal,
    GoalAssessment,
    Indicator,
    IndicatorTarget,
    Measurement,
    Prerequisite,
    PrerequisiteFollowUp,
    ReportingPeriod,
    Submission,
)

DUE_SOON_DAYS = 30
# How many of the overdue and of the due-soon actions the dashboard lists; the action list
# has the rest.
DUE_ACTIONS_SHOWN = 10

# --- Suggested status ---------------------------------------------------------------------


def meets_target(*, value: Decimal | None, target: Decimal | None, direction: str) -> bool | None:
    """Whether ``value`` reaches ``target``; ``None`` when either is missing."""
    if value is None or target is None:
        return None
    if direction == Indicator.Direction.LOWER:
        return value <= target
    return value >= target


def suggest_status(results: Iterable[bool | None]) -> str:
    """The status the indicators suggest: every indicator with a value and a target on
    target → met, some → partly met, none → not met, nothing to judge → not assessed."""
    judged = [r for r in results if r is not None]
    if not judged:
        return AssessmentStatus.NOT_ASSESSED
    if all(judged):
        return AssessmentStatus.MET
    if any(judged):
        return AssessmentStatus.PARTLY_MET
    return AssessmentStatus.NOT_MET


def targets_for_year(indicators: Iterable[Indicator], year: int) -> dict[int, Decimal]:
    """``{indicator_id: target}`` for one year, in one query."""
    ids = [i.pk for i in indicators]
    return dict(
        IndicatorTarget.objects.filter(indicator_id__in=ids, year=year).values_list(
            "indicator_id", "value"
        )
    )


def reporting_indicators(
    goal_ids: Iterable[int], *, school: School | None, period: ReportingPeriod | None
) -> list[Indicator]:
    """The indicators reported for a school (its per-school ones) or the organisation in
    ``period`` (those in use then)."""
    qs = (
        Indicator.objects.active_for(period)
        .filter(goal_id__in=list(goal_ids))
        .select_related("goal")
    )
    if school is not None:
        qs = qs.filter(per_school=True)
    return list(qs)


def live_value(indicator: Indicator, *, period: ReportingPeriod, school: School | None):
    """An automatic indicator's value computed now from live data (None if not automatic)."""
    metric = indicator.metric
    if metric is None:
        return None
    return metric.compute(school=school, start=period.starts_on, end=period.ends_on)


# Live values are aggregates over large tables; the dashboard and the start page share
# them for a few minutes so a page view costs no metric query once they are cached.
LIVE_CACHE_SECONDS = 300


def _live_key(indicator: Indicator, period: ReportingPeriod, school: School | None) -> str:
    return f"goals:live:{indicator.metric_key}:{period.pk}:{school.pk if school else 'org'}"


def live_values(
    indicators: Iterable[Indicator], *, period: ReportingPeriod, school: School | None
) -> dict[int, Decimal | None]:
    """``{indicator_id: live value}`` for the automatic indicators, cached for
    ``LIVE_CACHE_SECONDS`` (one aggregate per indicator on a cache miss)."""
    from django.core.cache import cache

    automatic = [i for i in indicators if i.is_automatic and i.metric is not None]
    keys = {i.pk: _live_key(i, period, school) for i in automatic}
    cached = cache.get_many(list(keys.values()))
    values, missing = {}, {}
    for indicator in automatic:
        key = keys[indicator.pk]
        if key in cached:
            values[indicator.pk] = cached[key]
        else:
            value = live_value(indicator, period=period, school=school)
            values[indicator.pk] = missing[key] = value
    if missing:
        cache.set_many(missing, LIVE_CACHE_SECONDS)
    return values


def period_values(
    *, period: ReportingPeriod, school: School | None, indicators: list[Indicator]
) -> dict[int, Decimal | None]:
    """Each indicator's value for the school (or organisation) in the period: the stored
    measurement, or for an automatic indicator of an open period its live value."""
    stored = dict(
        Measurement.objects.filter(
            period=period, school=school, indicator__in=[i.pk for i in indicators]
        ).values_list("indicator_id", "value")
    )
    return _with_live_values(stored, period=period, school=school, indicators=indicators)


def _with_live_values(
    stored: dict[int, Decimal | None],
    *,
    period: ReportingPeriod,
    school: School | None,
    indicators: list[Indicator],
) -> dict[int, Decimal | None]:
    # The same cached live values the dashboard shows, so the report page suggests what
    # the dashboard displays and costs no metric query while they are cached.
    live = {} if period.is_closed else live_values(indicators, period=period, school=school)
    values = {}
    for indicator in indicators:
        if indicator.is_automatic and not period.is_closed:
            values[indicator.pk] = live.get(indicator.pk)
        else:
            values[indicator.pk] = stored.get(indicator.pk)
    return values


def suggested_statuses(
    *,
    goals: Iterable[Goal],
    indicators: list[Indicator],
    values: dict[int, Decimal | None],
    targets: dict[int, Decimal],
) -> dict[int, str]:
    """``{goal_id: suggested status}`` from the indicators' values against their targets."""
    by_goal: dict[int, list[bool | None]] = defaultdict(list)
    for indicator in indicators:
        by_goal[indicator.goal_id].append(
            meets_target(
                value=values.get(indicator.pk),
                target=targets.get(indicator.pk),
                direction=indicator.direction,
            )
        )
    return {goal.pk: suggest_status(by_goal.get(goal.pk, [])) for goal in goals}


# --- The report page's state --------------------------------------------------------------


@dataclass
class ReportState:
    """One school's (or, with ``school=None``, the organisation's) report for a period,
    as it stands: the active plan's goals, the indicators reported there with their
    values and this year's targets, and what is already saved. Worked out once per
    request by ``report_state``; the report form and ``services.report_save`` take it
    from here instead of asking again."""

    period: ReportingPeriod
    school: School | None
    plan: ActionPlan | None
    goals: list[Goal]
    indicators: list[Indicator]
    values: dict[int, Decimal | None]
    targets: dict[int, Decimal]
    measurements: dict[int, Measurement]
    assessments: dict[int, GoalAssessment]
    submission: Submission | None

    @property
    def manual(self) -> list[Indicator]:
        """The indicators entered by hand (the form's value fields)."""
        return [i for i in self.indicators if not i.is_automatic]

    @property
    def editable(self) -> bool:
        return not self.period.is_closed and self.plan is not None

    def indicators_by_goal(self) -> dict[int, list[Indicator]]:
        by_goal: dict[int, list[Indicator]] = defaultdict(list)
        for indicator in self.indicators:
            by_goal[indicator.goal_id].append(indicator)
        return by_goal

    def suggestions(self, values: dict[int, Decimal | None] | None = None) -> dict[int, str]:
        """``{goal_id: suggested status}``; ``values`` (e.g. just typed) replace the
        stored ones, no query either way."""
        return suggested_statuses(
            goals=self.goals,
            indicators=self.indicators,
            values={**self.values, **(values or {})},
            targets=self.targets,
        )


def report_state(*, period: ReportingPeriod, school: School | None) -> ReportState:
    """The report's state in seven queries (plus one aggregate per automatic indicator
    whose live value is not cached), whatever the number of goals and indicators."""
    plan = active_plan()
    goals = list(plan.goals.active_for(period)) if plan else []
    indicators = reporting_indicators([g.pk for g in goals], school=school, period=period)
    measurements = {
        m.indicator_id: m
        for m in Measurement.objects.filter(period=period, school=school, indicator__in=indicators)
    }
    stored = {pk: m.value for pk, m in measurements.items()}
    return ReportState(
        period=period,
        school=school,
        plan=plan,
        goals=goals,
        indicators=indicators,
        values=_with_live_values(stored, period=period, school=school, indicators=indicators),
        targets=targets_for_year(indicators, period.year),
        measurements=measurements,
        assessments={
            a.goal_id: a
            for a in GoalAssessment.objects.filter(period=period, school=school, goal__in=goals)
        },
        submission=Submission.objects.filter(period=period, school=school).first(),
    )


# --- Plan and periods ---------------------------------------------------------------------


def active_plan() -> ActionPlan | None:
    return ActionPlan.objects.active().first()


def plan_for_period(period: ReportingPeriod) -> ActionPlan | None:
    """The plan a period reports on: the latest one whose years cover it, else the
    latest active one, else the latest plan (a period outside every plan's years)."""
    plans = list(ActionPlan.objects.order_by("-starts_year"))
    covering = [p for p in plans if p.starts_year <= period.year <= p.ends_year]
    active = [p for p in plans if p.status == ActionPlan.Status.ACTIVE]
    return next(iter(covering or active or plans), None)


def current_period() -> ReportingPeriod | None:
    """The current period (``ReportingPeriodQuerySet.current`` holds its one meaning)."""
    return ReportingPeriod.objects.current()


# --- Prerequisites ------------------------------------------------------------------------


def prerequisite_follow_ups(
    *, plan: ActionPlan | None, period: ReportingPeriod | None
) -> list[Prerequisite]:
    """The plan's prerequisites with their responsible person and, as ``follow_up``, how
    each stands in ``period`` (``None`` where it was not followed up): two queries."""
    if plan is None:
        return []
    prerequisites = list(plan.prerequisites.select_related("responsible").order_by("number"))
    # One follow-up per prerequisite and period (a unique constraint); unordered, the
    # default ordering joins nothing.
    follow_ups = {
        f.prerequisite_id: f
        for f in PrerequisiteFollowUp.objects.filter(
            period=period, prerequisite__in=prerequisites
        ).order_by()
    }
    for prerequisite in prerequisites:
        prerequisite.follow_up = follow_ups.get(prerequisite.pk)
    return prerequisites


# --- Dashboard ----------------------------------------------------------------------------


@dataclass
class IndicatorRow:
    indicator: Indicator
    target: Decimal | None
    value: Decimal | None
    previous_value: Decimal | None
    on_target: bool | None
    live: bool = False
    series: IndicatorSeries | None = None

    @property
    def change(self) -> Decimal | None:
        if self.value is None or self.previous_value is None:
            return None
        return self.value - self.previous_value

    @cached_property
    def chart(self) -> Chart | None:
        # Built when shown: the dashboard keeps its sections, charts and all.
        return self.series.chart() if self.series is not None else None


@dataclass
class SchoolStatus:
    school: School
    status: str
    previous_status: str | None = None
    state: str = ""  # the school's submission state in the period

    @property
    def status_label(self) -> str:
        return AssessmentStatus(self.status).label

    @property
    def changed(self) -> bool:
        return self.previous_status is not None and self.previous_status != self.status


@dataclass
class GoalRow:
    goal: Goal
    overall: str
    previous_overall: str | None
    schools: list[SchoolStatus]
    indicators: list[IndicatorRow]
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def overall_label(self) -> str:
        return AssessmentStatus(self.overall).label

    @property
    def previous_overall_label(self) -> str:
        return AssessmentStatus(self.previous_overall).label if self.previous_overall else ""

    @cached_property
    def indicators_key(self) -> str:
        """A hash of what the dashboard shows of the goal's indicators: the goal's and each
        indicator's last change (``updated``: names, units, withdrawals), their values and
        targets, and the series their charts draw. The page keeps the section under it,
        with the period, the school and the language."""
        shown = [
            (
                r.indicator.pk,
                r.indicator.updated,
                r.live,
                r.value,
                r.target,
                r.previous_value,
                r.on_target,
                r.series and (r.series.labels, r.series.values, r.series.targets),
            )
            for r in self.indicators
        ]
        drawn_from = repr((self.goal.pk, self.goal.updated, shown))
        return hashlib.sha256(drawn_from.encode()).hexdigest()


@dataclass
class DueActions:
    """The most urgent of a group of open actions (overdue, due soon): the ``first``
    few by due date, and how many the group has."""

    first: list[Action] = field(default_factory=list)
    count: int = 0

    @property
    def rest(self) -> int:
        """How many the page leaves to the action list."""
        return self.count - len(self.first)

    def __len__(self) -> int:
        # How many are due, not how many were loaded (the start page's ``|length``).
        return self.count


@dataclass
class DashboardData:
    plan: ActionPlan | None
    period: ReportingPeriod | None
    previous_period: ReportingPeriod | None
    school: School | None
    schools: list[School]
    goals: list[GoalRow]
    overdue_actions: DueActions
    due_soon_actions: DueActions
    submitted: int = 0
    expected: int = 0

    @property
    def status_counts(self) -> dict[str, int]:
        counts = dict.fromkeys(AssessmentStatus.values, 0)
        for row in self.goals:
            counts[row.overall] += 1
        return counts


def overall_status(org: str | None, school_statuses: list[str]) -> str:
    """The organisation's own assessment when written, else what the schools add up to:
    met only when all met, not met only when none met even partly, partly met in
    between; not assessed when nobody assessed."""
    if org:
        return org
    judged = [s for s in school_statuses if s != AssessmentStatus.NOT_ASSESSED]
    if not judged:
        return AssessmentStatus.NOT_ASSESSED
    if all(s == AssessmentStatus.MET for s in judged):
        return AssessmentStatus.MET
    if all(s == AssessmentStatus.NOT_MET for s in judged):
        return AssessmentStatus.NOT_MET
    return AssessmentStatus.PARTLY_MET


def dashboard(
    *,
    period: ReportingPeriod | None,
    school: School | None = None,
    user=None,
    plan: ActionPlan | None = None,
    live: bool = True,
    periods: list[ReportingPeriod] | None = None,
    schools: list[School] | None = None,
    indicators: bool = True,
) -> DashboardData:
    """Everything the dashboard (and the board report) shows for a period.

    Without ``indicators`` the goal rows have their statuses but no indicator rows, and
    their measurements and targets are not read: the start page's summary shows only the
    statuses.

    ``school`` narrows it to one school (indicator values are then that school's);
    ``user`` limits the schools to those the user sees. With ``live`` the automatic
    indicators of an open period show their live value for the chosen scope (one
    aggregate per automatic indicator, independent of the number of schools). Each
    indicator row carries its series over every period up to ``period``.

    Callers that already hold the periods (ordered by ``sort_key``) or the user's
    schools may pass them to save a query each. About a dozen queries in all.
    """
    plan, goals = _plan_and_goals(plan, period)
    schools = _dashboard_schools(schools, user=user, school=school)
    data = DashboardData(
        plan=plan,
        period=period,
        previous_period=None,
        school=school,
        schools=schools,
        goals=[],
        overdue_actions=DueActions(),
        due_soon_actions=DueActions(),
    )
    if plan is None:
        return data
    data.overdue_actions, data.due_soon_actions = _due_actions(plan, school=school)
    if period is None:
        data.goals = [
            GoalRow(
                goal=g,
                overall=AssessmentStatus.NOT_ASSESSED,
                previous_overall=None,
                schools=[],
                indicators=[],
            )
            for g in goals
        ]
        return data
    if periods is None:
        periods = list(ReportingPeriod.objects.order_by("sort_key"))
    facts = _period_facts(
        goals=goals,
        period=period,
        periods=periods,
        school=school,
        schools=schools,
        with_indicators=indicators,
    )
    if live and not period.is_closed:
        facts.live = live_values(
            [i for found in facts.indicators.values() for i in found], period=period, school=school
        )
    data.previous_period = facts.previous
    data.goals = [_goal_row(goal, facts, live=live) for goal in goals]
    data.submitted = sum(1 for s in schools if facts.states.get(s.pk) == Submission.State.SUBMITTED)
    data.expected = len(schools)
    return data


def _plan_and_goals(
    plan: ActionPlan | None, period: ReportingPeriod | None
) -> tuple[ActionPlan | None, list[Goal]]:
    """The plan (the active one unless given) and the goals ``period`` reports on."""
    goal_qs = Goal.objects.active_for(period).select_related("plan")
    if plan is not None:
        return plan, list(goal_qs.filter(plan=plan))
    # The active plan comes with its goals (one query instead of two).
    goals = list(goal_qs.filter(plan__status=ActionPlan.Status.ACTIVE))
    return (goals[0].plan if goals else active_plan()), goals


def _dashboard_schools(schools, *, user, school: School | None) -> list[School]:
    if schools is None:
        schools_qs = School.objects.active()
        if user is not None:
            schools_qs = schools_qs.visible_to(user)
        schools = list(schools_qs.order_by("name"))
    if school is not None:
        schools = [s for s in schools if s.pk == school.pk]
    return schools


def _due_actions(plan: ActionPlan, *, school: School | None) -> tuple[DueActions, DueActions]:
    """Overdue and due-soon open actions (the school's and everyone's), the first
    ``DUE_ACTIONS_SHOWN`` of each with their counts, in one query: a large organisation
    has hundreds due, and the page lists ten of each."""
    today = timezone.localdate()
    actions = Action.objects.in_use().filter(
        plan=plan, due_on__lte=today + timedelta(days=DUE_SOON_DAYS)
    )
    actions = actions.exclude(status__in=[Action.Status.DONE, Action.Status.CANCELLED])
    if school is not None:
        actions = actions.filter(
            Q(schools=school) | ~Q(pk__in=Action.schools.through.objects.values("action_id"))
        )
    # Each group's first few, each row with its group's size: a window count is taken
    # before the limit. The page shows each one's title and due date, linked.
    groups = [
        actions.filter(when)
        .annotate(in_group=Window(Count("pk")))
        .only("title", "due_on")
        .order_by("due_on", "title")[:DUE_ACTIONS_SHOWN]
        for when in (Q(due_on__lt=today), Q(due_on__gte=today))
    ]
    ranked = groups[0].union(groups[1], all=True).order_by("due_on", "title")
    overdue, due_soon = DueActions(), DueActions()
    for action in ranked:
        group = overdue if action.due_on < today else due_soon
        group.first.append(action)
        group.count = action.in_group
    return overdue, due_soon


@dataclass
class _PeriodFacts:
    """What the dashboard's goal rows are built from, fetched in a few bulk queries."""

    period: ReportingPeriod
    previous: ReportingPeriod | None
    series_periods: list[ReportingPeriod]
    series_names: list[str]
    school: School | None
    schools: list[School]
    # Each goal's indicators that the period reports on, in order, and their targets by
    # (indicator, year): flat queries grouped here (a nested prefetch cost twice as much).
    indicators: dict[int, list[Indicator]]
    targets: dict[tuple[int, int], Decimal]
    status_of: dict[tuple[int, int, int | None], str]
    value_of: dict[tuple[int, int], Decimal | None]
    states: dict[int, str]
    live: dict[int, Decimal | None] = field(default_factory=dict)


def _period_facts(*, goals, period, periods, school, schools, with_indicators=True) -> _PeriodFacts:
    series_periods = [p for p in periods if p.sort_key <= period.sort_key]
    earlier = [p for p in series_periods if p.sort_key < period.sort_key]
    previous = earlier[-1] if earlier else None
    period_ids = [period.pk] + ([previous.pk] if previous else [])
    school_ids = [s.pk for s in schools]
    indicators, targets, value_of = defaultdict(list), {}, {}
    if with_indicators:
        for indicator in (
            Indicator.objects.active_for(period)
            .filter(goal_id__in=[g.pk for g in goals])
            .order_by("order", "pk")
        ):
            indicators[indicator.goal_id].append(indicator)
        # Rows become dictionaries here: unordered, so the models' default ordering adds
        # no joins to the queries.
        targets = {
            (indicator_id, year): value
            for indicator_id, year, value in IndicatorTarget.objects.filter(
                indicator_id__in=[i.pk for found in indicators.values() for i in found]
            )
            .order_by()
            .values_list("indicator_id", "year", "value")
        }
        value_of = _measured_values(indicators, series_periods, school=school)
    assessments = GoalAssessment.objects.filter(
        Q(school_id__in=school_ids) | Q(school__isnull=True),
        goal_id__in=[g.pk for g in goals],
        period_id__in=period_ids,
    ).order_by()
    return _PeriodFacts(
        period=period,
        previous=previous,
        series_periods=series_periods,
        series_names=[str(p) for p in series_periods],
        school=school,
        schools=schools,
        indicators=indicators,
        targets=targets,
        status_of={
            (goal_id, period_id, school_id): status
            for goal_id, period_id, school_id, status in assessments.values_list(
                "goal_id", "period_id", "school_id", "status"
            )
        },
        value_of=value_of,
        states=dict(
            Submission.objects.filter(period=period, school_id__in=school_ids)
            .order_by()
            .values_list("school_id", "state")
        ),
    )


def _measured_values(
    indicators_of_goals: dict[int, list[Indicator]], series_periods, *, school
) -> dict[tuple[int, int], Decimal]:
    """``{(indicator_id, period_id): value}`` for the school, or for the organisation,
    where a period without an organisation value of its own gets what the schools add up
    to: their sum for counts, their mean otherwise (one query either way)."""
    indicators = {i.pk: i for found in indicators_of_goals.values() for i in found}
    measurements = Measurement.objects.filter(
        indicator_id__in=list(indicators), period_id__in=[p.pk for p in series_periods]
    ).order_by()
    if school is not None:
        return {
            (indicator_id, period_id): value
            for indicator_id, period_id, value in measurements.filter(
                school_id=school.pk
            ).values_list("indicator_id", "period_id", "value")
        }
    of_schools = Q(school__is_active=True, value__isnull=False)
    rows = (
        measurements.filter(Q(school__isnull=True) | of_schools)
        .values("indicator_id", "period_id")
        .annotate(
            # One organisation row at most (a unique constraint): its value, or None.
            own=Max("value", filter=Q(school__isnull=True)),
            total=Sum("value", filter=of_schools),
            mean=Avg("value", filter=of_schools),
        )
    )
    value_of = {}
    for row in rows:
        value = row["own"]
        if value is None and row["mean"] is not None:
            is_count = indicators[row["indicator_id"]].unit == Indicator.Unit.COUNT
            value = row["total"] if is_count else Decimal(row["mean"]).quantize(Decimal("0.01"))
        value_of[(row["indicator_id"], row["period_id"])] = value
    return value_of


def _goal_row(goal: Goal, facts: _PeriodFacts, *, live: bool) -> GoalRow:
    period, previous = facts.period, facts.previous
    school_rows = [
        SchoolStatus(
            school=s,
            status=facts.status_of.get((goal.pk, period.pk, s.pk), AssessmentStatus.NOT_ASSESSED),
            previous_status=(
                facts.status_of.get((goal.pk, previous.pk, s.pk), AssessmentStatus.NOT_ASSESSED)
                if previous
                else None
            ),
            state=facts.states.get(s.pk, ""),
        )
        for s in facts.schools
    ]
    if facts.school is not None:
        overall = school_rows[0].status if school_rows else AssessmentStatus.NOT_ASSESSED
        previous_overall = school_rows[0].previous_status if school_rows else None
    else:
        overall = overall_status(
            facts.status_of.get((goal.pk, period.pk, None)), [r.status for r in school_rows]
        )
        previous_overall = (
            overall_status(
                facts.status_of.get((goal.pk, previous.pk, None)),
                [r.previous_status for r in school_rows if r.previous_status],
            )
            if previous
            else None
        )
    counts = dict.fromkeys(AssessmentStatus.values, 0)
    for r in school_rows:
        counts[r.status] += 1
    return GoalRow(
        goal=goal,
        overall=overall,
        previous_overall=previous_overall,
        schools=school_rows,
        indicators=[
            _indicator_row(indicator, facts, live=live)
            for indicator in facts.indicators.get(goal.pk, [])
            if facts.school is None or indicator.per_school
        ],
        counts=counts,
    )


def _indicator_row(indicator: Indicator, facts: _PeriodFacts, *, live: bool) -> IndicatorRow:
    period, previous = facts.period, facts.previous
    target = facts.targets.get((indicator.pk, period.year))
    is_live = live and indicator.is_automatic and not period.is_closed
    if is_live:
        value = facts.live.get(indicator.pk)
    else:
        value = facts.value_of.get((indicator.pk, period.pk))
    values = [facts.value_of.get((indicator.pk, p.pk)) for p in facts.series_periods]
    values[-1] = value
    return IndicatorRow(
        indicator=indicator,
        target=target,
        value=value,
        previous_value=facts.value_of.get((indicator.pk, previous.pk)) if previous else None,
        on_target=meets_target(value=value, target=target, direction=indicator.direction),
        live=is_live,
        series=IndicatorSeries(
            indicator=indicator,
            periods=facts.series_periods,
            period_names=facts.series_names,
            values=values,
            targets=[facts.targets.get((indicator.pk, p.year)) for p in facts.series_periods],
        ),
    )


# --- Indicator series and charts ----------------------------------------------------------


@dataclass
class IndicatorSeries:
    """An indicator's values over periods for one school (or the organisation)."""

    indicator: Indicator
    periods: list[ReportingPeriod]
    values: list[Decimal | None]
    targets: list[Decimal | None]
    # The periods' names, given by a caller that draws many series over the same periods
    # (a name costs a lookup of the period's kind).
    period_names: list[str] | None = None

    @property
    def labels(self) -> list[str]:
        if self.period_names is not None:
            return self.period_names
        return [str(p) for p in self.periods]

    def chart(self, *, title: str | None = None) -> Chart:
        # Not get_unit_display(): it translates every unit to find one (16 charts a page).
        unit = dict(Indicator.Unit.choices).get(self.indicator.unit, self.indicator.unit)
        return line_chart(
            title=title or self.indicator.name,
            labels=self.labels,
            series=[
                Series(_("Value"), self.values),
                Series(_("Target"), self.targets, dashed=True),
            ],
            unit=str(unit),
        )


def indicator_series(
    *,
    indicators: Iterable[Indicator],
    school: School | None = None,
    until: ReportingPeriod | None = None,
    periods: list[ReportingPeriod] | None = None,
) -> dict[int, IndicatorSeries]:
    """``{indicator_id: IndicatorSeries}`` over every period up to ``until`` (or the
    given ``periods``), for one school or the organisation (``school=None``). Three
    queries whatever the number of indicators, periods and measurements."""
    indicators = list(indicators)
    if periods is None:
        qs = ReportingPeriod.objects.order_by("sort_key")
        if until is not None:
            qs = qs.filter(sort_key__lte=until.sort_key)
        periods = list(qs)
    ids = [i.pk for i in indicators]
    values = {
        (m["indicator_id"], m["period_id"]): m["value"]
        for m in Measurement.objects.filter(
            indicator_id__in=ids,
            period_id__in=[p.pk for p in periods],
            school=school,
        ).values("indicator_id", "period_id", "value")
    }
    if all("targets" in getattr(i, "_prefetched_objects_cache", {}) for i in indicators):
        targets = {(i.pk, t.year): t.value for i in indicators for t in i.targets.all()}
    else:
        targets = {
            (t["indicator_id"], t["year"]): t["value"]
            for t in IndicatorTarget.objects.filter(indicator_id__in=ids).values(
                "indicator_id", "year", "value"
            )
        }
    return {
        indicator.pk: IndicatorSeries(
            indicator=indicator,
            periods=periods,
            values=[values.get((indicator.pk, p.pk)) for p in periods],
            targets=[targets.get((indicator.pk, p.year)) for p in periods],
        )
        for indicator in indicators
    }


# --- Submissions --------------------------------------------------------------------------


@dataclass
class SubmissionRow:
    school: School
    state: str  # "submitted", "draft" or "" (nothing saved yet)
    submitted_at: object = None
    submitted_by: object = None
    reminded_at: object = None
    late: bool = False

    @property
    def label(self) -> str:
        if self.state == Submission.State.SUBMITTED:
            return _("Submitted")
        if self.state == Submission.State.DRAFT:
            return _("Draft (late)") if self.late else _("Draft")
        return _("Not started (late)") if self.late else _("Not started")


def submission_overview(*, period: ReportingPeriod) -> list[SubmissionRow]:
    """Every active school with its submission state in the period (two queries)."""
    by_school = {
        s.school_id: s
        for s in Submission.objects.filter(period=period, school__isnull=False).select_related(
            "submitted_by"
        )
    }
    rows = []
    for school in School.objects.active().order_by("name"):
        sub = by_school.get(school.pk)
        state = sub.state if sub else ""
        rows.append(
            SubmissionRow(
                school=school,
                state=state,
                submitted_at=sub.submitted_at if sub else None,
                submitted_by=sub.submitted_by if sub else None,
                reminded_at=sub.reminded_at if sub else None,
                late=period.is_late and state != Submission.State.SUBMITTED,
            )
        )
    return rows


def due_soon_cutoff(days: int = DUE_SOON_DAYS) -> date:
    return timezone.localdate() + timedelta(days=days)


# --- Goal page and drill-down -------------------------------------------------------------


@dataclass
class GoalIndicatorRow:
    """One indicator on the goal page: this period's target and values (the
    organisation's and each school's) and its chart over the periods so far."""

    indicator: Indicator
    target: Decimal | None
    org: Measurement | None
    cells: list[tuple[School, Measurement | None]]
    chart: Chart


def goal_indicator_rows(
    *,
    goal: Goal,
    period: ReportingPeriod | None,
    periods: list[ReportingPeriod],
    schools: list[School],
    user,
) -> list[GoalIndicatorRow]:
    """The goal's indicators for ``period``, with the measurements ``user`` sees (three
    queries: indicators, their targets, and one for every measurement)."""
    # Withdrawn indicators too, marked on the page: it is where their history is read.
    indicators = list(goal.indicators.select_related("withdrawn_by").order_by("order", "pk"))
    targets = {
        (indicator_id, year): value
        for indicator_id, year, value in IndicatorTarget.objects.filter(indicator__in=indicators)
        .order_by()
        .values_list("indicator_id", "year", "value")
    }
    series_periods = [p for p in periods if period and p.sort_key <= period.sort_key]
    # One query: this period's measurements per school, and the organisation's values
    # over every period for the charts.
    measurements, org_series = {}, {}
    if period is not None:
        # Read into dictionaries: unordered, the default ordering joins nothing.
        rows = (
            Measurement.objects.visible_to(user)
            .filter(
                Q(period=period) | Q(school__isnull=True, period__in=series_periods),
                indicator__in=indicators,
            )
            .only("indicator_id", "period_id", "school_id", "value", "comment")
            .order_by()
        )
        for m in rows:
            if m.period_id == period.pk:
                measurements[(m.indicator_id, m.school_id)] = m
            if m.school_id is None:
                org_series[(m.indicator_id, m.period_id)] = m.value
    series_names = [str(p) for p in series_periods]
    result = []
    for indicator in indicators:
        result.append(
            GoalIndicatorRow(
                indicator=indicator,
                target=targets.get((indicator.pk, period.year)) if period else None,
                org=measurements.get((indicator.pk, None)),
                cells=[(s, measurements.get((indicator.pk, s.pk))) for s in schools],
                chart=IndicatorSeries(
                    indicator=indicator,
                    periods=series_periods,
                    period_names=series_names,
                    values=[org_series.get((indicator.pk, p.pk)) for p in series_periods],
                    targets=[targets.get((indicator.pk, p.year)) for p in series_periods],
                ).chart(),
            )
        )
    return result


def goal_assessments(*, goal: Goal, period: ReportingPeriod | None, user) -> list[GoalAssessment]:
    """The assessments of the goal in the period that ``user`` sees, by school."""
    if period is None:
        return []
    return list(
        GoalAssessment.objects.visible_to(user)
        .filter(goal=goal, period=period)
        .select_related("school", "author")
        # What the page shows: 50 schools' rows without their timestamps and addresses.
        .only(
            "goal_id",
            "period_id",
            "status",
            "suggested_status",
            "override_reason",
            "analysis",
            "next_steps",
            "school__name",
            "author__first_name",
            "author__last_name",
            "author__email",
        )
        .order_by("school__name")
    )


@dataclass
class IndicatorRecords:
    """The records behind an automatic indicator's value (the drill-down)."""

    value: Decimal | None = None
    records: list = field(default_factory=list)
    total: int = 0
    hidden: int = 0


def indicator_records(
    *,
    indicator: Indicator,
    period: ReportingPeriod | None,
    school: School | None,
    user,
    limit: int,
) -> IndicatorRecords:
    """The indicator's value for the school (or organisation) in the period and the first
    ``limit`` records behind it that ``user`` may see; ``hidden`` counts the rest."""
    metric = indicator.metric
    result = IndicatorRecords()
    if metric is None or period is None:
        return result
    result.value = metric.compute(school=school, start=period.starts_on, end=period.ends_on)
    qs = metric.records(school=school, start=period.starts_on, end=period.ends_on)
    if qs is None:
        return result
    result.total = qs.count()
    # The records behind a value can be students, people or requests: each is listed
    # only if the user may see it on its own pages (the one scoping mechanism); records
    # of models without scoping are never listed.
    scoped = getattr(qs.model.objects, "visible_to", None)
    qs = qs.none() if scoped is None else qs.filter(pk__in=scoped(user).values("pk"))
    result.hidden = result.total - qs.count()
    result.records = list(qs[:limit])
    return result
