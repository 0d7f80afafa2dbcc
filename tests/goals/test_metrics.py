from datetime import date, timedelta

import pytest

from goals.models import Action
from organisation.responsibilities import responsibilities
from tests.factories import today
from vuxportal.metrics import MetricRegistry, metrics

from .factories import ActionFactory

pytestmark = pytest.mark.django_db

START, END = date(2026, 1, 1), date(2026, 12, 31)


def test_registry_registers_computes_and_unregisters(school_a, teacher):
    registry = MetricRegistry()

    @registry.register(
        "test.teachers",
        label="Lärare",
        unit="count",
        records=lambda *, school, start, end: [teacher] if school in (None, school_a) else [],
    )
    def teachers(*, school, start, end):
        return 1 if school in (None, school_a) else 0

    assert "test.teachers" in registry
    metric = registry.get("test.teachers")
    assert metric.app_label == "tests"
    assert metric.compute(school=school_a, start=START, end=END) == 1
    assert str(metric.compute(school=None, start=START, end=END)) == "1.00"
    assert metric.records(school=school_a, start=START, end=END) == [teacher]
    with pytest.raises(ValueError):
        registry.register("test.teachers", label="x", unit="count")(teachers)
    assert registry.choices() == [("test.teachers", "Lärare")]
    registry.unregister("test.teachers")
    assert "test.teachers" not in registry


def test_goals_metrics_are_discovered():
    assert "goals.actions_on_time" in metrics
    assert "organisation.active_staff" in metrics
    assert metrics.get("goals.actions_on_time").app_label == "goals"


def test_actions_on_time_per_school_and_organisation(plan, school_a, school_b):
    due = date(2026, 6, 1)
    on_time = ActionFactory(plan=plan, due_on=due, status="done", completed_on=due)
    late = ActionFactory(plan=plan, due_on=due, status="done", completed_on=due + timedelta(days=5))
    not_done = ActionFactory(plan=plan, due_on=due, status="ongoing")
    ActionFactory(plan=plan, due_on=due, status="cancelled")  # does not count
    ActionFactory(plan=plan, due_on=date(2025, 6, 1), status="ongoing")  # outside the range
    late.schools.set([school_b])  # only school B
    metric = metrics.get("goals.actions_on_time")
    # Organisation: 1 of 3 on time.
    assert str(metric.compute(school=None, start=START, end=END)) == "33.33"
    # School A: the two org-wide actions (one on time).
    assert metric.compute(school=school_a, start=START, end=END) == 50
    records = metric.records(school=school_a, start=START, end=END)
    assert set(records) == {on_time, not_done}
    assert metric.compute(school=None, start=date(2030, 1, 1), end=date(2030, 12, 31)) is None


def test_responsibilities_registered(goal, action, administrator):
    for key in ("goals.goal", "goals.prerequisite", "goals.action"):
        assert key in responsibilities
    assert responsibilities.get("goals.action").group_field == "responsible_group"
    goal.responsible = administrator
    goal.save()
    owned = {kind.key: list(items) for kind, items in responsibilities.for_person(administrator)}
    assert owned["goals.goal"] == [goal] and owned["goals.action"] == [action]
    new = type(administrator).objects.create_user(email="ny@vux.test")
    responsibilities.hand_over(from_person=administrator, to_person=new)
    assert Action.objects.get(pk=action.pk).responsible == new


def test_action_save_sets_completion(plan, administrator):
    from goals import services

    a = Action(plan=plan, title="T", status="done", due_on=today())
    services.action_save(action=a)
    assert a.completed_on == today() and a.progress == 100
