"""Journeys: a working group records a meeting with a decision; routines come due and are
reviewed; notes from environmental scanning are written, browsed and summed up per month."""

from datetime import timedelta

import pytest
from django.utils import timezone

from goals.models import Action
from organisation.models import Decision, Routine, ScanningNote
from tests.factories import PASSWORD, ActionPlanFactory, GoalFactory, SchoolFactory, person
from tests.organisation.factories import RoutineFactory
from vuxportal.roles import Role


@pytest.fixture
def people(transactional_db):
    school = SchoolFactory(code="sodermalm", name="Vux Södermalm")
    kista = SchoolFactory(code="kista", name="Vux Kista")
    goal = GoalFactory(plan=ActionPlanFactory(), number=4, title="Samverkan och ansvar")
    return {
        "goal": goal,
        "admin": person(
            Role.ADMINISTRATOR,
            None,
            email="admin@vux.example",
            first_name="Anna",
            last_name="Andersson",
        ),
        "rektor": person(
            Role.SCHOOL_LEADER,
            school,
            email="rektor@vux.example",
            first_name="Rebecka",
            last_name="Rask",
        ),
        "teacher": person(
            Role.TEACHER, school, email="larare@vux.example", first_name="Lars", last_name="Lind"
        ),
        "kista": person(
            Role.TEACHER, kista, email="kista@vux.example", first_name="Karin", last_name="Kvist"
        ),
        "it": person(
            Role.IT_STAFF, school, email="it@vux.example", first_name="Ida", last_name="Tekniksson"
        ),
    }


def submit(portal, selector="main form.portal-form button[type=submit]"):
    with portal.page.expect_navigation():
        portal.page.locator(selector).first.click()
    portal.check()


def test_a_working_group_records_a_meeting_with_a_decision(portal, people):
    page = portal.page
    portal.login("admin@vux.example", PASSWORD)
    portal.open_menu("organisation")
    page.get_by_role("link", name="Arbetsgrupper", exact=True).click()
    portal.check()
    page.get_by_role("link", name="Ny arbetsgrupp").click()
    portal.check()
    page.locator("[name=name]").fill("Arbetsgrupp skolledning")
    page.locator("[name=area]").select_option("leadership")
    page.locator("[name=purpose]").fill("Leda digitaliseringen tillsammans.")
    page.locator("[name=convener]").select_option(str(people["rektor"].pk))
    page.locator("[name=members]").select_option(
        [str(people["teacher"].pk), str(people["kista"].pk)]
    )
    submit(portal)
    assert "Vux Kista" in page.locator("main").inner_text()
    portal.logout()

    portal.login("rektor@vux.example", PASSWORD)
    page.get_by_role("link", name="Arbetsgrupp skolledning").click()
    portal.check()
    page.get_by_role("link", name="Redigera arbetsgruppen").click()
    portal.check()
    page.locator("[name=purpose]").fill("Leda och följa upp digitaliseringen.")
    submit(portal)
    page.get_by_role("link", name="Registrera ett möte").click()
    portal.check()
    page.locator("[name=agenda]").fill("1. Tertialuppföljning")
    page.locator("[name=minutes]").fill("Vi gick igenom målen.")
    page.locator("[name=decisions-0-text]").fill("Alla skolor redovisar sina analyser.")
    # A leader names people of her own school (the choices are scoped), not Kista's.
    responsible = page.locator("[name=decisions-0-responsible]")
    assert responsible.locator(f'option[value="{people["kista"].pk}"]').count() == 0
    responsible.select_option(str(people["teacher"].pk))
    due = (timezone.localdate() + timedelta(days=14)).isoformat()
    page.locator("[name=decisions-0-due_on]").fill(due)
    submit(portal)
    main = page.locator("main").inner_text()
    assert "Alla skolor redovisar sina analyser." in main
    assert "Lars Lind" in main
    page.get_by_role("link", name="Redigera mötet").click()
    portal.check()
    page.locator("[name=minutes]").fill("Vi gick igenom målen och analyserna.")
    submit(portal)
    assert "Vi gick igenom målen och analyserna." in page.locator("main").inner_text()
    decision = Decision.objects.get()
    assert decision.responsible == people["teacher"]

    # The decision becomes an action on a goal in one step, answered for by the group.
    page.get_by_role("link", name="Gör till insats").click()
    portal.check()
    assert page.get_by_label("Titel").input_value() == "Alla skolor redovisar sina analyser."
    page.get_by_label(str(people["goal"])).check()
    with page.expect_navigation():
        page.get_by_role("button", name="Spara").click()
    portal.check()
    action = Action.objects.get(decision=decision)
    assert action.responsible_group.name == "Arbetsgrupp skolledning"
    assert list(action.goals.all()) == [people["goal"]]
    assert "Från beslut" in page.locator("main").inner_text()
    page.get_by_role("link", name="Alla skolor redovisar sina analyser.").first.click()
    portal.check()
    assert page.get_by_role("link", name="Visa insatsen").count() == 1
    portal.logout()

    # A member from another school sees the group on her start page.
    portal.login("kista@vux.example", PASSWORD)
    assert "Arbetsgrupp skolledning" in page.locator("main").inner_text()


