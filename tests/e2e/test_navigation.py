"""Journeys through the header (issue 17): the administrator opens and closes the parts'
menus with the keyboard on a laptop, and the IT technician, on a phone at 375 px, reaches
the devices through the folded menu. Every page, and every open menu, is checked with axe;
nothing may be wider than the screen."""

import pytest

from tests.e2e.conftest import Portal
from tests.factories import PASSWORD, SchoolFactory, person
from tests.infrastructure.factories import DeviceFactory
from vuxportal.roles import Role

PHONE = {"width": 375, "height": 812}

# The header's entries a sighted user sees without opening anything: links, buttons and
# the search field (its button belongs to it), outside the part menus.
VISIBLE_ENTRIES = """() => [...document.querySelectorAll('header a, header button, header input')]
  .filter(el => el.offsetParent !== null && el.type !== 'hidden')
  .filter(el => !el.closest('.portal-submenu') && !el.closest('.portal-search button'))
  .length"""
OVERFLOW = "() => document.documentElement.scrollWidth - window.innerWidth"
# What has focus: a menu button by the menu it controls, a link by its address. (The new
# words of the header have no Swedish translation in this branch yet, so the journeys go
# by structure, not by text.)
FOCUSED = """() => { const el = document.activeElement;
  return el.getAttribute('aria-controls') || el.getAttribute('href') || el.textContent.trim(); }"""


@pytest.fixture
def world(transactional_db):
    school = SchoolFactory(code="sodermalm", name="Vux Södermalm")
    DeviceFactory(school=school, asset_tag="SOD-0001")
    return {
        "admin": person(Role.ADMINISTRATOR, None, email="admin@vux.example"),
        # A long name must not push anything off a phone's screen.
        "it": person(
            Role.IT_STAFF,
            school,
            email="it@vux.example",
            first_name="Ida-Maria",
            last_name="Söderström-Lindqvist",
        ),
    }


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


def expanded(page, part):
    return page.locator(f"header [aria-controls=menu-{part}]").get_attribute("aria-expanded")


def test_the_parts_menus_open_and_close_with_the_keyboard(portal, world):
    page = portal.page
    portal.login("admin@vux.example", PASSWORD)
    assert page.evaluate(VISIBLE_ENTRIES) <= 9
    assert page.evaluate(OVERFLOW) <= 0
    competence = page.locator("header [aria-controls=menu-competence]")
    menu = page.locator("#menu-competence")
    assert competence.inner_text() == "Kompetens" and competence.get_attribute("type") == "button"
    assert expanded(page, "competence") == "false" and menu.is_hidden()

    # Tab reaches the button; Enter opens the menu, Tab goes into it, Escape closes it
    # and puts focus back on the button.
    page.locator(".navbar-brand").focus()
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUSED) == "menu-competence"
    page.keyboard.press("Enter")
    assert expanded(page, "competence") == "true" and menu.is_visible()
    portal.check()  # the open menu, too
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUSED) == "/kompetens/"  # the part's start page comes first
    page.keyboard.press("Escape")
    assert menu.is_hidden() and page.evaluate(FOCUSED) == "menu-competence"

    # Space opens it as well; tabbing past its last link closes it again.
    page.keyboard.press("Space")
    assert menu.is_visible()
    links = menu.get_by_role("link").count()
    for _ in range(links + 1):
        page.keyboard.press("Tab")
    assert menu.is_hidden() and page.evaluate(FOCUSED) == "menu-organisation"

    # Opening one menu closes another; a click outside closes it.
    page.keyboard.press("Enter")
    assert expanded(page, "organisation") == "true"
    competence.click()
    assert expanded(page, "organisation") == "false" and menu.is_visible()
    page.locator("main h1").click()
    assert menu.is_hidden()

    # A link of the menu leads to its page, which the header marks as current.
    competence.focus()
    page.keyboard.press("Enter")
    menu.get_by_role("link", name="Utbildningar").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    portal.check()
    assert competence.get_attribute("aria-current") == "true"
    assert (
        menu.get_by_role("link", name="Utbildningar", include_hidden=True).get_attribute(
            "aria-current"
        )
        == "page"
    )

    # The person menu is a menu like the others.
    person_button = page.locator("header [aria-controls=menu-person]")
    person_button.click()
    assert page.locator("#menu-person").get_by_role("button", name="Logga ut").is_visible()
    page.keyboard.press("Escape")
    assert page.locator("#menu-person").is_hidden()


