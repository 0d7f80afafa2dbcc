"""Data for report tests and the benchmark: a plan with six goals, indicators, targets,
two periods of measurements and assessments for every school, made with bulk_create."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from types import SimpleNamespace

import factory
from factory.django import DjangoModelFactory

from goals.models import (
    Action,
    ActionPlan,
    AssessmentStatus,
    Goal,
    GoalAssessment,
    Indicator,
    IndicatorTarget,
    Measurement,
    PlanPart,
    ReportingPeriod,
)
from reports.models import Report, ReportKind
from tests.factories import ReportingPeriodFactory

GOAL_TITLES = [
    "Digitala verktyg ska vara tillgängliga för alla elever och all personal",
    "Personalen ska ha god digital kompetens för undervisning",
    "Eleverna ska utveckla adekvat digital kompetens",
    "Tydlig ansvarsfördelning för digitaliseringsarbetet",
    "Lärande exempel delas mellan skolorna",
    "Omvärldsbevakning och systematiskt förbättringsarbete",
]
PARTS = [
    PlanPart.INFRASTRUCTURE,
    PlanPart.COMPETENCE,
    PlanPart.COMPETENCE,
    PlanPart.ORGANISATION,
    PlanPart.COMPETENCE,
    PlanPart.ORGANISATION,
]
STATUS_CYCLE = [
    AssessmentStatus.MET,
    AssessmentStatus.PARTLY_MET,
    AssessmentStatus.NOT_MET,
    AssessmentStatus.MET,
]


class ReportFactory(DjangoModelFactory):
    class Meta:
        model = Report

    kind = ReportKind.TERTIAL2
    period = factory.SubFactory(ReportingPeriodFactory)
    school = None
    key = factory.Sequence(lambda n: f"test:{n}")


def build_report_data(*, schools, year: int = 2025, indicators_per_goal: int = 2, author=None):
    """Six goals (Swedish titles), indicators with targets, T1 (closed) and T2 of ``year``
    with a measurement and an assessment per school, goal and period."""
    plan = ActionPlan.objects.filter(status=ActionPlan.Status.ACTIVE).first()
    if plan is None:
        plan = ActionPlan.objects.create(
            title="Handlingsplan för digitalisering",
            starts_year=year - 4,
            ends_year=year + 1,
            vision="Vuxenutbildningens personal ska befinna sig i digitalt framkant.",
            status=ActionPlan.Status.ACTIVE,
        )
    t1 = ReportingPeriodFactory(year=year, kind=ReportingPeriod.Kind.TERTIAL1)
    t1.status = ReportingPeriod.Status.CLOSED
    t1.save()
    t2 = ReportingPeriodFactory(year=year, kind=ReportingPeriod.Kind.TERTIAL2)
    goals = [
        Goal.objects.get_or_create(
            plan=plan, number=n, defaults={"title": title, "part": PARTS[n - 1]}
        )[0]
        for n, title in enumerate(GOAL_TITLES, start=1)
    ]
    indicators = Indicator.objects.bulk_create(
        [
            Indicator(
                goal=goal,
                name=f"Andel personal som når nivå {k + 1} (mål {goal.number})"
                if k % 2 == 0
                else f"Antal genomförda aktiviteter för mål {goal.number}",
                unit=Indicator.Unit.PERCENT if k % 2 == 0 else Indicator.Unit.COUNT,
                order=k,
            )
            for goal in goals
            for k in range(indicators_per_goal)
        ]
    )
    IndicatorTarget.objects.bulk_create(
        [IndicatorTarget(indicator=i, year=year, value=Decimal(60 + i.order)) for i in indicators]
    )
    measurements, assessments = [], []
    for p_index, period in enumerate((t1, t2)):
        for s_index, school in enumerate(schools):
            for i_index, indicator in enumerate(indicators):
                value = Decimal(40 + (s_index * 7 + i_index * 3 + p_index * 10) % 55)
                measurements.append(
                    Measurement(indicator=indicator, period=period, school=school, value=value)
                )
            for g_index, goal in enumerate(goals):
                status = STATUS_CYCLE[(g_index + s_index + p_index) % len(STATUS_CYCLE)]
                assessments.append(
                    GoalAssessment(
                        goal=goal,
                        period=period,
                        school=school,
                        status=status,
                        suggested_status=status,
                        analysis=f"Analys för {school.name}: användningen ökar på "
                        "Södermalm och i Älvsjö; ÅÄÖ åäö.",
                        next_steps="Fortsätta kompetensutvecklingen i lärplattformen.",
                        author=author,
                    )
                )
    Measurement.objects.bulk_create(measurements)
    GoalAssessment.objects.bulk_create(assessments)
    action = Action.objects.create(
        plan=plan,
        title="Införa gemensam lärplattform",
        status=Action.Status.ONGOING,
        progress=40,
        due_on=date(year, 12, 31),
    )
    action.goals.set(goals[:2])
    return SimpleNamespace(plan=plan, goals=goals, indicators=indicators, t1=t1, t2=t2)
