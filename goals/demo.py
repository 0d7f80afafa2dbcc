"""The real plan and its follow-up, placed around the day the demo lives in
(``seed_demo --today``, ``vuxportal.seeds.demo_today``):

- *Handlingsplan för digitalisering 2021–2024*, its vision, six goals and seven
  prerequisites from ../shared/seeds/ as decided, is archived, because
- the next plan, made from it with the portal's own copy step (``services.plan_copy``),
  is active and covers this year;
- the reporting periods run from the old plan's last year to this year. In those whose
  deadline has passed every school and the organisation reported; once every part has
  seeded, they are closed with the portal's own step (``services.period_close``), which
  snapshots the automatic indicators from the parts' live data;
- except the one whose deadline passed last: it is still waiting for two schools'
  reports, so it stays open (a period closes when its reports are in) and is the current
  period. Two schools submitted before the deadline, the rektor's school has begun a
  draft and one school has not started and was reminded: those two are late. Before any
  deadline has passed, the current period is the first, with its deadline ahead;
- the active plan's actions: some done, some under way, some overdue.

The rows are data tables; the functions look rows up by natural keys and create what is
missing, so a second run for the same day changes nothing.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.core.management.base import CommandError

from vuxportal.seeds import afterwards, demo_today, on_demo_day, read_plan

from . import selectors, services
from .models import (
    Action,
    ActionPlan,
    ActionUpdate,
    AssessmentStatus,
    Goal,
    GoalAssessment,
    Indicator,
    IndicatorTarget,
    Measurement,
    PlanPart,
    Prerequisite,
    PrerequisiteFollowUp,
    ReportingPeriod,
    Submission,
)

PLAN_TITLE = "Handlingsplan för digitalisering 2021–2024"
PLAN_YEARS = (2021, 2024)
PLAN_DECIDED = (
    date(2021, 10, 7),
    "Avdelningschef för Vuxenutbildning Stockholm; anmäld till arbetsmarknadsnämnden "
    "19 oktober 2021 (ärende 8)",
)
# The plan that follows: four years from the year after, longer if the demo's day is later.
NEXT_PLAN_STARTS = 2025
NEXT_PLAN_YEARS = 4
NEXT_PLAN_TITLE = "Handlingsplan för digitalisering {starts}–{ends}"
# The periods start in the old plan's last year, so the dashboard shows the change of plans.
FIRST_PERIOD_YEAR = 2024

# Which part of the plan each goal and prerequisite belongs to (by its number).
GOAL_PARTS = {
    1: PlanPart.INFRASTRUCTURE,
    2: PlanPart.COMPETENCE,
    3: PlanPart.COMPETENCE,
    4: PlanPart.ORGANISATION,
    5: PlanPart.COMPETENCE,
    6: PlanPart.ORGANISATION,
}
PREREQUISITE_PARTS = {
    1: PlanPart.INFRASTRUCTURE,
    2: PlanPart.COMPETENCE,
    3: PlanPart.COMPETENCE,
    4: PlanPart.INFRASTRUCTURE,
    5: PlanPart.ORGANISATION,
    6: PlanPart.ORGANISATION,
    7: PlanPart.ORGANISATION,
}

ADMIN = "admin@vux.example"


@dataclass
class PlanRows:
    """A plan of the demo with its goals (by number) and indicators (with the value the
    demo's schools start from)."""

    plan: ActionPlan
    goals: dict[int, Goal]
    prerequisites: dict[int, Prerequisite]
    indicators: list[tuple[Indicator, float | None]] = field(default_factory=list)

    def goal(self, pk: int) -> Goal:
        return next(g for g in self.goals.values() if g.pk == pk)


def seed(demo):
    today = demo_today(demo)
    if today.year < NEXT_PLAN_STARTS:
        raise CommandError(
            f"The demo's plan 2021–2024 is followed by the next from {NEXT_PLAN_STARTS}; "
            f"choose a day in {NEXT_PLAN_STARTS} or later."
        )
    original = _seed_original_plan(demo)
    current = _seed_next_plan(original, today)
    demo.original_plan, demo.plan = original.plan, current.plan
    demo.goals, demo.prerequisites = current.goals, current.prerequisites
    _seed_periods(demo, today)
    _seed_prerequisites(demo, today)
    _seed_reports(demo, today, {True: original, False: current})
    _seed_actions(demo, today)
    afterwards(demo, close_periods)


# --- The plans ----------------------------------------------------------------------------------

# (goal, name, unit, direction, metric, per school, baseline (2021), yearly targets from
# TARGETS_FROM, the value the schools start from in the first period). A metric makes the
# indicator automatic: computed from the other parts' live data, named by key, so goals
# needs no import of the apps that register them.
TARGETS_FROM = 2022
INDICATORS = [
    (
        1,
        "Andel lärare som använder lärplattformen varje vecka",
        "percent",
        "higher",
        "",
        True,
        55,
        (65, 70, 75, 80, 85, 90, 90),
        62,
    ),
    (
        1,
        "Andel elever som har en egen digital enhet i undervisningen",
        "percent",
        "higher",
        "",
        True,
        60,
        (70, 75, 80, 85, 90, 95, 95),
        70,
    ),
    (
        2,
        "Rektors självskattade förmåga att leda digital utveckling (1–5)",
        "score",
        "higher",
        "",
        True,
        2.8,
        (3.1, 3.3, 3.5, 3.8, 4.0, 4.2, 4.3),
        3.1,
    ),
    (
        3,
        "Andel lärare med minst 10 timmars kompetensutveckling i digitala verktyg",
        "percent",
        "higher",
        "",
        True,
        35,
        (45, 55, 60, 70, 80, 85, 90),
        48,
    ),
    (
        4,
        "Andel administrativa processer med digitalt stöd",
        "percent",
        "higher",
        "",
        False,
        50,
        (55, 60, 70, 80, 90, 95, 100),
        62,
    ),
    (
        4,
        "Andel insatser som blev klara i tid",
        "percent",
        "higher",
        "goals.actions_on_time",
        True,
        None,
        (60, 65, 70, 80, 85, 85, 90),
        None,
    ),
    (
        5,
        "Antal delade praktiknära exempel",
        "count",
        "higher",
        "",
        True,
        1,
        (2, 3, 5, 8, 10, 12, 14),
        3,
    ),
    (
        6,
        "Mediantid för att lösa ett IT-ärende (dagar)",
        "days",
        "lower",
        "",
        True,
        8,
        (7, 6, 5, 4, 3, 3, 3),
        7,
    ),
    (6, "Aktiv personal", "count", "higher", "organisation.active_staff", True, None, (), None),
    (
        1,
        "Andel personal med en tilldelad digital enhet",
        "percent",
        "higher",
        "infrastructure.staff_with_device",
        True,
        None,
        (60, 70, 80, 90, 100, 100, 100),
        None,
    ),
    (
        1,
        "Elever som väntar på en låneenhet",
        "count",
        "lower",
        "infrastructure.students_waiting",
        True,
        None,
        (20, 15, 10, 5, 0, 0, 0),
        None,
    ),
    (
        6,
        "Andel rutiner som setts över inom sitt intervall",
        "percent",
        "higher",
        "organisation.routines_reviewed",
        False,
        None,
        (50, 60, 70, 85, 100, 100, 100),
        None,
    ),
]


def _target(targets: tuple, year: int):
    """The table's target for ``year`` (the last one after the table ends)."""
    if not targets or year < TARGETS_FROM:
        return None
    return targets[min(year - TARGETS_FROM, len(targets) - 1)]


def _seed_original_plan(demo) -> PlanRows:
    """The 2021–2024 plan as the seed text has it. Created active (it was, in its years);
    activating the next plan archives it."""
    text = read_plan()
    plan, _created = ActionPlan.objects.get_or_create(
        title=PLAN_TITLE,
        defaults={
            "starts_year": PLAN_YEARS[0],
            "ends_year": PLAN_YEARS[1],
            "vision": text.vision,
            "model_basis": "TPACK",
            "summary": text.summary,
            "decided_on": PLAN_DECIDED[0],
            "decided_by": PLAN_DECIDED[1],
            "status": ActionPlan.Status.ACTIVE,
        },
    )
    admin = demo.accounts[ADMIN]
    goals = {}
    for number, title in enumerate(text.goals, start=1):
        goals[number], _ = Goal.objects.get_or_create(
            plan=plan,
            number=number,
            defaults={"title": title, "part": GOAL_PARTS[number], "responsible": admin},
        )
    prerequisites = {}
    for number, item in enumerate(text.prerequisites, start=1):
        prerequisites[number], _ = Prerequisite.objects.get_or_create(
            plan=plan, number=number, defaults={"text": item, "part": PREREQUISITE_PARTS[number]}
        )
    rows = PlanRows(plan, goals, prerequisites)
    rows.indicators = _seed_indicators(rows)
    return rows


def _seed_indicators(rows: PlanRows) -> list[tuple[Indicator, float | None]]:
    years = range(rows.plan.starts_year, rows.plan.ends_year + 1)
    indicators = []
    for order, row in enumerate(INDICATORS):
        number, name, unit, direction, metric, per_school, baseline, targets, base = row
        indicator, _ = Indicator.objects.get_or_create(
            goal=rows.goals[number],
            name=name,
            defaults={
                "unit": unit,
                "direction": direction,
                "kind": "automatic" if metric else "manual",
                "metric_key": metric,
                "per_school": per_school,
                "baseline": baseline,
                "baseline_year": PLAN_YEARS[0] if baseline is not None else None,
                "order": order,
            },
        )
        for year in years:
            value = _target(targets, year)
            if value is not None:
                IndicatorTarget.objects.get_or_create(
                    indicator=indicator, year=year, defaults={"value": value}
                )
        indicators.append((indicator, base))
    return indicators


def _seed_next_plan(original: PlanRows, today: date) -> PlanRows:
    """The plan that follows, copied from the original with the portal's own step, its
    targets raised for its years and then activated (which archives the original)."""
    plan = (
        ActionPlan.objects.filter(starts_year=NEXT_PLAN_STARTS)
        .exclude(pk=original.plan.pk)
        .order_by("pk")
        .first()
    )
    if plan is None:
        ends = max(NEXT_PLAN_STARTS + NEXT_PLAN_YEARS - 1, today.year)
        plan = services.plan_copy(
            plan=original.plan,
            title=NEXT_PLAN_TITLE.format(starts=NEXT_PLAN_STARTS, ends=ends),
            starts_year=NEXT_PLAN_STARTS,
            ends_year=ends,
        )
        _raise_targets(plan)
        services.plan_activate(plan=plan)
    goals = {g.number: g for g in plan.goals.all()}
    rows = PlanRows(plan, goals, {p.number: p for p in plan.prerequisites.all()})
    by_name = {(g.number, i.name): i for g in goals.values() for i in g.indicators.all()}
    rows.indicators = [
        (by_name[(row[0], row[1])], row[8]) for row in INDICATORS if (row[0], row[1]) in by_name
    ]
    return rows


def _raise_targets(plan: ActionPlan) -> None:
    """The copy carries the old plan's last targets forward; the new plan sets its own."""
    table = {(row[0], row[1]): row[7] for row in INDICATORS}
    for indicator in Indicator.objects.filter(goal__plan=plan).select_related("goal"):
        targets = table.get((indicator.goal.number, indicator.name), ())
        for year in range(plan.starts_year, plan.ends_year + 1):
            value = _target(targets, year)
            if value is not None:
                services.target_set(indicator=indicator, year=year, value=Decimal(str(value)))


# --- Periods and the schools' reports -----------------------------------------------------------

# How each school is doing (added to the base value, scaled by the indicator's range).
SCHOOL_PACE = {"sodermalm": 4, "kista": 0, "farsta": -5, "vallingby": 2}
# Where each school is with its report in the current period: submitted; a draft the
# leader has begun (the goals assessed, the numbers still to come: Södermalm's is left
# for rektor@vux.example to finish); or not started, with a reminder sent.
CURRENT_REPORTS = {
    "kista": "submitted",
    "vallingby": "submitted",
    "sodermalm": "draft",
    "farsta": "reminded",
}
SUBMITTED_DAYS_BEFORE_DEADLINE = 3
SUBMITTED_DAYS_AGO = 2
REMINDED_DAYS_AGO = 4

# A goal whose indicators suggest nothing for a school (none is measured per school) is
# still judged by its leader, who says why.
JUDGED = (
    "partly_met",
    "Bedömt utifrån insatsernas läge; indikatorerna mäts för hela organisationen.",
)

ANALYSES = {
    "met": "Målet är nått. Arbetet har förankrats i arbetslagen.",
    "partly_met": "Vi ser framsteg men når inte alla delmål ännu.",
    "not_met": "Målet är inte nått. Vi behöver prioritera området.",
    "not_assessed": "Underlag saknas för en bedömning.",
}
DRAFT_ANALYSIS = "Utkast: siffrorna för perioden gås igenom på nästa ledningsmöte."
NEXT_STEPS = "Fortsätt med planerade insatser och följ upp nästa tertial."


def late_period(periods, today: date) -> ReportingPeriod | None:
    """The period whose deadline passed last: the one still waiting for reports."""
    passed = [p for p in periods if p.deadline < today]
    return max(passed, key=lambda p: (p.deadline, p.sort_key)) if passed else None


def has_passed(period: ReportingPeriod, today: date, late: ReportingPeriod | None) -> bool:
    """Its deadline has passed and every report came in, so the period is closed; the
    late one and those still running are open."""
    return period.deadline < today and period != late


def _seed_periods(demo, today: date) -> None:
    demo.periods = {}
    for year in range(FIRST_PERIOD_YEAR, today.year + 1):
        for kind in ReportingPeriod.Kind.values:
            period = ReportingPeriod.objects.filter(
                year=year, kind=kind
            ).first() or services.period_create(year=year, kind=kind)
            demo.periods[(year, kind)] = period
    demo.late_period = late_period(demo.periods.values(), today)
    # The current period as the portal will see it once the passed periods are closed:
    # the late one, which sorts before every period that is still running.
    demo.current_period = ReportingPeriod.objects.current_of(
        [p for p in demo.periods.values() if not has_passed(p, today, demo.late_period)],
        on=today,
    )


# How each prerequisite of the active plan stands in the last three periods that have
# begun, oldest first (by its number; the rest are in place throughout).
PREREQUISITE_STATUSES = {
    1: ("in_progress", "in_progress", "met"),
    2: ("not_started", "in_progress", "in_progress"),
    3: ("in_progress", "at_risk", "at_risk"),
    4: ("met", "met", "in_progress"),
}
PREREQUISITE_COMMENTS = {
    "in_progress": "Arbetet pågår enligt tidplanen.",
    "at_risk": "Försenat: upphandlingen har överklagats. Ny tidplan tas fram.",
    "not_started": "Planeras till nästa läsår.",
    "met": "På plats.",
}


def _seed_prerequisites(demo, today: date) -> None:
    """The active plan's prerequisites get someone responsible (the IT lead for the
    infrastructure part, the administrator for the rest) and a follow-up in each of the
    last three periods that have begun, through the portal's own services. Follow-ups
    are written while those periods are still open (they close afterwards), once."""
    admin = demo.accounts["admin@vux.example"]
    it_lead = demo.accounts["it@vux.example"]
    begun = sorted(
        (p for p in demo.periods.values() if p.starts_on <= today),
        key=lambda p: p.starts_on,
    )[-3:]
    done = set(
        PrerequisiteFollowUp.objects.filter(
            prerequisite__plan=demo.plan, period__in=begun
        ).values_list("prerequisite_id", "period_id")
    )
    for number, prerequisite in sorted(demo.prerequisites.items()):
        if prerequisite.responsible_id is None:
            prerequisite.responsible = it_lead if prerequisite.part == 4 else admin
            services.prerequisite_save(prerequisite=prerequisite, user=admin)
        statuses = PREREQUISITE_STATUSES.get(number, ("met", "met", "met"))
        for period, status in zip(begun, statuses[-len(begun) :], strict=False):
            if (prerequisite.pk, period.pk) in done or period.status != "open":
                continue
            services.prerequisite_follow_up(
                prerequisite=prerequisite,
                period=period,
                status=status,
                comment=PREREQUISITE_COMMENTS[status],
                user=admin,
            )


def _demo_value(unit, base, step, pace, lower):
    """A believable value that improves period by period."""
    scale = {"percent": 1.0, "score": 0.05, "count": 0.3, "days": 0.15}.get(unit, 1)
    delta = (step * 3 + pace) * scale
    value = base - delta if lower else base + delta
    if unit == "percent":
        value = min(100, value)
    value = max(0, value)
    return Decimal(str(round(value, 1 if unit in ("score", "days") else 0)))


class _NewRows:
    """The measurements, assessments and submissions to create, each once (the demo runs
    again on a loaded database), created in three bulk queries."""

    def __init__(self, periods):
        self.existing_m = set(
            Measurement.objects.filter(period__in=periods).values_list(
                "indicator_id", "period_id", "school_id"
            )
        )
        self.existing_a = set(
            GoalAssessment.objects.filter(period__in=periods).values_list(
                "goal_id", "period_id", "school_id"
            )
        )
        self.existing_s = set(
            Submission.objects.filter(period__in=periods).values_list("period_id", "school_id")
        )
        self.measurements, self.assessments, self.submissions = [], [], []

    def measurement(self, *, indicator, period, school, value, **fields) -> None:
        if (indicator.pk, period.pk, school.pk if school else None) not in self.existing_m:
            self.measurements.append(
                Measurement(
                    indicator=indicator, period=period, school=school, value=value, **fields
                )
            )

    def assessment(self, *, goal, period, school, suggested, **fields) -> None:
        """The suggested status, or where it suggests nothing at a school, the leader's."""
        if (goal.pk, period.pk, school.pk if school else None) in self.existing_a:
            return
        status, reason = suggested, ""
        if school is not None and suggested == AssessmentStatus.NOT_ASSESSED:
            status, reason = JUDGED
        fields.setdefault("analysis", ANALYSES[status])
        self.assessments.append(
            GoalAssessment(
                goal=goal,
                period=period,
                school=school,
                status=status,
                suggested_status=suggested,
                override_reason=reason,
                **fields,
            )
        )

    def submission(self, *, period, school, **fields) -> None:
        if (period.pk, school.pk) not in self.existing_s:
            self.submissions.append(Submission(period=period, school=school, **fields))

    def save(self) -> None:
        Measurement.objects.bulk_create(self.measurements)
        GoalAssessment.objects.bulk_create(self.assessments)
        Submission.objects.bulk_create(self.submissions)


def _seed_reports(demo, today: date, plans: dict[bool, PlanRows]) -> None:
    """What the schools and the organisation reported in every passed period (on the plan
    of its year), and how far each school has come in the current one."""
    ordered = sorted(demo.periods.values(), key=lambda p: p.sort_key)
    rows = _NewRows(ordered)
    for step, period in enumerate(ordered):
        plan = plans[period.year <= PLAN_YEARS[1]]
        if has_passed(period, today, demo.late_period):
            org_values: dict[int, list] = {}
            for code in demo.schools:
                values = _seed_school_report(demo, rows, plan, step, period, code)
                for indicator_id, value in values.items():
                    org_values.setdefault(indicator_id, []).append(value)
            _seed_organisation_report(demo, rows, plan, step, period, org_values)
        elif period == demo.current_period:
            for code, state in CURRENT_REPORTS.items():
                _seed_current_report(demo, rows, plan, step, period, code, state)
    rows.save()


def _leader(demo, code: str):
    """The school's rektor (the rektor account at Södermalm)."""
    return next(u for u in demo.staff[code] if u.title == "Rektor")


def _school_values(plan: PlanRows, step: int, code: str) -> dict[int, Decimal]:
    """A school's values of the manual indicators measured per school."""
    return {
        indicator.pk: _demo_value(
            indicator.unit, base, step, SCHOOL_PACE[code], indicator.direction == "lower"
        )
        for indicator, base in plan.indicators
        if not indicator.is_automatic and indicator.per_school
    }


def _suggested(plan: PlanRows, period, values) -> dict[int, str]:
    indicators = [i for i, _b in plan.indicators if i.pk in values]
    return selectors.suggested_statuses(
        goals=list(plan.goals.values()),
        indicators=indicators,
        values=values,
        targets=selectors.targets_for_year(indicators, period.year),
    )


def _seed_school_report(demo, rows, plan, step, period, code, submitted=None) -> dict:
    """A school's whole report, submitted on ``submitted`` (by default a few days before
    the deadline)."""
    school, by = demo.schools[code], _leader(demo, code)
    values = _school_values(plan, step, code)
    indicators = {i.pk: i for i, _b in plan.indicators}
    for indicator_id, value in values.items():
        rows.measurement(
            indicator=indicators[indicator_id],
            period=period,
            school=school,
            value=value,
            recorded_by=by,
        )
    for goal_id, status in _suggested(plan, period, values).items():
        rows.assessment(
            goal=plan.goal(goal_id),
            period=period,
            school=school,
            suggested=status,
            next_steps=NEXT_STEPS,
            author=by,
        )
    submitted = submitted or period.deadline - timedelta(days=SUBMITTED_DAYS_BEFORE_DEADLINE)
    rows.submission(
        period=period,
        school=school,
        state=Submission.State.SUBMITTED,
        submitted_at=on_demo_day(submitted, 15),
        submitted_by=by,
    )
    return values


def _seed_current_report(demo, rows, plan, step, period, code, state) -> None:
    today = demo_today(demo)
    school = demo.schools[code]
    if state == "submitted":
        # In time: before the deadline when it has passed.
        submitted = min(
            today - timedelta(days=SUBMITTED_DAYS_AGO),
            period.deadline - timedelta(days=SUBMITTED_DAYS_BEFORE_DEADLINE),
        )
        _seed_school_report(demo, rows, plan, step, period, code, submitted=submitted)
    elif state == "draft":
        values = _school_values(plan, step, code)
        for goal_id, status in _suggested(plan, period, values).items():
            rows.assessment(
                goal=plan.goal(goal_id),
                period=period,
                school=school,
                suggested=status,
                analysis=DRAFT_ANALYSIS,
                author=_leader(demo, code),
            )
        rows.submission(period=period, school=school)
    else:
        # What the portal's reminder leaves: a draft with the time of the reminder.
        reminded = on_demo_day(today - timedelta(days=REMINDED_DAYS_AGO), 7)
        rows.submission(period=period, school=school, reminded_at=reminded)


def _seed_organisation_report(demo, rows, plan, step, period, org_values) -> None:
    """The organisation's values (the mean of the schools', or its own) and statuses."""
    admin = demo.accounts[ADMIN]
    manual = [(i, b) for i, b in plan.indicators if not i.is_automatic]
    org = {}
    for indicator, base in manual:
        if indicator.per_school:
            vals = org_values.get(indicator.pk, [])
            if not vals:
                continue
            value = (sum(vals) / len(vals)).quantize(vals[0])
        else:
            value = _demo_value(indicator.unit, base, step, 0, indicator.direction == "lower")
        org[indicator.pk] = value
        rows.measurement(indicator=indicator, period=period, school=None, value=value)
    for goal_id, status in _suggested(plan, period, org).items():
        rows.assessment(
            goal=plan.goal(goal_id),
            period=period,
            school=None,
            suggested=status,
            author=admin,
        )


def close_periods(demo) -> None:
    """Closes the periods whose deadline has passed, but the late one, with the portal's
    own step (its last snapshot stores the automatic indicators from the parts' live
    data, so this waits until every part has seeded), as the administrator did on each
    deadline day; then stores what the nightly snapshot holds for the open periods that
    have started."""
    today = demo_today(demo)
    admin = demo.accounts[ADMIN]
    passed = ReportingPeriod.objects.open().filter(deadline__lt=today)
    if demo.late_period is not None:
        passed = passed.exclude(pk=demo.late_period.pk)
    for period in passed.order_by("sort_key"):
        services.period_close(period=period, user=admin)
        ReportingPeriod.objects.filter(pk=period.pk).update(
            closed_at=on_demo_day(period.deadline, 16)
        )
    for period in ReportingPeriod.objects.open().filter(starts_on__lte=today):
        services.snapshot_period(period=period)


# --- Actions ------------------------------------------------------------------------------------

# (title, goal numbers, prerequisite, status, progress, starts in / due in days from the
# demo's day, done how many days after the due date (negative: before)): some done on
# time, one done late, some ongoing, some overdue, spread over the periods so the share
# done on time has a history.
ACTIONS = [
    ("Digital introduktion för nya elever", [1], 1, "done", 100, -420, -300, -5),
    ("Införa gemensam lärplattform på alla skolor", [1], 1, "done", 100, -400, -120, -10),
    ("Inventering av elevdatorer på alla skolor", [1], 4, "done", 100, -200, -150, 14),
    (
        "Utbildning i strategiskt digitalt ledarskap för rektorer",
        [2],
        2,
        "ongoing",
        60,
        -200,
        45,
        None,
    ),
    ("Kompetensutvecklingstrappa för lärare (DigCompEdu)", [3], 3, "ongoing", 40, -300, -20, None),
    ("Gemensam mall för digitala prov", [3], 3, "done", 100, -150, -30, -3),
    ("Digitalisera ansökan och antagning", [4], 5, "ongoing", 70, -250, -45, None),
    ("Nätverk för delning av praktiknära exempel", [5], 6, "planned", 0, 10, 20, None),
    ("Samordnade rutiner för IT-stöd och ärendehantering", [6], 7, "done", 100, -500, -200, -10),
    ("Låneenheter till elever som saknar dator", [1], 4, "ongoing", 80, -150, 12, None),
    ("Uppföljning av lärplattformens användning", [1, 3], 2, "postponed", 20, -100, -5, None),
]
FIRST_UPDATE_AFTER_DAYS = 30


def _seed_actions(demo, today: date) -> None:
    admin, rektor = demo.accounts[ADMIN], demo.accounts["rektor@vux.example"]
    for title, goal_numbers, prereq, status, progress, start, due, done in ACTIONS:
        action, created = Action.objects.get_or_create(
            plan=demo.plan,
            title=title,
            defaults={
                "prerequisite": demo.prerequisites.get(prereq),
                "responsible": rektor if "ledarskap" in title or "Låne" in title else admin,
                "starts_on": today + timedelta(days=start),
                "due_on": today + timedelta(days=due),
                "status": status,
                "progress": progress,
                "completed_on": today + timedelta(days=due + done) if done is not None else None,
            },
        )
        if not created:
            continue
        action.goals.set([demo.goals[n] for n in goal_numbers])
        if "Låne" in title:
            action.schools.set([demo.schools["sodermalm"]])
        if start + FIRST_UPDATE_AFTER_DAYS <= 0:  # no news yet from an action just begun
            ActionUpdate.objects.create(
                action=action,
                date=today + timedelta(days=start + FIRST_UPDATE_AFTER_DAYS),
                text="Arbetet har startat enligt plan.",
                author=action.responsible,
            )
