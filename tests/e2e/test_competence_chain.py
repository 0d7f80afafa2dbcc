"""Journey of issue 16's chain: the administrator gives the leadership framework its
audience; a teacher is then asked only for her frameworks; the rektor ties a session to
the plan's action; the chain goal → action → session is followed in the browser, and
back from the framework to its upcoming sessions. axe checks every page."""

import re

import pytest

from competence import demo as competence_demo
from competence.models import Framework, TrainingActivity
from goals.models import ActionPlan
from tests.competence.factories import EnrolmentFactory, open_period
from tests.factories import PASSWORD, ActionPlanFactory, GoalFactory, SchoolFactory, person
from tests.goals.factories import ActionFactory
from vuxportal.roles import Role


@pytest.fixture
def chain(transactional_db):
    school = SchoolFactory(code="sodermalm", name="Vux Södermalm")
    people = {
        "admin": person(Role.ADMINISTRATOR, None, email="admin@vux.example"),
        "rektor": person(Role.SCHOOL_LEADER, school, email="rektor@vux.example"),
        "larare": person(Role.TEACHER, school, email="larare@vux.example"),
    }
    frameworks = competence_demo._frameworks()
    # The leadership framework starts without an audience: the administrator sets it.
    Framework.objects.filter(code="leadership").update(audience_roles=[])
    open_period()
    plan = ActionPlanFactory(status=ActionPlan.Status.ACTIVE)
    goal = GoalFactory(plan=plan, number=3, title="Lärare väljer digitala verktyg")
    action = ActionFactory(plan=plan, title="Kompetenstrappa för lärare")
    action.goals.add(goal)
    return {"school": school, "frameworks": frameworks, "goal": goal, "action": action, **people}


def field(page, label):
    return page.get_by_label(re.compile(rf"^{re.escape(label)}( \*)?$"))


def _submit(portal, name="Spara"):
    portal.page.locator("main form").get_by_role("button", name=name).first.click()
    portal.page.wait_for_load_state("domcontentloaded")
    portal.check()


def _click(portal, name):
    portal.page.locator("main").get_by_role("link", name=name).first.click()
    portal.page.wait_for_load_state("domcontentloaded")
    portal.check()


def test_the_chain_from_framework_audience_to_sessions(portal, chain):
    page = portal.page
    leadership = Framework.objects.get(code="leadership")

    # The administrator says the leadership framework is for school leaders.
    portal.login("admin@vux.example", PASSWORD)
    portal.goto(f"/kompetens/ramverk/{leadership.pk}/")
    _click(portal, "Redigera")
    page.get_by_role("checkbox", name="Skolledare", exact=True).check()
    _submit(portal)
    leadership.refresh_from_db()
    assert leadership.audience_roles == [Role.SCHOOL_LEADER]
    assert "Skolledare" in page.locator("main").inner_text()
    portal.logout()

    # The rektor creates a session serving the plan's action, developing a competence.
    portal.login("rektor@vux.example", PASSWORD)
    portal.goto("/kompetens/utbildningar/ny/")
    field(page, "Titel").fill("Digitala verktyg i praktiken")
    field(page, "Form").select_option("workshop")
    field(page, "Börjar").fill("2031-03-10T13:00")
    field(page, "Slutar").fill("2031-03-10T16:00")
    field(page, "Timmar").fill("3")
    field(page, "Insats i handlingsplanen").select_option(label="Kompetenstrappa för lärare")
    competence = chain["frameworks"]["digcompedu"].areas.first().competences.first()
    field(page, "Kompetenser och TPACK-domäner").select_option(value=str(competence.pk))
    _submit(portal)
    session = TrainingActivity.objects.get(title="Digitala verktyg i praktiken")
    assert session.action == chain["action"]
    text = page.locator("main").inner_text()
    assert "Kompetenstrappa för lärare" in text and "Lärare väljer digitala verktyg" in text
    portal.logout()

    # The teacher is asked only for DigCompEdu and TPACK, not for leading.
    portal.login("larare@vux.example", PASSWORD)
    portal.goto("/kompetens/sjalvskattning/")
    text = page.locator("main").inner_text()
    assert "DigCompEdu" in text and "TPACK" in text
    assert "Leda digital utveckling" not in text
    EnrolmentFactory(activity=session, person=chain["larare"])
    # Goal → action → session.
    portal.goto(chain["goal"].get_absolute_url())
    assert "Digitala verktyg i praktiken" in page.locator("main").inner_text()
    _click(portal, "Kompetenstrappa för lärare")
    text = page.locator("main").inner_text()
    assert "1 tillfällen: 1 anmälda, 0 deltog" in text
    _click(portal, "Digitala verktyg i praktiken")
    assert page.locator("h1").inner_text() == "Digitala verktyg i praktiken"
    # Framework → competence → upcoming session.
    portal.goto(chain["frameworks"]["digcompedu"].get_absolute_url())
    assert "Kommande tillfälle: Digitala verktyg i praktiken" in page.locator("main").inner_text()
