"""Fixtures for the goals tests: an active plan with two goals, indicators with targets
for 2026, an open and a closed period."""

from datetime import timedelta

import pytest

from goals.models import ReportingPeriod
from tests.factories import (
    ActionPlanFactory,
    GoalFactory,
    IndicatorFactory,
    ReportingPeriodFactory,
    today,
)

from .factories import (
    ActionFactory,
    AssessmentFactory,
    IndicatorTargetFactory,
    MeasurementFactory,
)


@pytest.fixture
def plan(db):
    return ActionPlanFactory(title="Handlingsplan 2021–2026", starts_year=2024, ends_year=2026)


@pytest.fixture
def goal(plan):
    return GoalFactory(plan=plan, number=1, title="Digitala verktyg används av alla")


@pytest.fixture
def goal2(plan):
    return GoalFactory(plan=plan, number=2, title="Rektorer leder digital utveckling")


@pytest.fixture
def indicator(goal):
    """Percent, higher is better, target 80 in 2026."""
    ind = IndicatorFactory(
        goal=goal, name="Andel lärare som använder lärplattformen", unit="percent"
    )
    IndicatorTargetFactory(indicator=ind, year=2026, value=80)
    return ind


@pytest.fixture
def lower_indicator(goal2):
    """Days, lower is better, target 5 in 2026."""
    ind = IndicatorFactory(
        goal=goal2, name="Dagar att lösa ett IT-ärende", unit="days", direction="lower"
    )
    IndicatorTargetFactory(indicator=ind, year=2026, value=5)
    return ind


@pytest.fixture
def auto_indicator(goal):
    ind = IndicatorFactory(
        goal=goal,
        name="Aktiv personal",
        unit="count",
        kind="automatic",
        metric_key="organisation.active_staff",
    )
    IndicatorTargetFactory(indicator=ind, year=2026, value=3)
    return ind


@pytest.fixture
def previous_period(db):
    return ReportingPeriodFactory(year=2026, kind="tertial1", status=ReportingPeriod.Status.CLOSED)


@pytest.fixture
def period(db, previous_period):
    """The open tertial 2 of 2026."""
    return ReportingPeriodFactory(year=2026, kind="tertial2")


@pytest.fixture
def closed_period(previous_period):
    return previous_period


@pytest.fixture
def reporting_setup(indicator, lower_indicator, auto_indicator, period):
    return period


@pytest.fixture
def action(plan, goal, administrator):
    a = ActionFactory(plan=plan, responsible=administrator, title="Införa lärplattform")
    a.goals.set([goal])
    return a


@pytest.fixture
def overdue_action(plan, goal, administrator):
    a = ActionFactory(
        plan=plan,
        responsible=administrator,
        title="Försenad insats",
        due_on=today() - timedelta(days=3),
    )
    a.goals.set([goal])
    return a


@pytest.fixture
def school_a_measurement(indicator, period, school_a):
    return MeasurementFactory(indicator=indicator, period=period, school=school_a)


@pytest.fixture
def school_b_measurement(indicator, period, school_b):
    return MeasurementFactory(indicator=indicator, period=period, school=school_b)


@pytest.fixture
def school_b_assessment(goal, period, school_b):
    return AssessmentFactory(goal=goal, period=period, school=school_b)


@pytest.fixture
def group_decision(db):
    """A working group's decision, visible to everyone with a role."""
    from tests.organisation.factories import DecisionFactory

    return DecisionFactory()


# --- Plan upkeep (prerequisites followed up; items deleted or withdrawn) -------------------


@pytest.fixture
def prerequisite(plan, leader):
    from goals.models import Prerequisite

    return Prerequisite.objects.create(
        plan=plan, number=1, text="Stabil infrastruktur i alla lokaler", responsible=leader
    )


@pytest.fixture
def draft_plan(db):
    return ActionPlanFactory(
        title="Handlingsplan 2027–2030", starts_year=2027, ends_year=2030, status="draft"
    )


@pytest.fixture
def draft_goal(draft_plan):
    return GoalFactory(plan=draft_plan, number=1, title="Utkastmål")


@pytest.fixture
def draft_indicator(draft_goal):
    return IndicatorFactory(goal=draft_goal, name="Utkastindikator")


@pytest.fixture
def draft_action(draft_plan, draft_goal):
    a = ActionFactory(plan=draft_plan, title="Utkastinsats")
    a.goals.set([draft_goal])
    return a


@pytest.fixture
def draft_prerequisite(draft_plan):
    from goals.models import Prerequisite

    return Prerequisite.objects.create(plan=draft_plan, number=1, text="Utkastförutsättning")
