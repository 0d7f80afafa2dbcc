"""The accessibility sweep (issue 17): every page the IT technician and the administrator
reach by following links passes axe on a phone (375 px) in Swedish and in English, and on
a laptop (1280 px) in English; the journeys cover 1280 px in Swedish. On the phone no page
may be wider than the screen: wide tables scroll in their own focusable regions.

The portal holds the demo (its parts' seeders; the board reports stay uncompiled, which
would take half a minute of PDF work and adds no page). From the start page the sweep
follows same-origin links and visits each URL name once per language (resolved with
django.urls.resolve), the IT technician's first, then the administrator's others. It
skips files, sign-out, the API and Django's admin. An English page is loaded once and
checked at both widths, so the sweep costs two page loads per URL name.
"""

import html
import io
import re
import time
from types import SimpleNamespace
from urllib.parse import urljoin, urlsplit

import pytest
from django.conf import settings
from django.urls import Resolver404, resolve
from django.utils import timezone
from playwright.sync_api import Error as PlaywrightError

from tests.e2e.conftest import WCAG_TAGS, Portal, _axe
from vuxportal.registry import registry
from vuxportal.seeds import steps_left

PASSWORD = "vuxdemo"  # every demo account's
PEOPLE = ("it@vux.example", "admin@vux.example")
SKIP = ("/api/", "/django-admin/", "/i18n/", "/jsi18n/", "/accounts/logout/", "/static/")
PHONE = {"width": 375, "height": 812}
LAPTOP = {"width": 1280, "height": 800}
# Widths each language is checked at, the first being the one pages load at.
WIDTHS = {"sv": (PHONE,), "en": (PHONE, LAPTOP)}
OVERFLOW = "() => document.documentElement.scrollWidth - window.innerWidth"
LINKS = "els => els.map(el => el.getAttribute('href'))"
HREF = re.compile(r'<a [^>]*href="([^"]*)"')
# axe is loaded into every document by the context (add_init_script), so a check is one
# call; only violations come back, which keeps a big page's answer small.
AXE = """options => axe.run(document, options).then(r => r.violations.map(v =>
  `${v.id} (${v.impact}): ${v.help}: ` + v.nodes.slice(0, 5).map(n => n.target.join(' '))))"""
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}


@pytest.fixture
def demo(transactional_db):
    data = SimpleNamespace(stdout=io.StringIO(), today=timezone.localdate())
    for _key, seeder in registry.demo_seeders.items():
        seeder.seed(data)
    for step in steps_left(data):
        if step.__name__ != "compile_reports":
            step(data)
    return data


def _url_name(path: str) -> str | None:
    try:
        return resolve(urlsplit(path).path).view_name
    except Resolver404:
        return None


def _check(page, path: str, widths) -> list[str]:
    problems = []
    for viewport in widths:
        if page.viewport_size != viewport:
            page.set_viewport_size(viewport)
        where = f"{path} at {viewport['width']} px"
        problems += [f"{where}: {v}" for v in page.evaluate(AXE, AXE_OPTIONS)]
        if viewport is PHONE and page.evaluate(OVERFLOW) > 0:
            problems.append(f"{where}: {page.evaluate(OVERFLOW)} px wider than the screen")
    if page.viewport_size != widths[0]:
        page.set_viewport_size(widths[0])
    return problems


def _links(portal: Portal, path: str) -> list[str] | None:
    """The links of a page checked already: fetched, not rendered (no axe, no styles)."""
    response = portal.page.request.get(portal.base_url + path)
    if "text/html" not in response.headers.get("content-type", ""):
        return None
    return [html.unescape(href) for href in HREF.findall(response.text())]


def _visit(portal: Portal, path: str, widths, problems: list[str]) -> list[str] | None:
    """Loads and checks a page; its links, or None for a file."""
    page = portal.page
    try:
        response = page.goto(portal.base_url + path)
    except PlaywrightError as error:
        if "Download" in str(error):
            return None  # a file (PDF, Excel, calendar), not a page
        raise
    if response is None or "text/html" not in response.headers.get("content-type", ""):
        return None
    page.wait_for_load_state("load")  # contrast needs the stylesheets
    problems += _check(page, path, widths)
    return page.eval_on_selector_all("a[href]", LINKS)


def _crawl(portal: Portal, widths, done: set[str]) -> tuple[list[str], int]:
    """Checks each URL name reachable from the start page that is not ``done`` yet; pages
    done by someone before are only read for their links."""
    queue: dict[str, str] = {"home": "/"}
    seen: set[str] = set()
    problems: list[str] = []
    visits = 0
    while queue:
        name, path = next(iter(queue.items()))
        del queue[name]
        seen.add(name)
        if name in done:
            hrefs = _links(portal, path)
        else:
            done.add(name)
            hrefs = _visit(portal, path, widths, problems)
            visits += hrefs is not None
        for href in hrefs or ():
            url = urljoin(portal.base_url + path, href)
            if not url.startswith(portal.base_url):
                continue
            link = url[len(portal.base_url) :].split("#")[0]
            name = None if link.startswith(SKIP) else _url_name(link)
            if name is None or name in seen:
                continue
            # The plain address of a page before one with a query (an export, a filter).
            if name not in queue or ("?" in queue[name] and "?" not in link):
                queue[name] = link
    return problems, visits


def test_every_page_passes_axe_at_phone_and_laptop_widths_in_both_languages(
    browser, live_server, demo
):
    problems, report = [], []
    for language, widths in WIDTHS.items():
        done: set[str] = set()
        for email in PEOPLE:
            started = time.monotonic()
            context = browser.new_context(viewport=widths[0], locale="sv-SE")
            context.add_init_script(script=_axe.axe_script)
            context.add_cookies(
                [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}]
            )
            page = context.new_page()
            page.set_default_timeout(15000)
            portal = Portal(page, live_server.url)
            portal.login(email, PASSWORD)
            assert portal.lang == language
            found, visits = _crawl(portal, widths, done)
            csp = [e for e in portal.console_errors if "Content Security Policy" in e]
            context.close()
            problems += [f"[{email}, {language}] {problem}" for problem in found] + csp
            report.append(
                f"{email} {language} {'+'.join(str(w['width']) for w in widths)} px: "
                f"{visits} pages in {time.monotonic() - started:.0f} s"
            )
        # Each language reaches the parts' pages, not just the start page.
        assert len(done) > 100, (language, len(done))
    print("\n" + "\n".join(report))
    assert not problems, "\n".join(problems)
