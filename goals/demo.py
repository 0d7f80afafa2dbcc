"""The real plan: vision, six goals and seven prerequisites from ../shared/seeds/."""

from datetime import date

from vuxportal.seeds import read_plan

from .models import ActionPlan, Goal, PlanPart, Prerequisite

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


def seed(demo):
    text = read_plan()
    plan, _ = ActionPlan.objects.get_or_create(
        title="Handlingsplan för digitalisering 2021–2024",
        defaults={
            "starts_year": 2021,
            "ends_year": 2024,
            "vision": text.vision,
            "model_basis": "TPACK",
            "summary": text.summary,
            "decided_on": date(2021, 10, 7),
            "decided_by": "Avdelningschef för Vuxenutbildning Stockholm; anmäld till "
            "arbetsmarknadsnämnden 19 oktober 2021 (ärende 8)",
            "status": ActionPlan.Status.ACTIVE,
        },
    )
    demo.plan = plan
    admin = demo.accounts["admin@vux.example"]
    demo.goals = {}
    for number, title in enumerate(text.goals, start=1):
        demo.goals[number], _ = Goal.objects.get_or_create(
            plan=plan,
            number=number,
            defaults={"title": title, "part": GOAL_PARTS[number], "responsible": admin},
        )
    demo.prerequisites = {}
    for number, item in enumerate(text.prerequisites, start=1):
        demo.prerequisites[number], _ = Prerequisite.objects.get_or_create(
            plan=plan, number=number, defaults={"text": item, "part": PREREQUISITE_PARTS[number]}
        )
    seed_reporting(demo)


# --- Indicators, periods, reports and actions -----------------------------------------------

# (goal, name, unit, direction, kind/metric, per_school, baseline, {year: target}, base value)
INDICATORS = [
    (
        1,
        "Andel lärare som använder lärplattformen varje vecka",
        "percent",
        "higher",
        "",
        True,
        55,
        {2024: 75, 2025: 80, 2026: 85},
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
        {2024: 80, 2025: 85, 2026: 90},
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
        {2024: 3.5, 2025: 3.8, 2026: 4.0},
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
        {2024: 60, 2025: 70, 2026: 80},
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
        {2024: 70, 2025: 80, 2026: 90},
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
        {2024: 70, 2025: 80, 2026: 85},
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
        {2024: 5, 2025: 8, 2026: 10},
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
        {2024: 5, 2025: 4, 2026: 3},
        7,
    ),
    (6, "Aktiv personal", "count", "higher", "organisation.active_staff", True, None, {}, None),
    # Computed from the other parts' live data; metrics are named by key, so goals needs
    # no import of the apps that register them.
    (
        1,
        "Andel personal med en tilldelad digital enhet",
        "percent",
        "higher",
        "infrastructure.staff_with_device",
        True,
        None,
        {2024: 80, 2025: 90, 2026: 100},
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
        {2024: 10, 2025: 5, 2026: 0},
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
        {2024: 70, 2025: 85, 2026: 100},
        None,
    ),
]

CLOSED_PERIODS = {
    (2024, "tertial1"),
    (2024, "tertial2"),
    (2024, "annual"),
    (2025, "tertial1"),
    (2025, "tertial2"),
    (2025, "annual"),
    (2026, "tertial1"),
}

# How well each school does (added to the base value, scaled by the indicator's range).
SCHOOL_PACE = {"sodermalm": 4, "kista": 0, "farsta": -5, "vallingby": 2}

ANALYSES = {
    "met": "Målet är nått. Arbetet har förankrats i arbetslagen.",
    "partly_met": "Vi ser framsteg men når inte alla delmål ännu.",
    "not_met": "Målet är inte nått. Vi behöver prioritera området.",
    "not_assessed": "Underlag saknas för en bedömning.",
}


def _demo_value(unit, base, step, pace, lower):
    """A believable value that improves period by period."""
    from decimal import Decimal

    scale = {"percent": 1.0, "score": 0.05, "count": 0.3, "days": 0.15}.get(unit, 1)
    delta = (step * 3 + pace) * scale
    value = base - delta if lower else base + delta
    if unit == "percent":
        value = max(0, min(100, value))
    value = max(0, value)
    return Decimal(str(round(value, 1 if unit in ("score", "days") else 0)))


