"""Issue 16, points 1 and 2: frameworks have an audience (one rule for page, service and
start page), and sessions tie into the chain goal → action → session → attendance."""

import io
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from competence import selectors, services
from competence.forms import ActivityForm, FrameworkForm, PracticeExampleForm
from competence.models import Enrolment, Framework, PracticeExample, TrainingActivity
from goals.models import ActionPlan
from tests.factories import ActionPlanFactory, GoalFactory, person
from tests.goals.factories import ActionFactory
from vuxportal.roles import Role

from .factories import ActivityFactory, EnrolmentFactory, framework_with


@pytest.fixture
def leadership(db):
    framework = framework_with("leadership", levels=5)
    framework.audience_roles = [Role.SCHOOL_LEADER]
    framework.save()
    return framework


@pytest.fixture
def teachers_framework(framework):
    framework.audience_roles = [Role.TEACHER, Role.STAFF]
    framework.save()
    return framework


@pytest.fixture
def action(db):
    plan = ActionPlanFactory(status=ActionPlan.Status.ACTIVE)
    goal = GoalFactory(plan=plan, number=3, title="Lärare väljer digitala verktyg")
    action = ActionFactory(plan=plan, title="Kompetenstrappa")
    action.goals.add(goal)
    return action


def _levels(framework):
    return {c.pk: 1 for a in framework.areas.all() for c in a.competences.all()}


# --- Frameworks have an audience ------------------------------------------------------------


@pytest.mark.django_db
def test_frameworks_for_follows_the_persons_roles(teacher, leader, teachers_framework, leadership):
    open_to_all = framework_with("open", levels=3)
    inactive = framework_with("old", levels=3)
    inactive.is_active = False
    inactive.save()
    assert set(selectors.frameworks_for(teacher)) == {teachers_framework, open_to_all}
    assert set(selectors.frameworks_for(leader)) == {leadership, open_to_all}


@pytest.mark.django_db
def test_the_service_refuses_a_framework_not_meant_for_the_person(
    teacher, leader, period, leadership
):
    with pytest.raises(ValidationError, match=r"not meant|inte avsett"):
        services.self_assessment_save(
            person=teacher, framework=leadership, period=period, levels=_levels(leadership)
        )
    saved = services.self_assessment_save(
        person=leader, framework=leadership, period=period, levels=_levels(leadership)
    )
    assert saved.framework == leadership


@pytest.mark.django_db
def test_a_teacher_is_asked_only_for_her_frameworks(
    client, teacher, period, teachers_framework, leadership
):
    client.force_login(teacher)
    page = client.get(reverse("competence:self_assessment_list"))
    assert page.status_code == 200
    assert [f for f, _done in page.context["due"]] == [teachers_framework]
    edit = reverse("competence:self_assessment_edit", args=[leadership.pk])
    assert client.get(edit).status_code == 404
    assert client.post(edit, {"reflection": ""}).status_code == 404
    ok = reverse("competence:self_assessment_edit", args=[teachers_framework.pk])
    assert client.get(ok).status_code == 200


@pytest.mark.django_db
def test_the_start_page_lists_only_the_persons_frameworks(
    client, teacher, period, teachers_framework, leadership
):
    client.force_login(teacher)
    page = client.get(reverse("home")).content.decode()
    assert teachers_framework.name in page
    assert leadership.name not in page


@pytest.mark.django_db
def test_the_framework_form_edits_audience_and_target(administrator, framework):
    form = FrameworkForm(
        data={
            "name": framework.name,
            "code": framework.code,
            "description": "",
            "is_active": "on",
            "audience_roles": [Role.TEACHER, Role.STAFF],
            "target_level": "3",
        },
        instance=framework,
        user=administrator,
    )
    assert form.is_valid(), form.errors
    form.save()
    framework.refresh_from_db()
    assert framework.audience_roles == [Role.TEACHER, Role.STAFF]
    assert framework.target_level == 3
    # The target is one of the framework's levels.
    bad = FrameworkForm(
        data={"name": "x", "code": framework.code, "target_level": "9"},
        instance=framework,
        user=administrator,
    )
    assert not bad.is_valid() and "target_level" in bad.errors


@pytest.mark.django_db
def test_the_framework_page_shows_audience_target_and_upcoming_sessions(
    client, teacher, leader, school_a, teachers_framework
):
    teachers_framework.target_level = 3
    teachers_framework.save()
    competence = teachers_framework.areas.first().competences.first()
    upcoming = ActivityFactory(organiser=leader, school=school_a, title="Kommande pass")
    past = ActivityFactory(
        organiser=leader,
        school=school_a,
        title="Gammalt pass",
        starts_at=timezone.now() - timedelta(days=9),
        ends_at=timezone.now() - timedelta(days=9) + timedelta(hours=2),
    )
    upcoming.competences.add(competence)
    past.competences.add(competence)
    client.force_login(teacher)
    page = client.get(reverse("competence:framework_detail", args=[teachers_framework.pk]))
    html = page.content.decode()
    assert "Kommande pass" in html and "Gammalt pass" not in html
    assert str(Role.TEACHER.label) in html or "Lärare" in html
    assert page.context["target"].value == 3