def test_routines_due_for_review_stand_out_and_are_reviewed(portal, people):
    page = portal.page
    RoutineFactory(
        title="Konton för nyanställda",
        owner=people["it"],
        last_reviewed_on=timezone.localdate() - timedelta(days=500),
    )
    portal.login("it@vux.example", PASSWORD)
    assert "Konton för nyanställda" in page.locator("main").inner_text()
    portal.open_menu("organisation")
    page.get_by_role("link", name="Rutiner", exact=True).click()
    portal.check()
    assert "Dags för översyn" in page.locator("main table").inner_text()
    page.get_by_role("link", name="Konton för nyanställda").click()
    portal.check()
    assert "Det är dags att se över rutinen." in page.locator("main").inner_text()
    with page.expect_navigation():
        page.get_by_role("button", name="Markera som översedd i dag").click()
    portal.check()
    assert "Det är dags att se över rutinen." not in page.locator("main").inner_text()
    page.get_by_role("link", name="Redigera rutinen").click()
    portal.check()
    page.locator("[name=review_interval_months]").fill("6")
    submit(portal)
    portal.goto("/organisation/rutiner/")
    page.get_by_role("link", name="Ny rutin").click()
    portal.check()
    page.locator("[name=title]").fill("Utlåning av elevdatorer")
    page.locator("[name=area]").select_option("devices")
    page.locator("[name=link]").fill("intranat.example/rutiner/utlan")
    submit(portal)
    routine = Routine.objects.get(title="Utlåning av elevdatorer")
    assert routine.owner == people["it"]
    assert routine.link == "https://intranat.example/rutiner/utlan"
    assert Routine.objects.get(title="Konton för nyanställda").review_interval_months == 6


def test_scanning_notes_are_written_browsed_and_summed_up(portal, people):
    page = portal.page
    portal.login("larare@vux.example", PASSWORD)
    portal.open_menu("organisation")
    page.get_by_role("link", name="Omvärldsbevakning", exact=True).click()
    portal.check()
    page.get_by_role("link", name="Ny anteckning").click()
    portal.check()
    page.locator("[name=title]").fill("AI-stöd i språkundervisning")
    page.locator("[name=source]").fill("Skolverket")
    page.locator("[name=summary]").fill("Rapport om AI i sfi.")
    page.locator("[name=plan_part]").select_option("2")
    page.locator("[name=tags]").fill("AI, sfi")
    submit(portal)
    page.get_by_role("link", name="sfi").click()
    portal.check()
    assert "AI-stöd i språkundervisning" in page.locator("main table").inner_text()
    page.get_by_role("link", name="AI-stöd i språkundervisning").click()
    portal.check()
    page.get_by_role("link", name="Redigera anteckningen").click()
    portal.check()
    page.locator("[name=summary]").fill("Rapport om AI i sfi och svenska som andraspråk.")
    submit(portal)
    portal.goto("/organisation/omvarldsbevakning/")
    page.get_by_role("link", name="Månadssammanställning").click()
    portal.check()
    main = page.locator("main").inner_text()
    assert "Digital kompetens" in main
    assert "AI-stöd i språkundervisning" in main
    assert ScanningNote.objects.get().author == people["teacher"]