# (title, goal numbers, prerequisite, status, progress, starts in / due in days from today):
# some done on time, some ongoing, some overdue.
ACTIONS = [
    ("Införa gemensam lärplattform på alla skolor", [1], 1, "done", 100, -400, -120),
    ("Utbildning i strategiskt digitalt ledarskap för rektorer", [2], 2, "ongoing", 60, -200, 45),
    ("Kompetensutvecklingstrappa för lärare (DigCompEdu)", [3], 3, "ongoing", 40, -300, -20),
    ("Digitalisera ansökan och antagning", [4], 5, "ongoing", 70, -250, -45),
    ("Nätverk för delning av praktiknära exempel", [5], 6, "planned", 0, 10, 20),
    ("Samordnade rutiner för IT-stöd och ärendehantering", [6], 7, "done", 100, -500, -200),
    ("Låneenheter till elever som saknar dator", [1], 4, "ongoing", 80, -150, 12),
    ("Uppföljning av lärplattformens användning", [1, 3], 2, "postponed", 20, -100, -5),
]
# The open period whose reporting is under way in the demo; Södermalm's is left for
# rektor@vux.example to report in the journey.
REPORTING_NOW = (2026, "tertial2")
NEXT_STEPS = "Fortsätt med planerade insatser och följ upp nästa tertial."


def seed_reporting(demo):
    """Indicators with targets, three years of periods, the schools' and the
    organisation's reports of the closed periods, actions, and the automatic values."""
    indicators = _seed_indicators(demo)
    _seed_periods(demo)
    _seed_reports(demo, indicators)
    _seed_actions(demo)
    _snapshot_and_close(demo)


def _seed_indicators(demo) -> list:
    from .models import Indicator, IndicatorTarget

    indicators = []
    for order, row in enumerate(INDICATORS):
        number, name, unit, direction, metric, per_school, baseline, targets, base = row
        indicator, _ = Indicator.objects.get_or_create(
            goal=demo.goals[number],
            name=name,
            defaults={
                "unit": unit,
                "direction": direction,
                "kind": "automatic" if metric else "manual",
                "metric_key": metric,
                "per_school": per_school,
                "baseline": baseline,
                "baseline_year": 2021 if baseline is not None else None,
                "order": order,
            },
        )
        for year, value in targets.items():
            IndicatorTarget.objects.get_or_create(
                indicator=indicator, year=year, defaults={"value": value}
            )
        indicators.append((indicator, base))
    return indicators


def _seed_periods(demo) -> None:
    from .models import ReportingPeriod

    demo.periods = {}
    for year in (2024, 2025, 2026):
        for kind in ("tertial1", "tertial2", "annual"):
            starts_on, ends_on, deadline = ReportingPeriod.default_dates(year, kind)
            period, _created = ReportingPeriod.objects.get_or_create(
                year=year,
                kind=kind,
                defaults={"starts_on": starts_on, "ends_on": ends_on, "deadline": deadline},
            )
            demo.periods[(year, kind)] = period


class _NewRows:
    """The measurements, assessments and submissions to create, each once (the demo runs
    again on a loaded database), created in three bulk queries."""

    def __init__(self, periods):
        from .models import GoalAssessment, Measurement, Submission

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
        from .models import Measurement

        if (indicator.pk, period.pk, school.pk if school else None) not in self.existing_m:
            self.measurements.append(
                Measurement(
                    indicator=indicator, period=period, school=school, value=value, **fields
                )
            )

    def assessment(self, *, goal, period, school, status, **fields) -> None:
        from .models import GoalAssessment

        if (goal.pk, period.pk, school.pk if school else None) not in self.existing_a:
            self.assessments.append(
                GoalAssessment(
                    goal=goal,
                    period=period,
                    school=school,
                    status=status,
                    suggested_status=status,
                    analysis=ANALYSES[status],
                    **fields,
                )
            )

    def submission(self, *, period, school, by) -> None:
        from datetime import timedelta

        from django.utils import timezone

        from .models import Submission

        if (period.pk, school.pk) not in self.existing_s:
            submitted_at = timezone.datetime.combine(
                period.deadline - timedelta(days=3), timezone.datetime.min.time()
            )
            self.submissions.append(
                Submission(
                    period=period,
                    school=school,
                    state="submitted",
                    submitted_at=timezone.make_aware(submitted_at),
                    submitted_by=by,
                )
            )

    def save(self) -> None:
        from .models import GoalAssessment, Measurement, Submission

        Measurement.objects.bulk_create(self.measurements)
        GoalAssessment.objects.bulk_create(self.assessments)
        Submission.objects.bulk_create(self.submissions)


