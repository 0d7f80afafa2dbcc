"""An HTTP client that signs in to the portal like a browser behind the TLS proxy."""

import re

import requests

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
PASSWORD = "vuxdemo"


def trust_plain_http(session: requests.Session) -> None:
    """Behave like the TLS proxy's upstream side: tell the portal the request came over
    https (X-Forwarded-Proto)."""
    session.headers["X-Forwarded-Proto"] = "https"


def relax_cookies(jar) -> None:
    """DEBUG=0 marks cookies Secure, and the client talks plain HTTP to 127.0.0.1 (the
    proxy's side): drop the flag so the jar sends them. Call before each request."""
    for cookie in jar:
        cookie.secure = False


def csrf_token(html: str) -> str:
    match = CSRF.search(html)
    if not match:
        raise AssertionError("no CSRF token on the page")
    return match.group(1)


class PortalClient:
    def __init__(self, base: str):
        self.base = base
        self.session = requests.Session()
        trust_plain_http(self.session)

    def get(self, path: str, **kwargs) -> requests.Response:
        kwargs.setdefault("timeout", 30)
        kwargs.setdefault("allow_redirects", False)
        relax_cookies(self.session.cookies)
        return self.session.get(self.base + path, **kwargs)

    def post(self, path: str, data: dict, **kwargs) -> requests.Response:
        kwargs.setdefault("timeout", 60)
        kwargs.setdefault("allow_redirects", False)
        page = self.get(path)
        page.raise_for_status()
        relax_cookies(self.session.cookies)
        referer = "https://" + self.base.split("://", 1)[1] + path
        return self.session.post(
            self.base + path,
            data={**data, "csrfmiddlewaretoken": csrf_token(page.text)},
            headers={"Referer": referer},
            **kwargs,
        )

    def login(self, email: str, password: str = PASSWORD) -> None:
        response = self.post("/accounts/login/", {"login": email, "password": password})
        assert response.status_code == 302, (response.status_code, response.text[:500])
