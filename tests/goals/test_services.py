from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from goals import services, tasks
from goals.models import (
    Action,
    ActionPlan,
    GoalAssessment,
    Indicator,
    IndicatorTarget,
    Measurement,
    ReportingPeriod,
    Submission,
)
from goals.selectors import meets_target, suggest_status
from tests.factories import GoalFactory, IndicatorFactory, ReportingPeriodFactory, today

from .factories import IndicatorTargetFactory

pytestmark = pytest.mark.django_db


def test_meets_target_is_direction_aware():
    assert meets_target(value=Decimal(80), target=Decimal(80), direction="higher") is True
    assert meets_target(value=Decimal(79), target=Decimal(80), direction="higher") is False
    assert meets_target(value=Decimal(4), target=Decimal(5), direction="lower") is True
    assert meets_target(value=Decimal(6), target=Decimal(5), direction="lower") is False
    assert meets_target(value=None, target=Decimal(5), direction="lower") is None


def test_suggest_status_from_results():
    assert suggest_status([True, True]) == "met"
    assert suggest_status([True, False, None]) == "partly_met"
    assert suggest_status([False]) == "not_met"
    assert suggest_status([None]) == "not_assessed"
    assert suggest_status([]) == "not_assessed"


def test_measurement_refuses_out_of_range_percent(indicator, period, school_a, leader):
    with pytest.raises(ValidationError) as error:
        services.measurement_record(
            indicator=indicator, period=period, school=school_a, value=Decimal(140), user=leader
        )
    assert "value" in error.value.message_dict
    with pytest.raises(ValidationError):
        services.measurement_record(
            indicator=indicator, period=period, school=school_a, value=Decimal(-1), user=leader
        )
    assert not Measurement.objects.exists()
    m = services.measurement_record(
        indicator=indicator, period=period, school=school_a, value=Decimal(100), user=leader
    )
    assert m.value == 100 and m.recorded_by == leader


def test_org_only_indicator_refuses_school_values(goal, period, school_a, administrator):
    org_only = IndicatorFactory(goal=goal, per_school=False)
    with pytest.raises(ValidationError):
        services.measurement_record(
            indicator=org_only, period=period, school=school_a, value=1, user=administrator
        )
    assert services.measurement_record(
        indicator=org_only, period=period, school=None, value=1, user=administrator
    )


def test_assessment_suggestion_and_override_reason(indicator, period, school_a, leader, goal):
    services.measurement_record(
        indicator=indicator, period=period, school=school_a, value=85, user=leader
    )
    assert services.suggested_status(goal=goal, period=period, school=school_a) == "met"
    with pytest.raises(ValidationError) as error:
        services.assessment_save(
            goal=goal, period=period, school=school_a, status="partly_met", user=leader
        )
    assert "override_reason" in error.value.message_dict
    a = services.assessment_save(
        goal=goal,
        period=period,
        school=school_a,
        status="partly_met",
        override_reason="Bara hälften av arbetslagen är med.",
        user=leader,
    )
    assert a.suggested_status == "met" and a.is_override
    a = services.assessment_save(goal=goal, period=period, school=school_a, status="met")
    assert a.override_reason == "" and not a.is_override


def test_lower_is_better_suggestion(lower_indicator, period, school_a, goal2, leader):
    services.measurement_record(
        indicator=lower_indicator, period=period, school=school_a, value=7, user=leader
    )
    assert services.suggested_status(goal=goal2, period=period, school=school_a) == "not_met"
    services.measurement_record(
        indicator=lower_indicator, period=period, school=school_a, value=4, user=leader
    )
    assert services.suggested_status(goal=goal2, period=period, school=school_a) == "met"


def test_submit_needs_every_goal_then_marks_submitted(goal, goal2, period, school_a, leader):
    services.assessment_save(goal=goal, period=period, school=school_a, status="not_assessed")
    with pytest.raises(ValidationError):
        services.submission_submit(period=period, school=school_a, user=leader)
    services.assessment_save(goal=goal2, period=period, school=school_a, status="not_assessed")
    sub = services.submission_submit(period=period, school=school_a, user=leader)
    assert sub.state == Submission.State.SUBMITTED and sub.submitted_by == leader


