"""Journeys: every demo role signs in, sees its start page, switches language and back."""

import pytest

from tests.factories import PASSWORD, person
from vuxportal.roles import Role


@pytest.fixture
def people(transactional_db):
    from tests.factories import SchoolFactory

    school = SchoolFactory(code="sodermalm", name="Vux Södermalm")
    return {
        Role.ADMINISTRATOR: person(Role.ADMINISTRATOR, None, email="admin@vux.example"),
        Role.SCHOOL_LEADER: person(Role.SCHOOL_LEADER, school, email="rektor@vux.example"),
        Role.TEACHER: person(Role.TEACHER, school, email="larare@vux.example"),
        Role.IT_STAFF: person(Role.IT_STAFF, school, email="it@vux.example"),
        Role.STAFF: person(Role.STAFF, school, email="personal@vux.example"),
    }


@pytest.mark.parametrize("role", list(Role.values))
def test_each_role_signs_in_switches_language_and_signs_out(portal, people, role):
    page = portal.page
    portal.login(people[role].email, PASSWORD)
    assert portal.lang == "sv"
    assert page.locator("h1").inner_text().startswith("Välkommen")
    assert Role(role).label  # the start page names the role in Swedish
    page.get_by_role("button", name="English").click()
    page.wait_for_load_state("domcontentloaded")
    portal.check()
    assert portal.lang == "en"
    assert page.locator("h1").inner_text().startswith("Welcome")
    page.get_by_role("button", name="Svenska").click()
    page.wait_for_load_state("domcontentloaded")
    portal.check()
    assert portal.lang == "sv"
    portal.goto("/tillganglighet/")
    assert "Tillgänglighetsredogörelse" in page.locator("h1").inner_text()


def test_wrong_password_shows_swedish_message(portal, people):
    page = portal.page
    portal.goto("/accounts/login/")
    page.locator("input[name=login]").fill("larare@vux.example")
    page.locator("input[name=password]").fill("fel-lösenord")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state("domcontentloaded")
    portal.check()
    assert "felaktigt" in page.locator("main").inner_text()


def test_password_reset_pages_are_swedish_and_accessible(portal, people):
    page = portal.page
    portal.goto("/accounts/password/reset/")
    assert portal.lang == "sv"
    page.locator("input[name=email]").fill("larare@vux.example")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state("domcontentloaded")
    portal.check()
    assert "/accounts/password/reset/done/" in page.url