def _seed_reports(demo, indicators) -> None:
    """What the schools and the organisation reported for each period up to now."""
    from . import selectors

    ordered = sorted(demo.periods.values(), key=lambda p: p.sort_key)
    rows = _NewRows(ordered)
    for step, period in enumerate(ordered):
        key = (period.year, period.kind)
        if key not in CLOSED_PERIODS and key != REPORTING_NOW:
            continue
        targets = selectors.targets_for_year([i for i, _b in indicators], period.year)
        org_values: dict[int, list] = {}
        for code, school in demo.schools.items():
            if key == REPORTING_NOW and code == "sodermalm":
                continue
            values = _seed_school_report(demo, rows, indicators, step, period, code, school)
            for indicator_id, value in values.items():
                org_values.setdefault(indicator_id, []).append(value)
            suggested = selectors.suggested_statuses(
                goals=list(demo.goals.values()),
                indicators=[i for i, _b in indicators if i.per_school and not i.is_automatic],
                values=values,
                targets=targets,
            )
            by = _author(demo, code)
            for goal in demo.goals.values():
                rows.assessment(
                    goal=goal,
                    period=period,
                    school=school,
                    status=suggested[goal.pk],
                    next_steps=NEXT_STEPS,
                    author=by,
                )
            rows.submission(period=period, school=school, by=by)
        if key in CLOSED_PERIODS:
            _seed_organisation_report(demo, rows, indicators, step, period, org_values, targets)
    rows.save()


def _author(demo, code: str):
    return demo.accounts["rektor@vux.example" if code == "sodermalm" else "admin@vux.example"]


def _seed_school_report(demo, rows, indicators, step, period, code, school) -> dict:
    """A school's values of the manual indicators measured per school."""
    values = {}
    for indicator, base in indicators:
        if indicator.is_automatic or not indicator.per_school:
            continue
        lower = indicator.direction == "lower"
        value = _demo_value(indicator.unit, base, step, SCHOOL_PACE[code], lower)
        values[indicator.pk] = value
        rows.measurement(
            indicator=indicator,
            period=period,
            school=school,
            value=value,
            comment="",
            recorded_by=_author(demo, code),
        )
    return values


def _seed_organisation_report(demo, rows, indicators, step, period, org_values, targets):
    """The organisation's values: the mean of the schools', or its own; and its statuses."""
    from . import selectors

    manual = [(i, b) for i, b in indicators if not i.is_automatic]
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
    suggested = selectors.suggested_statuses(
        goals=list(demo.goals.values()),
        indicators=[i for i, _b in manual],
        values=org,
        targets=targets,
    )
    for goal in demo.goals.values():
        rows.assessment(
            goal=goal,
            period=period,
            school=None,
            status=suggested[goal.pk],
            author=demo.accounts["admin@vux.example"],
        )


def _seed_actions(demo) -> None:
    from datetime import timedelta

    from django.utils import timezone

    from .models import Action, ActionUpdate

    today = timezone.localdate()
    admin = demo.accounts["admin@vux.example"]
    rektor = demo.accounts["rektor@vux.example"]
    for title, goal_numbers, prereq, status, progress, start, due in ACTIONS:
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
                "completed_on": today + timedelta(days=due - 10) if status == "done" else None,
            },
        )
        if created:
            action.goals.set([demo.goals[n] for n in goal_numbers])
            if "Låne" in title:
                action.schools.set([demo.schools["sodermalm"]])
            ActionUpdate.objects.create(
                action=action,
                date=today + timedelta(days=start + 30),
                text="Arbetet har startat enligt plan.",
                author=action.responsible,
            )


def _snapshot_and_close(demo) -> None:
    """Closed periods keep the automatic values they had; open ones show live values."""
    from django.utils import timezone

    from . import services
    from .models import Measurement, ReportingPeriod

    snapshotted = set(
        Measurement.objects.filter(source="snapshot").values_list("period_id", flat=True)
    )
    for key in sorted(CLOSED_PERIODS):
        period = demo.periods[key]
        if period.pk not in snapshotted:
            services.snapshot_period(period=period, force=True)
        if not period.is_closed:
            period.status = ReportingPeriod.Status.CLOSED
            period.closed_at = timezone.make_aware(
                timezone.datetime.combine(period.deadline, timezone.datetime.min.time())
            )
            period.save(update_fields=["status", "closed_at"])
    # What the nightly task would have stored for the open periods.
    for period in ReportingPeriod.objects.open():
        if period.pk not in snapshotted:
            services.snapshot_period(period=period)
