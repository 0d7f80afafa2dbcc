"""Personal development plans (issue 16): the services' rules, the pages, who sees a plan
(the owner and the owner's leader, nobody else) and the API (one's own only)."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from competence import plans
from competence.models import Competence, DevelopmentPlan, PlanComment, Rating
from goals.models import ReportingPeriod
from tests.factories import ReportingPeriodFactory
from vuxportal.roles import Role

from .factories import (
    ActivityFactory,
    ExampleFactory,
    RecordFactory,
    assess,
    framework_with,
    open_period,
)


@pytest.fixture
def period(db):
    return open_period()


@pytest.fixture
def digcompedu(db):
    framework = framework_with("digcompedu")
    framework.audience_roles = [Role.TEACHER]
    framework.save()
    return framework


@pytest.fixture
def leadership(db):
    framework = framework_with("leadership", areas=1)
    framework.audience_roles = [Role.SCHOOL_LEADER]
    framework.save()
    return framework


@pytest.fixture
def assessed(teacher, digcompedu, period):
    """The teacher rated 1.1 lowest (1), then 2.2 (2), the others 4."""
    assessment = assess(teacher, digcompedu, period, level=4)
    for code, level in (("1.1", 1), ("2.2", 2)):
        Rating.objects.filter(assessment=assessment, competence__code=code).update(level=level)
    return assessment


def competence(framework, code):
    return Competence.objects.get(area__framework=framework, code=code)


def test_suggestions_are_the_lowest_ratings(assessed, teacher, period, digcompedu):
    suggested = plans.suggested_focus(person=teacher, period=period)
    assert suggested[:2] == [competence(digcompedu, "1.1").pk, competence(digcompedu, "2.2").pk]
    assert len(suggested) == 3


def test_plan_save_rules(teacher, period, digcompedu, leadership):
    focus = list(Competence.objects.filter(area__framework=digcompedu))
    with pytest.raises(ValidationError, match="högst 3"):
        plans.plan_save(person=teacher, period=period, focus=focus, note="")
    # A leaders' framework is not meant for a teacher.
    with pytest.raises(ValidationError, match="avsedda för dig"):
        plans.plan_save(
            person=teacher, period=period, focus=[competence(leadership, "1.1")], note=""
        )
    plan = plans.plan_save(person=teacher, period=period, focus=focus[:2], note="Först")
    again = plans.plan_save(person=teacher, period=period, focus=focus[:1], note="Sedan")
    assert again.pk == plan.pk and DevelopmentPlan.objects.count() == 1
    assert list(again.focus.all()) == focus[:1] and again.note == "Sedan"
    closed = ReportingPeriodFactory(year=2020, status=ReportingPeriod.Status.CLOSED)
    with pytest.raises(ValidationError):
        plans.plan_save(person=teacher, period=closed, focus=focus[:1], note="")


def test_my_plan_page_suggests_saves_recommends_and_shows_progress(
    assessed, teacher, period, digcompedu, login
):
    client = login(teacher)
    url = reverse("competence:plan_mine")
    page = client.get(url)
    assert competence(digcompedu, "1.1").pk in page.context["form"].initial["focus"]
    focus = competence(digcompedu, "1.1")
    response = client.post(url, {"focus": [focus.pk], "note": "Digitala prov"})
    assert response.status_code == 302
    page = client.get(url)
    assert page.context["recommended"] == {"sessions": [], "examples": []}
    assert "Inget kommande utbildningstillfälle" in page.content.decode()
    session = ActivityFactory(title="Prov i Forms", capacity=1)
    session.competences.add(focus)
    ActivityFactory(title="Inställt", cancelled_at=timezone.now()).competences.add(focus)
    ExampleFactory(title="Självrättande prov").competences.add(focus)
    ExampleFactory(title="Utkast", is_published=False).competences.add(focus)
    record = RecordFactory(person=teacher, hours=Decimal("2.5"))
    record.competences.add(focus)
    RecordFactory(person=teacher, hours=Decimal("9"))  # not tagged with a focus
    page = client.get(url)
    assert [s.title for s in page.context["recommended"]["sessions"]] == ["Prov i Forms"]
    assert [e.title for e in page.context["recommended"]["examples"]] == ["Självrättande prov"]
    progress = page.context["progress"]
    assert progress["rows"] == [(focus, 1, 1)] and progress["hours"] == Decimal("2.5")


def test_a_plan_is_seen_by_its_owner_and_leader_only(
    teacher, period, digcompedu, leader, leader_b, administrator, staff_member, login
):
    plan = plans.plan_save(
        person=teacher, period=period, focus=[competence(digcompedu, "1.1")], note=""
    )
    for viewer in (teacher, leader):
        assert DevelopmentPlan.objects.visible_to(viewer).filter(pk=plan.pk).exists()
    for viewer in (leader_b, administrator, staff_member):
        assert not DevelopmentPlan.objects.visible_to(viewer).exists()
        with pytest.raises(ValidationError):
            plans.plan_comment(plan=plan, author=viewer, text="Hej")
    assert login(administrator).get(plan.get_absolute_url()).status_code == 404
    assert list(login(administrator).get(reverse("competence:plan_list")).context["plans"]) == []
    listed = login(leader).get(reverse("competence:plan_list")).context["plans"]
    assert [p.pk for p in listed] == [plan.pk]
    response = login(leader).post(
        reverse("competence:plan_comment", args=[plan.pk]), {"text": "Bra val!"}
    )
    assert response.status_code == 302
    assert PlanComment.objects.get().author == leader
    assert "Bra val!" in login(teacher).get(plan.get_absolute_url()).content.decode()


def test_api_shows_ones_own_plans_only(teacher, leader, period, digcompedu, login):
    plans.plan_save(person=teacher, period=period, focus=[competence(digcompedu, "1.1")])
    assert login(leader).get(reverse("development-plan-list")).json()["count"] == 0
    body = login(teacher).get(reverse("development-plan-list")).json()
    assert body["count"] == 1 and body["results"][0]["focus"][0]["code"] == "1.1"


def _api_queries(client):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse("development-plan-list")).status_code == 200
    return len(ctx.captured_queries)


def test_api_queries_do_not_grow_with_plans(teacher, digcompedu, period, login):
    client = login(teacher)
    plans.plan_save(person=teacher, period=period, focus=[competence(digcompedu, "1.1")])
    one = _api_queries(client)
    for year in (2022, 2023, 2024):
        plan = DevelopmentPlan.objects.create(
            person=teacher, period=ReportingPeriodFactory(year=year)
        )
        plan.focus.set(Competence.objects.all()[:3])
        PlanComment.objects.create(plan=plan, author=teacher, text="Anteckning")
    assert _api_queries(client) == one


@pytest.mark.django_db
def test_demo_has_plans_and_needs_at_sodermalm(settings):
    from django.core.management import call_command

    from competence import needs
    from organisation.models import School, User

    settings.DEBUG = True  # seed_demo refuses to run otherwise
    call_command("seed_demo", verbosity=0)
    larare = User.objects.get(email="larare@vux.example")
    rektor = User.objects.get(email="rektor@vux.example")
    plan = DevelopmentPlan.objects.get(person=larare)
    assert plan.focus.count() == 3 and plan.comments.get().author == rektor
    assert DevelopmentPlan.objects.visible_to(rektor).count() >= 2
    sodermalm = School.objects.get(code="sodermalm")
    period = ReportingPeriod.objects.current()
    rows = needs.needs_for(period=period, school_ids={sodermalm.pk}).rows
    assert rows and any(not row.withheld for row in rows)
    call_command("seed_demo", verbosity=0)  # a second run adds nothing
    assert DevelopmentPlan.objects.filter(person=larare).count() == 1