def test_closed_period_refuses_every_write(indicator, goal, closed_period, school_a, leader):
    calls = [
        lambda: services.measurement_record(
            indicator=indicator, period=closed_period, school=school_a, value=1, user=leader
        ),
        lambda: services.assessment_save(
            goal=goal, period=closed_period, school=school_a, status="met", override_reason="x"
        ),
        lambda: services.submission_submit(period=closed_period, school=school_a, user=leader),
        lambda: services.reminders_send(period=closed_period),
        lambda: services.period_close(period=closed_period),
        lambda: services.snapshot_period(period=closed_period),
    ]
    for call in calls:
        with pytest.raises(ValidationError) as error:
            call()
        assert "closed" in error.value.messages[0] or "stängd" in error.value.messages[0]
    assert not Measurement.objects.exists() and not GoalAssessment.objects.exists()
    assert not Submission.objects.exists()


def test_close_snapshots_automatic_values(auto_indicator, school_a, school_b, teacher):
    # The annual period contains today, when the teacher's membership started.
    period = ReportingPeriodFactory(year=today().year, kind="annual")
    closed = services.period_close(period=period)
    assert closed.is_closed and closed.closed_at
    rows = Measurement.objects.filter(indicator=auto_indicator, period=period, source="snapshot")
    by_school = {m.school_id: m.value for m in rows}
    assert by_school[school_a.pk] == 1  # the teacher
    assert by_school[school_b.pk] == 0
    assert by_school[None] == 1


def test_snapshot_tasks(auto_indicator, period, previous_period, school_a, teacher):
    assert tasks.snapshot_open_periods() == 2  # the organisation and school A
    assert Measurement.objects.filter(period=period).count() == 2
    assert not Measurement.objects.filter(period=previous_period).exists()
    assert tasks.snapshot_period(previous_period.pk) == 0  # closed periods stay frozen
    assert tasks.snapshot_period(period.pk) == 0  # nothing changed


def test_reminders_go_to_leaders_who_have_not_submitted(
    goal, period, school_a, school_b, leader, leader_b, django_capture_on_commit_callbacks
):
    Submission.objects.create(period=period, school=school_b, state="submitted")
    leader.language = "en"
    leader.save()
    with django_capture_on_commit_callbacks(execute=True):
        sent = services.reminders_send(period=period)
    assert sent == 1
    assert [m.to for m in mail.outbox] == [[leader.email]]
    assert "Reminder" in mail.outbox[0].subject  # in the recipient's language
    assert Submission.objects.get(period=period, school=school_a).reminded_at


def test_remind_before_deadlines_task(goal, school_a, leader, django_capture_on_commit_callbacks):
    deadline = today() + timedelta(days=7)
    ReportingPeriodFactory(year=deadline.year + 1, kind="annual", deadline=deadline)
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.remind_before_deadlines(days_before=7) == 1
    assert len(mail.outbox) == 1
    assert "Påminnelse" in mail.outbox[0].subject
    assert tasks.remind_before_deadlines(days_before=3) == 0


def test_plan_activate_archives_the_previous(plan):
    new = ActionPlan.objects.create(title="Ny plan", starts_year=2027, ends_year=2030, vision="v")
    services.plan_activate(plan=new)
    plan.refresh_from_db()
    assert plan.status == "archived" and new.status == "active"
    with pytest.raises(ValidationError):
        services.plan_activate(plan=plan)  # archived plans are read-only


def test_plan_copy_copies_goals_indicators_and_targets(plan, indicator, lower_indicator):
    IndicatorTargetFactory(indicator=indicator, year=2025, value=70)
    new = services.plan_copy(plan=plan, title="Plan 2027–2029", starts_year=2027, ends_year=2029)
    assert new.status == "draft" and new.vision == plan.vision
    assert new.goals.count() == 2
    copied = Indicator.objects.get(goal__plan=new, name=indicator.name)
    assert dict(copied.targets.values_list("year", "value")) == {
        2027: Decimal(80),
        2028: Decimal(80),
        2029: Decimal(80),
    }
    assert IndicatorTarget.objects.filter(indicator=indicator).count() == 2  # originals kept


