"""The Content Security Policy allows no inline scripts or styles (issue 14, hardening):
pages with charts, forms, the dashboard and a report's progress bar load in
Chromium without a single violation, and every response carries the strict policy."""

from types import SimpleNamespace

import pytest
from django.urls import reverse

from reports.models import Report

PASSWORD = "vuxdemo"

# Collects violations on every document the page loads; Playwright injects it outside the
# page's own scripts, so the policy does not block it.
LISTEN = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`);
});
"""


@pytest.fixture
def demo(transactional_db):
    from goals import demo as goals_demo
    from organisation import demo as organisation_demo

    data = SimpleNamespace()
    organisation_demo.seed(data)
    goals_demo.seed(data)
    return data


def _strict(policy: str) -> bool:
    directives = {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}
    return "'unsafe-inline'" not in policy and directives["style-src"] == ["'self'"]


def _visit(portal, path: str) -> list[str]:
    response = portal.page.goto(portal.base_url + path)
    assert response.status == 200, path
    assert _strict(response.headers["content-security-policy"]), path
    portal.check()
    return portal.page.evaluate("window.__cspViolations")


def test_pages_load_without_csp_violations(portal, demo):
    page = portal.page
    page.add_init_script(LISTEN)
    report = Report.objects.create(
        key="csp-test",
        kind="tertial2",
        period=demo.periods[(2026, "tertial2")],
        school=demo.schools["sodermalm"],
        status=Report.Status.RUNNING,
        progress=40,
    )
    portal.login("admin@vux.example", PASSWORD)
    goal = demo.goals[1]
    violations, charts = {}, 0
    for path in [
        reverse("home"),
        reverse("goals:dashboard"),
        reverse("goals:goal_detail", args=[goal.pk]),
        reverse("goals:goal_update", args=[goal.pk]),
        reverse("organisation:person_invite"),
        reverse("mfa_activate_totp"),
        reverse("reports:report_detail", args=[report.pk]),
    ]:
        violations[path] = _visit(portal, path)
        # Charts are SVG images with a <style> of their own, outside the page's policy.
        charts += page.locator("img[src^='data:image/svg+xml']").count()
    assert charts

    # The progress bar keeps its width through a class, and htmx's refresh of it (every
    # second) brings no inline style either.
    page.wait_for_timeout(1500)
    ratio = page.wait_for_function(
        """() => {
          const bar = document.querySelector(".progress-bar");
          return bar && bar.getBoundingClientRect().width / bar.parentElement.clientWidth;
        }"""
    ).json_value()
    assert 0.35 < ratio < 0.45
    violations["report refreshed"] = page.evaluate("window.__cspViolations")

    assert {path: found for path, found in violations.items() if found} == {}
