"""Journeys through an object's history (issue 17, part 3): the administrator changes an
action's status and reads on its page who changed what; the IT technician, on a phone at
375 px, takes a loan device back and reads the loan's history. Every page, and every
opened history, is checked with axe; nothing may be wider than the screen."""

from datetime import timedelta

import pytest

from tests.e2e.conftest import Portal
from tests.factories import (
    PASSWORD,
    ActionPlanFactory,
    GoalFactory,
    SchoolFactory,
    person,
    today,
)
from tests.goals.factories import ActionFactory
from tests.infrastructure.factories import DeviceFactory, LoanFactory, StudentFactory
from vuxportal.roles import Role

PHONE = {"width": 375, "height": 812}
OVERFLOW = "() => document.documentElement.scrollWidth - window.innerWidth"


@pytest.fixture
def world(transactional_db):
    school = SchoolFactory(code="sodermalm", name="Vux Södermalm")
    admin = person(
        Role.ADMINISTRATOR, None, email="admin@vux.example", first_name="Åsa", last_name="Berg"
    )
    it = person(
        Role.IT_STAFF,
        school,
        email="it@vux.example",
        first_name="Ida-Maria",
        last_name="Söderström-Lindqvist",
    )
    plan = ActionPlanFactory()
    action = ActionFactory(plan=plan, title="Införa lärplattform", responsible=admin)
    action.goals.set([GoalFactory(plan=plan)])
    action.schools.set([school])
    loan = LoanFactory(
        device=DeviceFactory(school=school, asset_tag="SOD-0001"),
        student=StudentFactory(school=school, name="Amina Yusuf"),
        due_on=today() + timedelta(days=30),
    )
    return {"admin": admin, "it": it, "action": action, "loan": loan}


@pytest.fixture
def phone(browser, live_server, transactional_db):
    context = browser.new_context(viewport=PHONE, locale="sv-SE")
    page = context.new_page()
    page.set_default_timeout(15000)
    portal = Portal(page, live_server.url)
    yield portal
    context.close()
    assert not portal.unchecked(), f"pages visited without a check: {portal.unchecked()}"
    assert not [e for e in portal.console_errors if "Content Security Policy" in e]


def submit(portal, locator):
    with portal.page.expect_navigation():
        locator.click()
    portal.check()


def open_history(portal):
    """Opens the page's history and checks it open; returns its rows' text."""
    history = portal.page.locator("#history")
    assert history.get_by_role("heading", name="Historik").is_visible()
    history.locator("summary").click()
    table = history.locator("table")
    assert table.is_visible()
    portal.check()
    return [row.inner_text() for row in table.locator("tbody tr").all()]


def test_the_administrator_reads_who_changed_an_action(portal, world):
    page = portal.page
    action = world["action"]
    portal.login("admin@vux.example", PASSWORD)
    portal.goto(f"/mal/insatser/{action.pk}/andra/")
    page.get_by_label("Status").select_option("ongoing")
    page.get_by_label("Framsteg (%)").fill("40")
    submit(portal, page.locator("main form button[type=submit]"))
    errors = page.locator(".invalid-feedback, .alert-danger").all_inner_texts()
    assert page.url.endswith(f"/mal/insatser/{action.pk}/"), errors

    rows = open_history(portal)
    latest = rows[0]
    assert "Åsa Berg" in latest
    assert "Status" in latest and "Planerad" in latest and "Pågående" in latest
    assert "Framsteg (%)" in latest and "40" in latest
    # The scrollable table is a region the keyboard reaches.
    region = page.locator("#history .table-responsive")
    assert region.get_attribute("tabindex") == "0" and region.get_attribute("role") == "region"


def test_the_it_technician_reads_a_loans_history_on_a_phone(phone, world):
    page = phone.page
    loan = world["loan"]
    phone.login("it@vux.example", PASSWORD)
    phone.goto(f"/it/lan/{loan.pk}/aterlamna/")
    page.locator("select[name=condition]").select_option("good")
    submit(phone, page.locator("main form button[type=submit]"))
    assert page.url.endswith(f"/it/lan/{loan.pk}/")

    rows = open_history(phone)
    assert "Ida-Maria Söderström-Lindqvist" in rows[0]
    assert "Återlämnad den" in rows[0] and today().isoformat() in rows[0]
    assert page.evaluate(OVERFLOW) <= 0