def test_archived_plan_refuses_changes(plan, action, administrator):
    plan.status = ActionPlan.Status.ARCHIVED
    plan.save()
    with pytest.raises(ValidationError):
        services.action_update_add(action=action, text="x", author=administrator)


def test_action_updates_move_progress_and_completion(action, administrator):
    services.action_update_add(action=action, text="Halvvägs", progress=50, author=administrator)
    action.refresh_from_db()
    assert action.progress == 50 and action.updates.count() == 1
    services.action_update_add(action=action, text="Klart", status="done", author=administrator)
    action.refresh_from_db()
    assert action.status == "done" and action.progress == 100 and action.completed_on == today()
    with pytest.raises(ValidationError):
        services.action_update_add(action=action, text="  ", author=administrator)


def test_overdue_actions(action, overdue_action):
    assert list(Action.objects.overdue()) == [overdue_action]
    assert overdue_action.is_overdue and not action.is_overdue


def test_period_create_uses_default_dates():
    p = services.period_create(year=2027, kind="tertial1")
    assert (p.starts_on, p.ends_on, p.deadline) == (
        date(2027, 1, 1),
        date(2027, 4, 30),
        date(2027, 5, 15),
    )
    with pytest.raises(ValidationError):
        services.period_create(year=2027, kind="tertial1")
    assert ReportingPeriod.objects.count() == 1


def test_goal_factory_unused_guard():
    # Goals of a plan keep unique numbers.
    g = GoalFactory(number=9)
    assert str(g).startswith("9.")


def test_live_values_are_cached_briefly(auto_indicator, period, school_a, teacher):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from goals.selectors import live_values

    with CaptureQueriesContext(connection) as first:
        values = live_values([auto_indicator], period=period, school=None)
    with CaptureQueriesContext(connection) as second:
        assert live_values([auto_indicator], period=period, school=None) == values
    assert len(first.captured_queries) == 1 and len(second.captured_queries) == 0


def test_organisation_value_is_its_own_or_what_the_schools_add_up_to(
    indicator, period, school_a, school_b
):
    from goals.selectors import dashboard

    from .factories import MeasurementFactory

    MeasurementFactory(indicator=indicator, period=period, school=school_a, value=40)
    MeasurementFactory(indicator=indicator, period=period, school=school_b, value=61)

    def org_value():
        board = dashboard(period=period, live=False)
        return next(r.value for g in board.goals for r in g.indicators if r.indicator == indicator)

    assert org_value() == Decimal("50.50")  # a percentage: the schools' mean
    MeasurementFactory(indicator=indicator, period=period, school=None, value=70)
    assert org_value() == Decimal("70")  # the organisation's own value wins


# --- Bulk values (measurements_bulk_record) --------------------------------------------------


def test_bulk_record_writes_all_rows_or_none(leader, indicator, lower_indicator, period, school_a):
    from goals import services
    from goals.models import Measurement
    from vuxportal.bulk import RowErrors

    rows = [
        services.MeasurementRow(indicator.pk, period.pk, school_a.pk, Decimal("55")),
        services.MeasurementRow(lower_indicator.pk, period.pk, 999999, Decimal("3")),
    ]
    with pytest.raises(RowErrors) as error:
        services.measurements_bulk_record(rows=rows, user=leader)
    assert error.value.rows == {1: {"school": ["Okänd skola."]}}
    assert error.value.messages == ["1 rad har fel; inget sparades."]
    assert not Measurement.objects.exists()

    rows[1] = services.MeasurementRow(lower_indicator.pk, period.pk, school_a.pk, Decimal("3"))
    saved = services.measurements_bulk_record(rows=rows, user=leader)
    assert [m.pk for m in saved] == list(
        Measurement.objects.filter(pk__in=[m.pk for m in saved]).values_list("pk", flat=True)
    )
    assert Measurement.objects.filter(recorded_by=leader, source="manual").count() == 2
