"""The load test of ``make soak`` (scripts/soak.sh runs it headless).

Every simulated user signs in through /accounts/login/ (with the CSRF token, as a browser
does) as one of the demo accounts — administrator, school leader, teacher, IT staff, in
turn — and then browses: the start page and the goals dashboard most, the list pages and
the reporting pages. Which pages an account may open is found once, by the first of its
users to sign in ("probe" requests, left out of the figures; a page answering 403/404 for
that role is left out); any 5xx, or a 4xx on a page the role may open, is an error.

Users think for 0.2–0.8 s between steps: 50 of them then ask for well over the 80
requests/s the portal must serve (issue 18), so the figure measures the server, not the
think time (with 0.5–2 s, 50 users could never ask for more than about 56/s). They use
locust's lighter HTTP client: the load generator shares the machine's cores with the
server, so what the generator spends per request is taken from the server.

Two figures come out: the whole run (every request, the sign-ins too; its errors decide
the run) and the steady state, from the moment all users have signed in. The 50
sign-ins each hash a password on purpose (about half a second of CPU), so while they
last every page waits behind them; the steady state is what 50 signed-in users get.
The steady state's times are written to ``$SOAK_STEADY_JSON`` for scripts/soak.sh.
"""

import itertools
import json
import os
import random
import re
import time

from gevent.lock import BoundedSemaphore
from locust import FastHttpUser, between, events, task

from tests.soak.client import PASSWORD, csrf_token, relax_cookies

SIGN_IN_SLOTS = BoundedSemaphore(4)
EMAILS = ["admin@vux.example", "rektor@vux.example", "larare@vux.example", "it@vux.example"]
ACCOUNTS = itertools.cycle(EMAILS)
# Per account: (list pages, period pages, report pages) it may open, found once.
_PAGES: dict[str, tuple[list, list, list]] = {}
_DISCOVERY = {email: BoundedSemaphore(1) for email in EMAILS}
DASHBOARDS = ["/", "/mal/"]
LISTS = [
    "/mal/insatser/",
    "/mal/planer/",
    "/mal/perioder/",
    "/kompetens/ramverk/",
    "/organisation/skolor/",
    "/organisation/personer/",
    "/organisation/rutiner/",
    "/organisation/support/",
    "/organisation/arbetsgrupper/",
    "/it/enheter/",
    "/it/lan/",
    "/it/system/",
    "/rapporter/",
]
PERIOD = re.compile(r'href="(/mal/perioder/\d+/)"')
REPORTING = re.compile(r'href="(/mal/perioder/\d+/(?:skolor/\d+|organisation)/)"')


class PortalUser(FastHttpUser):
    wait_time = between(0.2, 0.8)
    # As the TLS proxy's upstream side: the request came over https.
    default_headers = {"X-Forwarded-Proto": "https"}

    def _get(self, path, name=None):
        relax_cookies(self.client.cookiejar)
        return self.client.get(path, name=name or path)

    def on_start(self):
        self.email = next(ACCOUNTS)
        relax_cookies(self.client.cookiejar)
        page = self.client.get("/accounts/login/", name="/accounts/login/")
        relax_cookies(self.client.cookiejar)
        # The 50 users share four accounts: the failed-sign-in limiter counts an attempt
        # until it has succeeded (5 per account), and a sign-in under load takes seconds.
        # Four sign-ins at a time keep it to about one per account in flight, as it is
        # for a person.
        with (
            SIGN_IN_SLOTS,
            self.client.post(
                "/accounts/login/",
                data={
                    "login": self.email,
                    "password": PASSWORD,
                    "csrfmiddlewaretoken": csrf_token(page.text),
                },
                headers={"Referer": self.host.replace("http://", "https://") + "/accounts/login/"},
                allow_redirects=False,
                name="/accounts/login/ (POST)",
                catch_response=True,
            ) as response,
        ):
            if response.status_code != 302:
                response.failure(f"sign-in of {self.email} answered {response.status_code}")
        self.lists, self.periods, self.reporting = self._pages_of(self.email)
        _signed_in(self.environment)

    def _pages_of(self, email):
        """The pages this account may open, found by the first of its users and shared by
        the rest: finding them is the test's own business, not what a person does, and
        50 users probing 20 pages each back to back would be a load no school makes."""
        with _DISCOVERY[email]:
            if email not in _PAGES:
                lists = self._allowed(LISTS)
                periods, reporting = [], []
                if "/mal/perioder/" in lists:  # leaders and administrators
                    found = self._get("/mal/perioder/", name="probe /mal/perioder/")
                    periods = list(dict.fromkeys(PERIOD.findall(found.text)))[:2]
                    for period in periods:
                        detail = self._get(period, name="probe /mal/perioder/[id]/")
                        reporting += list(dict.fromkeys(REPORTING.findall(detail.text)))[:2]
                    reporting = self._allowed(reporting, name="/mal/perioder/[id]/rapport/")
                _PAGES[email] = (lists, periods, reporting)
        return _PAGES[email]

    def _allowed(self, paths, name=None):
        """The pages this role may open; 403/404 leave a page out, 5xx are errors."""
        allowed = []
        for path in paths:
            relax_cookies(self.client.cookiejar)
            with self.client.get(
                path, name=f"probe {name or path}", catch_response=True, allow_redirects=False
            ) as response:
                if response.status_code == 200:
                    allowed.append(path)
                elif response.status_code in (403, 404):
                    response.success()
                else:
                    response.failure(f"{path} answered {response.status_code}")
        return allowed

    @task(4)
    def dashboard(self):
        for path in DASHBOARDS:
            self._get(path)

    @task(4)
    def list_page(self):
        if self.lists:
            self._get(random.choice(self.lists))

    @task(2)
    def reporting_page(self):
        if self.reporting:
            self._get(random.choice(self.reporting), name="/mal/perioder/[id]/rapport/")
        else:  # teachers and IT staff do not report: their start page instead
            self._get("/")

    @task(1)
    def period_page(self):
        if self.periods:
            self._get(random.choice(self.periods), name="/mal/perioder/[id]/")


# --- The steady state: every request after the last user has signed in ------------------

_steady = {"since": None, "times": {}, "ready": 0}


def _signed_in(environment):
    """Called by each user at the end of its ``on_start``: the steady state begins when
    the last one has signed in and found its pages (spawning alone is not enough: the
    sign-ins are still queued then)."""
    _steady["ready"] += 1
    if _steady["ready"] >= environment.runner.target_user_count and _steady["since"] is None:
        _steady["since"] = time.monotonic()


@events.request.add_listener
def _record(name, response_time, exception, **kwargs):
    if _steady["since"] is not None and not name.startswith("probe"):
        _steady["times"].setdefault(name, []).append((response_time, exception is not None))


@events.quitting.add_listener
def _write_steady_state(environment, **kwargs):
    path = os.environ.get("SOAK_STEADY_JSON")
    if path and _steady["since"] is not None:
        with open(path, "w") as out:
            json.dump(
                {"seconds": time.monotonic() - _steady["since"], "times": _steady["times"]}, out
            )