def test_each_part_opens_its_start_page(portal, world):
    page = portal.page
    portal.login("admin@vux.example", PASSWORD)
    for part, path in (
        ("goals", "/mal/"),
        ("competence", "/kompetens/"),
        ("organisation", "/organisation/"),
        ("infrastructure", "/it/"),
    ):
        portal.open_menu(part)
        button = page.locator(f"header [aria-controls=menu-{part}]")
        label = button.inner_text()
        start = page.locator(f"#menu-{part} li").first.get_by_role("link")
        # The start page's link says which part it opens, for a screen reader's link list.
        assert label in start.text_content()
        with page.expect_navigation():
            start.click()
        portal.check()
        assert page.url.endswith(path)
        assert button.get_attribute("aria-current") == "true"
        if part != "goals":
            assert page.locator("h1").inner_text() == label
        # The part's pages are listed under its name, as in its menu.
        pages = page.locator("main nav.part-links a")
        assert pages.count() == page.locator(f"#menu-{part} a").count() - 1
        assert label in page.locator("main nav.part-links").get_attribute("aria-label")
    with page.expect_navigation():
        page.locator("header").get_by_role("link", name="Rapporter", exact=True).click()
    portal.check()
    assert page.url.endswith("/rapporter/")


def test_on_a_phone_the_folded_menu_reaches_the_devices(phone, world):
    page = phone.page
    phone.login("it@vux.example", PASSWORD)
    toggler = page.locator("header .navbar-toggler")
    assert toggler.is_visible() and page.locator("#main-nav").is_hidden()
    assert page.evaluate(VISIBLE_ENTRIES) == 2  # the brand and the menu button
    assert page.evaluate(OVERFLOW) <= 0

    # Enter on the menu button shows the parts; Enter on a part shows its pages.
    toggler.focus()
    page.keyboard.press("Enter")
    page.locator("#main-nav.show").wait_for()
    assert toggler.get_attribute("aria-expanded") == "true"
    it_button = page.locator("header [aria-controls=menu-infrastructure]")
    it_button.focus()
    page.keyboard.press("Enter")
    assert page.locator("#menu-infrastructure").is_visible()
    assert page.evaluate(OVERFLOW) <= 0
    phone.check()
    # Escape closes the part's menu, then the whole menu, each time back on its button.
    page.keyboard.press("Escape")
    assert page.locator("#menu-infrastructure").is_hidden()
    assert page.evaluate(FOCUSED) == "menu-infrastructure"
    page.keyboard.press("Escape")
    page.locator("#main-nav:not(.show)").wait_for(state="attached")
    page.wait_for_function("() => !document.querySelector('#main-nav').offsetParent")
    assert page.evaluate(FOCUSED) == "main-nav"

    # Through the menu to the devices, all by keyboard.
    page.keyboard.press("Enter")
    page.locator("#main-nav.show").wait_for()
    it_button.focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUSED) == "/it/enheter/"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    phone.check()
    assert page.url.endswith("/it/enheter/")
    assert page.evaluate(OVERFLOW) <= 0
    # The device table scrolls sideways in a region the keyboard can reach.
    region = page.locator("main .table-responsive").first
    assert region.get_attribute("tabindex") == "0" and region.get_attribute("role") == "region"

    # The part's start page and the coverage table fit the phone too.
    for path in ("/it/", "/it/tackning/"):
        phone.goto(path)
        assert page.evaluate(OVERFLOW) <= 0, path
    # The person menu, in the folded menu.
    toggler.click()
    page.locator("#main-nav.show").wait_for()
    person_button = page.locator("header [aria-controls=menu-person]")
    assert person_button.inner_text() == "Ida-Maria Söderström-Lindqvist"
    person_button.click()
    assert page.locator("#menu-person").is_visible()
    assert page.evaluate(OVERFLOW) <= 0
    phone.check()
