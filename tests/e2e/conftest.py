"""Browser harness: Playwright drives Debian's Chromium against pytest-django's live
server, and axe-core checks every page a journey visits for WCAG 2.1 AA violations.

A journey calls ``portal.check()`` after each step that lands on a new page; at the end
of the test the harness fails if any visited page was not checked.
"""

import os
import shutil

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

# Playwright's sync API runs an event loop in this thread; Django's async-safety guard
# would otherwise refuse the test's own database access.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
_axe = Axe()


def pytest_collection_modifyitems(items):
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        pytest.fail(
            f"Chromium not found at {CHROMIUM}; run `make sysdeps` (apt-get install chromium)"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


class Portal:
    """One browser tab on the live server, with sign-in and accessibility helpers."""

    def __init__(self, page, base_url):
        self.page = page
        self.base_url = base_url
        self.visited: list[str] = []
        self.checked: set[str] = set()
        self.console_errors: list[str] = []
        page.on("framenavigated", self._on_navigate)
        page.on("console", self._on_console)

    def _on_navigate(self, frame):
        if frame == self.page.main_frame:
            self.visited.append(self._path(frame.url))

    def _on_console(self, message):
        # CSP violations and script errors show up here.
        if message.type == "error":
            self.console_errors.append(message.text)

    def _path(self, url: str) -> str:
        return url.replace(self.base_url, "").split("#")[0]

    def goto(self, path: str):
        self.page.goto(self.base_url + path)
        self.check()

    def _wait_for_next_document(self):
        """After a click that navigates, the old page is still there for a moment: wait
        until the document is not the one checked last (a page checked again without a
        navigation, e.g. after an htmx swap, waits briefly and goes on)."""
        for _attempt in range(3):
            try:
                self.page.wait_for_function("() => !window.__vuxChecked", timeout=2500)
                return
            except PlaywrightTimeoutError:
                return
            except PlaywrightError:
                # The context went away under us: the navigation is happening now.
                self.page.wait_for_load_state("domcontentloaded")

    def check(self):
        """Runs axe-core on the current page; fails on any WCAG 2.1 A/AA violation."""
        self._wait_for_next_document()
        # "load", not "domcontentloaded": colour contrast is only right once the
        # stylesheets have arrived, which on a busy machine can be well after the DOM.
        self.page.wait_for_load_state("load")
        results = _axe.run(self.page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
        assert results.violations_count == 0, (
            f"axe found violations on {self.page.url}:\n{results.generate_report()}"
        )
        self.checked.add(self._path(self.page.url))
        self.page.evaluate("() => { window.__vuxChecked = true; }")

    def login(self, email: str, password: str):
        self.page.goto(self.base_url + "/accounts/login/")
        self.check()
        self.page.locator("input[name=login]").fill(email)
        self.page.locator("input[name=password]").fill(password)
        self.page.locator("main form button[type=submit]").first.click()
        self.page.wait_for_load_state("domcontentloaded")
        self.check()

    def logout(self):
        self.page.goto(self.base_url + "/accounts/logout/")
        self.check()
        self.page.locator("main form button[type=submit]").click()
        self.page.wait_for_load_state("domcontentloaded")
        self.check()

    def open_menu(self, part: str):
        """Opens a part's menu in the header (``part``: goals, competence, organisation,
        infrastructure), as a user does before following one of its links; on a phone,
        the folded menu first."""
        toggler = self.page.locator("header .navbar-toggler")
        if toggler.is_visible() and toggler.get_attribute("aria-expanded") != "true":
            toggler.click()
            self.page.locator("#main-nav.show").wait_for()
        button = self.page.locator(f"header [aria-controls=menu-{part}]")
        if button.get_attribute("aria-expanded") != "true":
            button.click()

    @property
    def lang(self) -> str:
        return self.page.locator("html").get_attribute("lang") or ""

    def unchecked(self) -> list[str]:
        return [path for path in self.visited if path not in self.checked]


@pytest.fixture
def portal(browser, live_server, transactional_db):
    context = browser.new_context(locale="sv-SE")
    page = context.new_page()
    page.set_default_timeout(15000)
    portal = Portal(page, live_server.url)
    yield portal
    context.close()
    unchecked = portal.unchecked()
    assert not unchecked, f"pages visited without an accessibility check: {unchecked}"
    csp = [e for e in portal.console_errors if "Content Security Policy" in e]
    assert not csp, f"CSP violations: {csp}"
