"""Journeys through the foundation's pages: the administrator manages schools and people
(invite, import with preview, roles), and a teacher's account pages. axe-core checks
every page on the way."""

import pytest

from organisation.models import Membership, School, User
from tests.factories import PASSWORD, SchoolFactory, person
from vuxportal.roles import Role


@pytest.fixture
def admin(transactional_db):
    SchoolFactory(code="sodermalm", name="Vux Södermalm")
    return person(Role.ADMINISTRATOR, None, email="admin@vux.example")


def test_administrator_manages_schools_and_people(portal, admin, tmp_path):
    page = portal.page
    portal.login(admin.email, PASSWORD)

    # A new school.
    portal.open_menu("organisation")
    page.get_by_role("link", name="Skolor").click()
    portal.check()
    page.get_by_role("link", name="Ny skola").click()
    portal.check()
    page.get_by_label("Namn").fill("Vux Kista")
    page.get_by_label("Kod").fill("kista")
    page.get_by_label("Elevplatser").fill("750")
    page.get_by_role("button", name="Spara").click()
    portal.check()
    assert School.objects.filter(code="kista", student_places=750).exists()
    page.get_by_role("link", name="Redigera skola").click()
    portal.check()
    page.get_by_label("Adress").fill("Kistagången 12")
    page.get_by_role("button", name="Spara").click()
    portal.check()

    # Invite a person; a missing name is refused field by field and the rest is kept.
    portal.open_menu("organisation")
    page.get_by_role("link", name="Personer").click()
    portal.check()
    page.get_by_role("link", name="Bjud in en person").click()
    portal.check()
    page.get_by_label("E-postadress").fill("ny.rektor@vux.example")
    page.get_by_label("Förnamn").fill("Nina")
    page.get_by_label("Roll").select_option("school_leader")
    page.get_by_role("button", name="Spara").click()
    portal.check()
    assert "Det här fältet är obligatoriskt." in page.locator("main").inner_text()
    assert page.get_by_label("E-postadress").input_value() == "ny.rektor@vux.example"
    page.get_by_label("Efternamn").fill("Norén")
    page.get_by_label("Skola", exact=True).select_option(label="Vux Kista")
    page.get_by_role("button", name="Spara").click()
    portal.check()
    assert "Nina Norén har lagts till." in page.locator("main").inner_text()
    assert "Aktiv\nJa" in page.locator("main").inner_text()
    nina = User.objects.get(email="ny.rektor@vux.example")
    assert Membership.objects.filter(user=nina, role=Role.SCHOOL_LEADER).exists()

    # Give her a second role, then end it.
    # The roles table is a region named "Roller": the field is the combobox of that name.
    page.get_by_role("combobox", name="Roll").select_option("teacher")
    page.get_by_label("Skola").select_option(label="Vux Kista")
    page.get_by_role("button", name="Lägg till roll").click()
    portal.check()
    assert "Rollen har lagts till." in page.locator("main").inner_text()
    page.get_by_role("button", name="Avsluta roll Lärare").click()
    portal.check()
    assert not Membership.objects.current().filter(user=nina, role=Role.TEACHER).exists()
    page.get_by_role("link", name="Redigera").click()
    portal.check()
    page.get_by_label("Befattning").fill("Rektor")
    page.get_by_role("button", name="Spara").click()
    portal.check()

    # Import staff: a bad file is previewed with its errors, a good file is imported.
    portal.open_menu("organisation")
    page.get_by_role("link", name="Personer").click()
    portal.check()
    page.get_by_role("link", name="Importera personal").click()
    portal.check()
    bad = tmp_path / "personal.csv"
    bad.write_text("e-post;förnamn;efternamn;roll;skola\n;Utan;Adress;lärare;kista\n")
    page.get_by_label("Fil").set_input_files(str(bad))
    page.get_by_role("button", name="Förhandsgranska import").click()
    portal.check()
    assert "Rad 2: E-postadress saknas." in page.locator("main").inner_text()
    page.get_by_role("button", name="Börja om").click()
    portal.check()
    good = tmp_path / "personal2.csv"
    good.write_text("e-post;förnamn;efternamn;roll;skola\nny@vux.example;Ny;Lärare;lärare;kista\n")
    page.get_by_label("Fil").set_input_files(str(good))
    page.get_by_role("button", name="Förhandsgranska import").click()
    portal.check()
    page.get_by_role("button", name="Bekräfta import").click()
    portal.check()
    assert User.objects.filter(email="ny@vux.example").exists()

    # Filter the list and open a person; deactivate her.
    page.locator("main").get_by_label("Sök").fill("Norén")  # the list's filter, not the header's
    page.get_by_role("button", name="Filtrera").click()
    portal.check()
    page.get_by_role("link", name="Nina Norén").click()
    portal.check()
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Avaktivera").click()
    portal.check()
    nina.refresh_from_db()
    assert not nina.is_active


def test_teacher_reaches_account_pages_but_not_administration(portal, transactional_db):
    school = SchoolFactory(code="sodermalm", name="Vux Södermalm")
    teacher = person(Role.TEACHER, school, email="larare@vux.example")
    page = portal.page
    portal.login(teacher.email, PASSWORD)
    assert page.get_by_role("link", name="Personer").count() == 0
    portal.goto("/accounts/password/change/")
    portal.goto("/accounts/2fa/")

    # A personal API token: shown once, then listed by its prefix, then revoked.
    page.get_by_role("button", name=teacher.display_name).click()
    page.get_by_role("link", name="API-nycklar").click()
    portal.check()
    page.get_by_label("Namn").fill("Mitt skript")
    page.get_by_role("button", name="Skapa nyckel").click()
    portal.check()
    raw = page.get_by_label("Nyckel", exact=True).input_value()
    assert raw.startswith("vux_")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Återkalla Mitt skript").click()
    portal.check()
    assert raw not in page.content()
    assert "Nyckeln ”Mitt skript” har återkallats." in page.locator("main").inner_text()
    response = page.goto(portal.base_url + "/organisation/personer/")
    assert response.status == 403
    portal.check()
    assert "behörighet" in page.locator("main").inner_text()
    response = page.goto(portal.base_url + "/finns-inte/")
    assert response.status == 404
    portal.check()