# --- Sessions tie into the chain -----------------------------------------------------------


@pytest.mark.django_db
def test_session_and_example_forms_offer_the_active_plans_actions(leader, school_a, action):
    archived = ActionFactory(
        plan=ActionPlanFactory(status=ActionPlan.Status.ARCHIVED), title="Gammal insats"
    )
    for form in (ActivityForm(user=leader), PracticeExampleForm(user=leader)):
        choices = set(form.fields["action"].queryset)
        assert action in choices and archived not in choices
    now = timezone.now() + timedelta(days=3)
    form = ActivityForm(
        data={
            "title": "Pass",
            "format": TrainingActivity.Format.WORKSHOP,
            "starts_at": now.strftime("%Y-%m-%dT%H:%M"),
            "ends_at": (now + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
            "hours": "2",
            "school": school_a.pk,
            "action": archived.pk,
        },
        user=leader,
    )
    assert not form.is_valid() and "action" in form.errors


@pytest.mark.django_db
def test_an_example_names_its_action(client, teacher, action):
    client.force_login(teacher)
    response = client.post(
        reverse("competence:example_create"),
        {"title": "Exempel", "summary": "Kort", "body": "Text", "action": action.pk},
    )
    assert response.status_code == 302, response.context["form"].errors
    example = PracticeExample.objects.get(title="Exempel")
    assert example.action == action
    page = client.get(example.get_absolute_url()).content.decode()
    assert action.get_absolute_url() in page


@pytest.mark.django_db
def test_the_session_page_shows_its_action_and_goals(client, teacher, leader, school_a, action):
    activity = ActivityFactory(organiser=leader, school=school_a, action=action)
    client.force_login(teacher)
    html = client.get(activity.get_absolute_url()).content.decode()
    assert action.get_absolute_url() in html
    assert action.goals.get().get_absolute_url() in html


def _session(action, leader, school, *, attended, absent):
    activity = ActivityFactory(organiser=leader, school=school, action=action, hours=Decimal("2.5"))
    for i in range(attended + absent):
        enrolment = EnrolmentFactory(activity=activity, person=person(Role.TEACHER, school))
        if i < attended:
            enrolment.attendance = Enrolment.Attendance.ATTENDED
            enrolment.save()
    return activity


@pytest.mark.django_db
def test_the_action_page_lists_its_sessions_with_attendance_and_hours(
    client, teacher, leader, school_a, action
):
    activity = _session(action, leader, school_a, attended=2, absent=1)
    ActivityFactory(organiser=leader, school=school_a, title="Annan insats pass")
    client.force_login(teacher)
    page = client.get(action.get_absolute_url())
    assert page.status_code == 200
    html = page.content.decode()
    assert activity.get_absolute_url() in html and "Annan insats pass" not in html
    summary = selectors.sessions_of_action(user=teacher, action=action)
    assert (summary["enrolled"], summary["attended"]) == (3, 2)
    assert summary["hours"] == Decimal("5.0")


@pytest.mark.django_db
def test_the_goal_page_follows_the_chain_to_the_sessions(client, teacher, leader, school_a, action):
    activity = _session(action, leader, school_a, attended=1, absent=0)
    goal = action.goals.get()
    client.force_login(teacher)
    html = client.get(goal.get_absolute_url()).content.decode()
    assert activity.get_absolute_url() in html
    assert action.get_absolute_url() in html


@pytest.mark.django_db
def test_the_action_page_keeps_a_constant_query_count(client, teacher, leader, school_a, action):
    client.force_login(teacher)
    url = action.get_absolute_url()

    def count():
        client.get(url)  # warm the per-user caches
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    _session(action, leader, school_a, attended=1, absent=1)
    small = count()
    for _ in range(4):
        _session(action, leader, school_a, attended=2, absent=2)
    assert count() == small


# --- The demo --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_demo_ties_sessions_and_sets_audiences_once(settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())
    digcompedu = Framework.objects.get(code="digcompedu")
    assert digcompedu.audience_roles == [Role.TEACHER, Role.STAFF]
    assert digcompedu.levels.get(value=digcompedu.target_level).code == "B1"
    assert Framework.objects.get(code="leadership").audience_roles == [Role.SCHOOL_LEADER]
    assert not TrainingActivity.objects.filter(action__isnull=True).exists()
    assert not TrainingActivity.objects.filter(competences__isnull=True).exists()
    before = {a.pk: (a.action_id, a.project_id, a.updated) for a in TrainingActivity.objects.all()}
    call_command("seed_demo", stdout=io.StringIO())
    after = {a.pk: (a.action_id, a.project_id, a.updated) for a in TrainingActivity.objects.all()}
    assert before == after
