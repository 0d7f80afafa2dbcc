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


def seed_reporting(demo):
    from datetime import timedelta

    from django.utils import timezone

    from . import selectors, services
    from .models import (
        Action,
        ActionUpdate,
        GoalAssessment,
        Indicator,
        IndicatorTarget,
        Measurement,
        ReportingPeriod,
        Submission,
    )

    plan = demo.plan
    admin = demo.accounts["admin@vux.example"]
    rektor = demo.accounts["rektor@vux.example"]
    indicators = []
    for order, (
        number,
        name,
        unit,
        direction,
        metric,
        per_school,
        baseline,
        targets,
        base,
    ) in enumerate(INDICATORS):
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

    demo.periods = {}
    for year in (2024, 2025, 2026):
        for kind in ("tertial1", "tertial2", "annual"):
            starts_on, ends_on, deadline = ReportingPeriod.default_dates(year, kind)
            period, created = ReportingPeriod.objects.get_or_create(
                year=year,
                kind=kind,
                defaults={"starts_on": starts_on, "ends_on": ends_on, "deadline": deadline},
            )
            demo.periods[(year, kind)] = period

    schools = demo.schools
    ordered = sorted(demo.periods.values(), key=lambda p: p.sort_key)
    existing_m = set(
        Measurement.objects.filter(period__in=ordered).values_list(
            "indicator_id", "period_id", "school_id"
        )
    )
    existing_a = set(
        GoalAssessment.objects.filter(period__in=ordered).values_list(
            "goal_id", "period_id", "school_id"
        )
    )
    existing_s = set(
        Submission.objects.filter(period__in=ordered).values_list("period_id", "school_id")
    )
    new_m, new_a, new_s = [], [], []
    goals = list(demo.goals.values())
    manual = [(i, b) for i, b in indicators if not i.is_automatic]
    for step, period in enumerate(ordered):
        key = (period.year, period.kind)
        reported = key in CLOSED_PERIODS or key == (2026, "tertial2")
        if not reported:
            continue
        targets = selectors.targets_for_year([i for i, _b in indicators], period.year)
        org_values: dict[int, list] = {}
        for code, school in schools.items():
            if key == (2026, "tertial2") and code == "sodermalm":
                continue  # left for rektor@vux.example to report in the journey
            values = {}
            for indicator, base in manual:
                if not indicator.per_school:
                    continue
                value = _demo_value(
                    indicator.unit, base, step, SCHOOL_PACE[code], indicator.direction == "lower"
                )
                values[indicator.pk] = value
                org_values.setdefault(indicator.pk, []).append(value)
                if (indicator.pk, period.pk, school.pk) not in existing_m:
                    new_m.append(
                        Measurement(
                            indicator=indicator,
                            period=period,
                            school=school,
                            value=value,
                            comment="",
                            recorded_by=rektor if code == "sodermalm" else admin,
                        )
                    )
            school_indicators = [i for i, _b in indicators if i.per_school and not i.is_automatic]
            suggested = selectors.suggested_statuses(
                goals=goals, indicators=school_indicators, values=values, targets=targets
            )
            for goal in goals:
                if (goal.pk, period.pk, school.pk) in existing_a:
                    continue
                status = suggested[goal.pk]
                new_a.append(
                    GoalAssessment(
                        goal=goal,
                        period=period,
                        school=school,
                        status=status,
                        suggested_status=status,
                        analysis=ANALYSES[status],
                        next_steps="Fortsätt med planerade insatser och följ upp nästa tertial.",
                        author=rektor if code == "sodermalm" else admin,
                    )
                )
            if (period.pk, school.pk) not in existing_s:
                new_s.append(
                    Submission(
                        period=period,
                        school=school,
                        state="submitted",
                        submitted_at=timezone.make_aware(
                            timezone.datetime.combine(
                                period.deadline - timedelta(days=3), timezone.datetime.min.time()
                            )
                        ),
                        submitted_by=rektor if code == "sodermalm" else admin,
                    )
                )
        if key not in CLOSED_PERIODS:
            continue
        # Organisation-wide: the mean of the schools, or its own value.
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
            if (indicator.pk, period.pk, None) not in existing_m:
                new_m.append(
                    Measurement(indicator=indicator, period=period, school=None, value=value)
                )
        suggested = selectors.suggested_statuses(
            goals=goals, indicators=[i for i, _b in manual], values=org, targets=targets
        )
        for goal in goals:
            if (goal.pk, period.pk, None) not in existing_a:
                status = suggested[goal.pk]
                new_a.append(
                    GoalAssessment(
                        goal=goal,
                        period=period,
                        school=None,
                        status=status,
                        suggested_status=status,
                        analysis=ANALYSES[status],
                        author=admin,
                    )
                )
    Measurement.objects.bulk_create(new_m)
    GoalAssessment.objects.bulk_create(new_a)
    Submission.objects.bulk_create(new_s)

    # Actions: some done on time, some ongoing, some overdue.
    today = timezone.localdate()
    action_specs = [
        ("Införa gemensam lärplattform på alla skolor", [1], 1, "done", 100, -400, -120),
        (
            "Utbildning i strategiskt digitalt ledarskap för rektorer",
            [2],
            2,
            "ongoing",
            60,
            -200,
            45,
        ),
        ("Kompetensutvecklingstrappa för lärare (DigCompEdu)", [3], 3, "ongoing", 40, -300, -20),
        ("Digitalisera ansökan och antagning", [4], 5, "ongoing", 70, -250, -45),
        ("Nätverk för delning av praktiknära exempel", [5], 6, "planned", 0, 10, 20),
        ("Samordnade rutiner för IT-stöd och ärendehantering", [6], 7, "done", 100, -500, -200),
        ("Låneenheter till elever som saknar dator", [1], 4, "ongoing", 80, -150, 12),
        ("Uppföljning av lärplattformens användning", [1, 3], 2, "postponed", 20, -100, -5),
    ]
    for title, goal_numbers, prereq, status, progress, start, due in action_specs:
        action, created = Action.objects.get_or_create(
            plan=plan,
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
                action.schools.set([schools["sodermalm"]])
            ActionUpdate.objects.create(
                action=action,
                date=today + timedelta(days=start + 30),
                text="Arbetet har startat enligt plan.",
                author=action.responsible,
            )

    # Closed periods keep the automatic values they had; open ones show live values.
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
