"""Journey: the administrator hands over everything a leaving rektor owned, and the
responsibility page shows the new owner everywhere."""

import pytest

from organisation.responsibilities import responsibilities
from tests.factories import PASSWORD, SchoolFactory, person
from tests.organisation.factories import DecisionFactory, RoutineFactory, WorkingGroupFactory
from vuxportal.roles import Role


@pytest.fixture
def people(transactional_db):
    school = SchoolFactory(code="sodermalm", name="Vux Södermalm")
    rektor = person(
        Role.SCHOOL_LEADER,
        school,
        email="rektor@vux.example",
        first_name="Rebecka",
        last_name="Rask",
    )
    successor = person(
        Role.SCHOOL_LEADER,
        school,
        email="ny.rektor@vux.example",
        first_name="Nils",
        last_name="Nyberg",
    )
    admin = person(Role.ADMINISTRATOR, None, email="admin@vux.example", first_name="Anna")
    group = WorkingGroupFactory(name="Arbetsgrupp skolledning", convener=rektor)
    RoutineFactory(title="Introduktion för nya lärare", owner=rektor, school=school)
    RoutineFactory(title="Tertialrapportering", owner=rektor)
    DecisionFactory(meeting__group=group, text="Boka fortbildningsdag", responsible=rektor)
    return {"rektor": rektor, "successor": successor, "admin": admin}


def test_administrator_hands_over_everything_a_leaving_rektor_owned(portal, people):
    page = portal.page
    page.on("dialog", lambda dialog: dialog.accept())
    rektor, successor = people["rektor"], people["successor"]
    portal.login("admin@vux.example", PASSWORD)
    portal.open_menu("organisation")
    page.get_by_role("link", name="Personer", exact=True).click()
    portal.check()
    page.get_by_role("link", name="Rebecka Rask").click()
    portal.check()
    with page.expect_navigation():
        page.get_by_role("button", name="Avaktivera").click()
    portal.check()
    # Deactivating someone who owns things leads straight to the hand-over.
    main = page.locator("main").inner_text()
    for thing in (
        "Arbetsgrupp skolledning",
        "Introduktion för nya lärare",
        "Tertialrapportering",
        "Boka fortbildningsdag",
    ):
        assert thing in main
    with page.expect_navigation():
        page.get_by_role("button", name="Lämna över allt").click()
    portal.check()
    assert "Det här fältet är obligatoriskt." in page.locator("main").inner_text()
    page.locator("[name=to_person]").select_option(str(successor.pk))
    with page.expect_navigation():
        page.get_by_role("button", name="Lämna över allt").click()
    portal.check()
    assert "4 ansvarsområden lämnades över till Nils Nyberg." in page.locator("main").inner_text()

    # The whole responsibility page: the new owner everywhere, the old one nowhere.
    portal.open_menu("organisation")
    page.get_by_role("link", name="Ansvar", exact=True).click()
    portal.check()
    main = page.locator("main").inner_text()
    tables = "\n".join(page.locator("main table").all_inner_texts())
    assert "Rebecka Rask" not in tables
    assert tables.count("Nils Nyberg") == 4
    assert "Personer som har slutat men fortfarande står som ansvariga" not in main
    assert responsibilities.for_person(rektor) == []


@pytest.fixture
def many_routines(transactional_db):
    school = SchoolFactory(code="kista", name="Vux Kista")
    owner = person(Role.SCHOOL_LEADER, school, first_name="Kim", last_name="Kvist")
    person(Role.ADMINISTRATOR, None, email="admin@vux.example")
    for n in range(55):
        RoutineFactory(title=f"Rutin nummer {n:02d}", owner=owner, school=school)


def test_one_kind_of_responsibility_pages_through_every_row(portal, many_routines):
    page = portal.page
    portal.login("admin@vux.example", PASSWORD)
    portal.open_menu("organisation")
    page.get_by_role("link", name="Ansvar", exact=True).click()
    portal.check()
    page.get_by_role("link", name="Visa alla: Rutiner").click()
    portal.check()
    main = page.locator("main")
    assert "Sida 1 av 2" in main.inner_text() and "55 totalt" in main.inner_text()
    assert main.locator("tbody tr").count() == 50
    page.get_by_role("link", name="Nästa").click()
    portal.check()
    assert main.locator("tbody tr").count() == 5
    page.get_by_role("link", name="Tillbaka till alla slags ansvar").click()
    portal.check()
    assert main.locator("h2").count() > 1
