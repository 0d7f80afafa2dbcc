"""Plan upkeep (issue 17, part 4): prerequisites edited and followed up per period;
items of a draft plan deleted, those of an active plan withdrawn (kept, left out of new
reporting, still shown in the periods that closed before); nothing a closed period
refers to deleted; the copy of a plan keeps its prerequisites' responsible people.

The UI is Swedish; nothing here depends on the Swedish words of the new strings."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from goals import selectors, services
from goals.models import (
    Action,
    ActionPlan,
    Goal,
    GoalAssessment,
    Indicator,
    Measurement,
    Prerequisite,
    PrerequisiteFollowUp,
)
from tests.factories import GoalFactory, IndicatorFactory, ReportingPeriodFactory

from .factories import ActionFactory, AssessmentFactory, IndicatorTargetFactory, MeasurementFactory

pytestmark = pytest.mark.django_db


def count_queries(client, url) -> int:
    # Cold: kept fragments are drawn afresh, so the count is what drawing the page costs.
    cache.clear()
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


# --- Prerequisites: edited, responsible, followed up per period ------------------------------


def test_administrator_edits_a_prerequisite_and_follows_it_up(
    login, administrator, prerequisite, period, it_staff
):
    client = login(administrator)
    url = reverse("goals:prerequisite_update", args=[prerequisite.pk])
    page = client.get(url, {"period": period.pk})
    assert page.status_code == 200
    assert page.context["form"]["period"].initial == period.pk
    data = {
        "number": "1",
        "text": "Stabil och säker infrastruktur",
        "part": "4",
        "responsible": it_staff.pk,
        "period": period.pk,
        "status": "at_risk",
        "comment": "Upphandlingen är försenad.",
    }
    assert client.post(url, data).status_code == 302
    prerequisite.refresh_from_db()
    assert (prerequisite.text, prerequisite.part, prerequisite.responsible) == (
        "Stabil och säker infrastruktur",
        4,
        it_staff,
    )
    follow_up = PrerequisiteFollowUp.objects.get(prerequisite=prerequisite, period=period)
    assert (follow_up.status, follow_up.comment, follow_up.author) == (
        "at_risk",
        "Upphandlingen är försenad.",
        administrator,
    )
    # The same period again replaces the follow-up; its history keeps both versions.
    client.post(url, {**data, "status": "in_progress", "comment": "Avtal klart."})
    follow_up.refresh_from_db()
    assert follow_up.status == "in_progress"
    assert follow_up.history.count() == 2
    # The page shows it next time, with the earlier periods' follow-ups below the form.
    again = client.get(url, {"period": period.pk})
    assert again.context["form"]["status"].initial == "in_progress"
    assert again.context["follow_ups"] == [follow_up]


def test_a_follow_up_without_a_status_only_saves_the_prerequisite(
    login, administrator, prerequisite, period
):
    url = reverse("goals:prerequisite_update", args=[prerequisite.pk])
    data = {"number": "1", "text": "Ny text", "part": "1", "period": period.pk, "status": ""}
    assert login(administrator).post(url, data).status_code == 302
    assert not PrerequisiteFollowUp.objects.exists()


def test_a_closed_period_is_not_followed_up(administrator, prerequisite, closed_period, period):
    with pytest.raises(ValidationError) as error:
        services.prerequisite_follow_up(
            prerequisite=prerequisite, period=closed_period, status="met", user=administrator
        )
    assert "period" in error.value.message_dict
    form_periods = services_form_periods(administrator, prerequisite)
    assert closed_period not in form_periods and period in form_periods


def services_form_periods(user, prerequisite):
    from goals.forms import PrerequisiteForm

    return list(PrerequisiteForm(instance=prerequisite, user=user).fields["period"].queryset)


def test_prerequisite_numbers_are_unique_in_their_plan(login, administrator, plan, prerequisite):
    response = login(administrator).post(
        reverse("goals:prerequisite_create", args=[plan.pk]),
        {"number": "1", "text": "Samma nummer", "part": "1"},
    )
    assert response.status_code == 200 and "number" in response.context["form"].errors
    created = login(administrator).post(
        reverse("goals:prerequisite_create", args=[plan.pk]),
        {"number": "2", "text": "Tid för kompetensutveckling", "part": "2"},
    )
    assert created.status_code == 302
    assert plan.prerequisites.count() == 2


def test_the_plan_page_lists_responsible_and_latest_status(
    login, administrator, teacher, plan, prerequisite, period, closed_period, leader
):
    PrerequisiteFollowUp.objects.create(
        prerequisite=prerequisite, period=closed_period, status="not_started"
    )
    PrerequisiteFollowUp.objects.create(prerequisite=prerequisite, period=period, status="met")
    edit_url = reverse("goals:prerequisite_update", args=[prerequisite.pk])
    admin_page = login(administrator).get(reverse("goals:plan_detail", args=[plan.pk]))
    body = admin_page.content.decode()
    assert leader.display_name in body
    assert 'data-follow-up="met"' in body and 'data-follow-up="not_started"' not in body
    assert edit_url in body
    teacher_page = login(teacher).get(reverse("goals:plan_detail", args=[plan.pk]))
    assert edit_url not in teacher_page.content.decode()


def test_the_dashboard_shows_the_period_s_follow_ups(
    login, teacher, plan, prerequisite, period, closed_period
):
    PrerequisiteFollowUp.objects.create(
        prerequisite=prerequisite, period=period, status="at_risk", comment="Försenat."
    )
    client = login(teacher)
    now = client.get(reverse("goals:dashboard"), {"period": period.pk})
    assert now.context["prerequisites"][0].follow_up.status == "at_risk"
    assert 'data-follow-up="at_risk"' in now.content.decode()
    before = client.get(reverse("goals:dashboard"), {"period": closed_period.pk})
    assert before.context["prerequisites"][0].follow_up is None


def test_copying_a_plan_keeps_responsible_people_not_follow_ups(
    administrator, plan, prerequisite, period, goal, goal2, indicator
):
    PrerequisiteFollowUp.objects.create(prerequisite=prerequisite, period=period, status="met")
    services.item_withdraw(item=goal2, by=administrator, reason="Utgår.")
    new = services.plan_copy(plan=plan, title="Nästa plan", starts_year=2027, ends_year=2030)
    copied = new.prerequisites.get()
    assert copied.pk != prerequisite.pk
    assert (copied.text, copied.responsible) == (prerequisite.text, prerequisite.responsible)
    assert not copied.follow_ups.exists()
    # What was withdrawn is not carried into the next plan.
    assert list(new.goals.values_list("title", flat=True)) == [goal.title]


# --- Deleting: draft plans only, nothing a closed period refers to ---------------------------


def test_items_of_a_draft_plan_are_deleted_with_what_belongs_to_them(
    draft_plan, draft_goal, draft_indicator, draft_action, draft_prerequisite, period
):
    other_goal = GoalFactory(plan=draft_plan, number=2)
    shared = ActionFactory(plan=draft_plan)
    shared.goals.set([draft_goal, other_goal])
    MeasurementFactory(indicator=draft_indicator, period=period, school=None)
    AssessmentFactory(goal=draft_goal, period=period, school=None)
    impact = services.item_impact(draft_goal)
    assert dict(impact.removed) == {
        str(Indicator._meta.verbose_name_plural): 1,
        str(Measurement._meta.verbose_name_plural): 1,
        str(GoalAssessment._meta.verbose_name_plural): 1,
        str(Action._meta.verbose_name_plural): 1,
    }
    assert dict(impact.unlinked) == {str(Action._meta.verbose_name_plural): 1}
    services.item_delete(item=draft_goal)
    assert not Goal.objects.filter(pk=draft_goal.pk).exists()
    assert not Indicator.objects.filter(pk=draft_indicator.pk).exists()
    assert not Measurement.objects.exists() and not GoalAssessment.objects.exists()
    # The action that served only this goal went with it; the shared one keeps the other.
    assert not Action.objects.filter(pk=draft_action.pk).exists()
    assert list(shared.goals.all()) == [other_goal]
    services.item_delete(item=draft_prerequisite)
    assert not draft_plan.prerequisites.exists()


def test_items_of_the_active_plan_are_not_deleted(goal, indicator, action, prerequisite):
    for item in (goal, indicator, action, prerequisite):
        with pytest.raises(ValidationError) as error:
            services.item_delete(item=item)
        assert error.value.code == "not_deletable"
    assert Goal.objects.filter(pk=goal.pk).exists() and Prerequisite.objects.exists()


def test_nothing_a_closed_period_refers_to_is_deleted(
    login, administrator, draft_goal, draft_indicator, draft_prerequisite, closed_period
):
    MeasurementFactory(indicator=draft_indicator, period=closed_period, school=None)
    PrerequisiteFollowUp.objects.create(
        prerequisite=draft_prerequisite, period=closed_period, status="met"
    )
    for item in (draft_indicator, draft_goal, draft_prerequisite):
        assert services.deletion_refusal(item)
        with pytest.raises(ValidationError):
            services.item_delete(item=item)
    # The page says why and offers to withdraw instead; a POST is refused all the same.
    client = login(administrator)
    url = reverse("goals:indicator_delete", args=[draft_indicator.pk])
    page = client.get(url)
    assert page.context["refusal"]
    assert page.context["withdraw_url"] == reverse(
        "goals:indicator_withdraw", args=[draft_indicator.pk]
    )
    assert 'id="withdraw-instead"' in page.content.decode()
    assert 'id="confirm"' not in page.content.decode()
    refused = client.post(url)
    assert refused.status_code == 200 and refused.context["form"].non_field_errors()
    assert Indicator.objects.filter(pk=draft_indicator.pk).exists()


def test_an_action_followed_up_in_a_closed_period_is_not_deleted(draft_action, closed_period):
    services.action_update_add(
        action=draft_action, text="Startmöte hållet.", author=None, on=closed_period.starts_on
    )
    assert services.deletion_refusal(draft_action)


def test_the_delete_page_says_what_it_affects_and_deletes_on_post(
    login, administrator, draft_goal, draft_indicator, draft_action
):
    client = login(administrator)
    url = reverse("goals:goal_delete", args=[draft_goal.pk])
    page = client.get(url)
    assert page.context["refusal"] is None
    assert dict(page.context["impact"].removed)[str(Indicator._meta.verbose_name_plural)] == 1
    assert 'id="confirm"' in page.content.decode()
    assert Goal.objects.filter(pk=draft_goal.pk).exists()  # GET changes nothing
    response = client.post(url)
    assert response.status_code == 302
    assert response["Location"] == reverse("goals:plan_detail", args=[draft_goal.plan_id])
    assert not Goal.objects.filter(pk=draft_goal.pk).exists()


# --- Withdrawing: kept, out of new reporting, still shown where a period closed before -------


def test_withdrawing_needs_a_reason_and_keeps_the_history(
    login, administrator, indicator, school_a, period
):
    MeasurementFactory(indicator=indicator, period=period, school=school_a)
    client = login(administrator)
    url = reverse("goals:indicator_withdraw", args=[indicator.pk])
    page = client.get(url)
    assert dict(page.context["impact"].removed)[str(Measurement._meta.verbose_name_plural)] == 1
    assert client.post(url, {"reason": ""}).status_code == 200
    indicator.refresh_from_db()
    assert not indicator.is_withdrawn
    response = client.post(url, {"reason": "Ersätts av enkätfrågan."})
    assert response.status_code == 302
    indicator.refresh_from_db()
    assert indicator.withdrawn_by == administrator
    assert indicator.withdrawn_reason == "Ersätts av enkätfrågan."
    assert Measurement.objects.filter(indicator=indicator).count() == 1
    assert indicator.history.first().withdrawn_at == indicator.withdrawn_at
    with pytest.raises(ValidationError):
        services.item_withdraw(item=indicator, by=administrator, reason="Igen.")
    with pytest.raises(ValidationError):
        services.indicator_save(indicator=indicator)


def test_withdrawing_a_goal_takes_its_indicators_and_own_actions_with_it(
    administrator, plan, goal, goal2, indicator, auto_indicator, action
):
    shared = ActionFactory(plan=plan)
    shared.goals.set([goal, goal2])
    assert services.item_withdraw(item=goal, by=administrator, reason="Utgår.") == 4
    assert set(Indicator.objects.withdrawn()) == {indicator, auto_indicator}
    assert list(Action.objects.withdrawn()) == [action]
    assert list(Action.objects.in_use()) == [shared]


def test_withdrawn_items_are_left_out_of_new_reporting(
    login, administrator, leader, school_a, period, goal, goal2, indicator, lower_indicator
):
    services.item_withdraw(item=indicator, by=administrator, reason="Mäts inte längre.")
    services.item_withdraw(item=goal2, by=administrator, reason="Ingår i mål 1.")
    # The reporting page: no value field for it, no assessment for the withdrawn goal.
    page = login(leader).get(reverse("goals:report", args=[period.pk, school_a.pk]))
    fields = page.context["form"].fields
    assert f"value_{indicator.pk}" not in fields and f"status_{goal2.pk}" not in fields
    # Nor through the API or a direct call.
    with pytest.raises(ValidationError):
        services.measurement_record(
            indicator=indicator, period=period, school=school_a, value=50, user=leader
        )
    with pytest.raises(ValidationError):
        services.assessment_save(
            goal=goal2, period=period, school=school_a, status="met", user=leader
        )
    # Submitting asks for an assessment of the goals in use only.
    services.assessment_save(
        goal=goal, period=period, school=school_a, status="not_assessed", user=leader
    )
    services.submission_submit(period=period, school=school_a, user=leader)
    # The dashboard of the open period leaves them out.
    data = selectors.dashboard(period=period)
    assert [row.goal for row in data.goals] == [goal]
    assert indicator not in [i.indicator for row in data.goals for i in row.indicators]


def test_a_period_closed_before_the_withdrawal_shows_it_as_it_was(
    administrator, goal, indicator, period, closed_period
):
    MeasurementFactory(indicator=indicator, period=closed_period, school=None, value=70)
    services.item_withdraw(item=indicator, by=administrator, reason="Utgår.")
    before = selectors.dashboard(period=closed_period)
    rows = [i for row in before.goals for i in row.indicators]
    assert [(r.indicator, r.value) for r in rows] == [(indicator, 70)]
    assert not [i for row in selectors.dashboard(period=period).goals for i in row.indicators]
    # A period that closed after the withdrawal leaves it out like an open one.
    closed_period.closed_at = timezone.now() + timedelta(hours=1)
    closed_period.save()
    after = selectors.dashboard(period=closed_period)
    assert not [i for row in after.goals for i in row.indicators]


def test_new_report_snapshots_leave_withdrawn_items_out_but_old_periods_keep_them(
    administrator, plan, goal, goal2, indicator, action, prerequisite, period, closed_period
):
    from reports.rendering import excel_sheets, render_html
    from reports.snapshot import build_snapshot

    PrerequisiteFollowUp.objects.create(prerequisite=prerequisite, period=period, status="met")
    services.item_withdraw(item=goal, by=administrator, reason="Utgår.")
    now = build_snapshot(kind="tertial2", period=period, school=None)
    assert [g["number"] for g in now["goals"]] == [goal2.number]
    assert now["prerequisites"][0]["status"] == "met"
    assert now["prerequisites"][0]["responsible"] == prerequisite.responsible.display_name
    old = build_snapshot(kind="tertial1", period=closed_period, school=None)
    by_number = {g["number"]: g for g in old["goals"]}
    withdrawn_on = timezone.localdate().isoformat()
    assert by_number[goal.number]["withdrawn_on"] == withdrawn_on
    assert by_number[goal.number]["indicators"][0]["withdrawn_on"] == withdrawn_on
    assert by_number[goal.number]["actions"][0]["withdrawn_on"] == withdrawn_on
    assert by_number[goal2.number]["withdrawn_on"] is None
    assert old["prerequisites"][0]["status"] is None
    # A report stored before these keys existed renders as before.
    stored = {k: v for k, v in old.items() if k != "prerequisites"}
    for g in stored["goals"]:
        g.pop("withdrawn_on")
    assert 'id="prerequisites"' not in render_html(stored)
    assert 'id="prerequisites"' in render_html(now)
    assert len(excel_sheets(now)) == len(excel_sheets(stored)) + 1


def test_computed_indicators_and_the_snapshot_leave_withdrawn_items_out(
    administrator, plan, goal, auto_indicator, period
):
    from goals.metrics import actions_on_time

    done = ActionFactory(
        plan=plan, status="done", due_on=period.starts_on, completed_on=period.starts_on
    )
    late = ActionFactory(plan=plan, status="ongoing", due_on=period.starts_on)
    assert actions_on_time(school=None, start=period.starts_on, end=period.ends_on) == 50
    services.item_withdraw(item=late, by=administrator, reason="Utgår.")
    assert actions_on_time(school=None, start=period.starts_on, end=period.ends_on) == 100
    assert done.pk
    services.item_withdraw(item=auto_indicator, by=administrator, reason="Utgår.")
    services.snapshot_period(period=period)
    assert not Measurement.objects.filter(indicator=auto_indicator).exists()


def test_lists_leave_withdrawn_items_out_unless_asked(
    login, administrator, teacher, goal, indicator, action
):
    services.item_withdraw(item=action, by=administrator, reason="Utgår.")
    services.item_withdraw(item=indicator, by=administrator, reason="Utgår.")
    client = login(teacher)
    page = client.get(reverse("goals:action_list"))
    assert action not in page.context["table"].data.data
    shown = client.get(reverse("goals:action_list"), {"include_withdrawn": "true"})
    assert action in shown.context["table"].data.data
    assert client.get("/api/v1/actions/").json()["count"] == 0
    assert client.get("/api/v1/actions/", {"include_withdrawn": "true"}).json()["count"] == 1
    assert client.get("/api/v1/indicators/").json()["count"] == 0
    one = client.get(f"/api/v1/indicators/{indicator.pk}/").json()
    assert one["withdrawn_reason"] == "Utgår." and one["withdrawn_at"]
    # The parameter is a boolean, as the schema says.
    assert client.get("/api/v1/goals/", {"include_withdrawn": "-5"}).status_code == 400


def test_withdrawn_items_are_marked_on_their_own_pages(
    login, administrator, teacher, goal, indicator, action
):
    services.item_withdraw(item=goal, by=administrator, reason="Utgår.")
    client = login(teacher)
    goal_page = client.get(reverse("goals:goal_detail", args=[goal.pk])).content.decode()
    assert 'id="withdrawn"' in goal_page
    # Its indicator stays on the page (its history is read there), marked too.
    assert f'id="indicator-{indicator.pk}"' in goal_page
    assert goal_page.count("data-withdrawn=") >= 3  # goal, indicator, action
    action_page = client.get(reverse("goals:action_detail", args=[action.pk])).content.decode()
    assert 'id="withdrawn"' in action_page
    admin_page = login(administrator).get(reverse("goals:goal_detail", args=[goal.pk]))
    assert reverse("goals:goal_update", args=[goal.pk]) not in admin_page.content.decode()


def test_an_archived_plan_is_neither_deleted_from_nor_withdrawn_from(administrator, goal):
    plan = goal.plan
    plan.status = ActionPlan.Status.ARCHIVED
    plan.save()
    with pytest.raises(ValidationError):
        services.item_withdraw(item=goal, by=administrator, reason="Utgår.")
    with pytest.raises(ValidationError):
        services.item_delete(item=goal)


# --- Cancelling a session (competence's, not rebuilt: its confirmation page) ----------------


def test_cancelling_a_session_is_confirmed_on_its_own_page(login, teacher, school_a):
    from competence.models import Enrolment, TrainingActivity
    from tests.competence.factories import ActivityFactory, EnrolmentFactory

    session = ActivityFactory(organiser=teacher, school=school_a)
    EnrolmentFactory.create_batch(2, activity=session)
    EnrolmentFactory(activity=session, status=Enrolment.Status.WAITING)
    client = login(teacher)
    url = reverse("competence:activity_cancel_session", args=[session.pk])
    page = client.get(url)
    assert (page.context["enrolled"], page.context["waiting"]) == (2, 1)
    assert TrainingActivity.objects.get(pk=session.pk).cancelled_at is None
    assert client.post(url).status_code == 302
    assert TrainingActivity.objects.get(pk=session.pk).cancelled_at is not None
    assert not client.get(url).context["can_cancel"]


# --- Query counts ---------------------------------------------------------------------------


def test_upkeep_pages_run_the_same_queries_whatever_the_data(
    login, administrator, plan, goal, indicator, action, prerequisite, period, school_a
):
    client = login(administrator)
    urls = [
        reverse("goals:prerequisite_update", args=[prerequisite.pk]),
        reverse("goals:prerequisite_delete", args=[prerequisite.pk]),
        reverse("goals:goal_delete", args=[goal.pk]),
        reverse("goals:goal_withdraw", args=[goal.pk]),
        reverse("goals:indicator_delete", args=[indicator.pk]),
        reverse("goals:indicator_withdraw", args=[indicator.pk]),
        reverse("goals:action_delete", args=[action.pk]),
        reverse("goals:action_withdraw", args=[action.pk]),
        reverse("goals:plan_detail", args=[plan.pk]),
        reverse("goals:dashboard"),
    ]
    # One of each kind of row already, so the pages' histories name every related model.
    PrerequisiteFollowUp.objects.create(prerequisite=prerequisite, period=period, status="met")
    MeasurementFactory(indicator=indicator, period=period, school=school_a)
    services.action_update_add(action=action, text="Start", author=administrator)
    # Warm: the first visit of a page may store something in the session.
    for url in urls:
        client.get(url)
    small = [count_queries(client, url) for url in urls]
    # More of everything: periods with follow-ups, prerequisites, indicators, measurements,
    # actions with updates.
    earlier = [
        ReportingPeriodFactory(year=2025, kind=kind, status="closed")
        for kind in ("tertial1", "tertial2", "annual")
    ]
    for number in range(2, 6):
        extra = Prerequisite.objects.create(plan=plan, number=number, text=f"F {number}")
        for p in [period, *earlier]:
            PrerequisiteFollowUp.objects.create(prerequisite=extra, period=p, status="met")
            PrerequisiteFollowUp.objects.get_or_create(
                prerequisite=prerequisite, period=p, defaults={"status": "in_progress"}
            )
    for p in [period, *earlier]:
        MeasurementFactory(indicator=indicator, period=p, school=None)
    for _n in range(3):
        more = IndicatorFactory(goal=goal)
        IndicatorTargetFactory(indicator=more, year=2026, value=10)
        for p in [period, *earlier]:
            MeasurementFactory(indicator=more, period=p, school=school_a)
        other = ActionFactory(plan=plan)
        other.goals.set([goal])
        services.action_update_add(action=action, text="Steg", author=administrator)
    big = [count_queries(client, url) for url in urls]
    assert small == big, list(zip(urls, small, big, strict=True))
    assert max(big[:-2]) <= 15, list(zip(urls, big, strict=True))
