"""Journeys through the header's search (issue 17): the IT technician at Vux Södermalm types
an asset tag in the header's search box, on a laptop (1280 px) and on a phone (375 px),
sees the hits grouped by kind, follows one to the device's page and from a capped group
to the device list filtered by the same words. Axe on every page; nothing wider than the
phone's screen. (The search page's own words are not translated in this branch yet, so
the journeys go by structure: ids, landmarks and addresses.)"""

import pytest

from tests.e2e.conftest import Portal
from tests.factories import PASSWORD, SchoolFactory, person
from tests.infrastructure.factories import DeviceFactory, StudentFactory
from vuxportal import search
from vuxportal.roles import Role

PHONE = {"width": 375, "height": 812}
OVERFLOW = "() => document.documentElement.scrollWidth - window.innerWidth"


@pytest.fixture
def world(transactional_db):
    school = SchoolFactory(code="sodermalm", name="Vux Södermalm")
    kista = SchoolFactory(code="kista", name="Vux Kista")
    device = DeviceFactory(school=school, asset_tag="SOD-0042", serial_number="SN00420042")
    # Near the tag, but another school's: out of the technician's scope.
    DeviceFactory(school=kista, asset_tag="KIS-0042")
    # More of the school's projectors than one group shows.
    for n in range(search.HITS_PER_KIND + 1):
        DeviceFactory(school=school, asset_tag=f"SOD-PROJ-{n:03d}")
    StudentFactory(school=school, name="Yrsa Kvarnström", reference="SOD-E0042")
    person(Role.IT_STAFF, school, email="it@vux.example", first_name="Ida", last_name="Ek")
    return {"device": device}


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


def search_in_header(portal, q: str):
    """Types ``q`` in the header's search box and submits it, as a person does; on a
    phone, the folded menu is opened first."""
    page = portal.page
    toggler = page.locator("header .navbar-toggler")
    if toggler.is_visible() and toggler.get_attribute("aria-expanded") != "true":
        toggler.click()
        page.locator("#main-nav.show").wait_for()
    box = page.locator("header [role=search] #portal-search-q")
    assert box.is_visible()
    box.fill(q)
    with page.expect_navigation():
        box.press("Enter")
    portal.check()


def groups(page) -> list[str]:
    return page.locator("main section.search-group").evaluate_all("els => els.map(e => e.id)")


def test_the_it_technician_finds_a_device_by_its_asset_tag(portal, world):
    page = portal.page
    portal.login("it@vux.example", PASSWORD)
    # The box is in the header, a search landmark with its own label.
    assert page.locator("header form[role=search] label[for=portal-search-q]").count() == 1

    search_in_header(portal, "SOD-0042")
    assert "/sok/?q=SOD-0042" in page.url
    # Devices and students, each under its part's own word, in the header's order.
    assert groups(page) == ["search-infrastructure-device", "search-infrastructure-student"]
    devices = page.locator("#search-infrastructure-device")
    assert devices.locator("h2").inner_text() == "Enheter"
    assert page.locator("#search-infrastructure-student h2").inner_text() == "Elever"
    hits = devices.locator("li.search-hit a").all_inner_texts()
    assert hits[0] == "SOD-0042" and "KIS-0042" not in hits
    assert "Vux Södermalm" in devices.locator("li.search-hit").first.inner_text()
    # The box on the page holds what was searched for.
    assert page.locator("main #search-page-q").input_value() == "SOD-0042"

    with page.expect_navigation():
        devices.get_by_role("link", name="SOD-0042", exact=True).click()
    portal.check()
    assert page.url.endswith(world["device"].get_absolute_url())

    # A group with more hits than it shows leads to the list, filtered by the same words.
    search_in_header(portal, "SOD-PROJ-0")
    assert devices.locator("li.search-hit").count() == search.HITS_PER_KIND
    with page.expect_navigation():
        devices.locator("a.search-more").click()
    portal.check()
    assert page.url.endswith("/it/enheter/?q=SOD-PROJ-0")

    # Too short a search is a message, not an error; so is nothing found.
    search_in_header(portal, "S")
    assert page.locator("main .search-message").is_visible() and groups(page) == []
    search_in_header(portal, "ZZZ-9999")
    assert page.locator("main .search-message").is_visible() and groups(page) == []


def test_on_a_phone_the_search_is_in_the_folded_menu(phone, world):
    page = phone.page
    phone.login("it@vux.example", PASSWORD)
    assert page.locator("header #portal-search-q").is_hidden()  # folded away with the menu

    search_in_header(phone, "sod-0042")  # as typed on a phone: small letters
    assert page.evaluate(OVERFLOW) <= 0
    devices = page.locator("#search-infrastructure-device")
    assert devices.locator("li.search-hit a").first.inner_text() == "SOD-0042"
    with page.expect_navigation():
        devices.locator("li.search-hit a").first.click()
    phone.check()
    assert page.url.endswith(world["device"].get_absolute_url())
    assert page.evaluate(OVERFLOW) <= 0

    # The page's own box searches again without opening the menu.
    phone.goto("/sok/?q=Kvarnstr")
    page.locator("main #search-page-q").fill("Kvarnström")
    with page.expect_navigation():
        page.locator("main #search-page-q").press("Enter")
    phone.check()
    assert groups(page) == ["search-infrastructure-student"]
    assert page.evaluate(OVERFLOW) <= 0
