"""The permission matrix harness (STYLE.md, after NetBox's ``ViewTestCases``).

Each app's ``tests/<app>/test_permissions.py`` lists ``CASES``: one line per URL (and
method). Every case is run for an anonymous visitor and for each role, whose fixture
user belongs to school A (the administrator is organisation-wide). Objects of school B
are out of scope: school-bound roles get 404 for them, not 403.

``tests/vuxportal/test_matrix_coverage.py`` fails when a URL of the portal is in no case.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from vuxportal.roles import Role

LOGIN = "login"  # anonymous visitors of a page are redirected to sign-in
ROLES = tuple(Role.values)


def expect(
    ok: tuple[str, ...] | str = (),
    *,
    not_found: tuple[str, ...] = (),
    status: int = 200,
    anonymous: int | str = LOGIN,
    others: int = 403,
) -> dict[str, int | str]:
    """Expected status per visitor: ``ok`` roles get ``status``, ``not_found`` roles 404,
    every other role ``others`` (403) and anonymous visitors ``anonymous``."""
    if ok == "all":
        ok = ROLES
    result: dict[str, int | str] = {"anonymous": anonymous}
    for role in ROLES:
        if role in ok:
            result[role] = status
        elif role in not_found:
            result[role] = 404
        else:
            result[role] = others
    return result


@dataclass
class Case:
    url_name: str
    expected: dict[str, int | str]
    # Fixture names; each becomes a URL argument (the fixture object's pk, or the value
    # itself when the fixture returns a str/int).
    args: tuple[str, ...] = ()
    method: str = "get"
    # A dict (or list, for bulk API calls), or a callable that gets ``getfixturevalue`` and
    # returns one (for data naming fixture objects' ids).
    data: dict | list | Callable = field(default_factory=dict)
    api: bool = False
    # Extra fixtures to create before the request (e.g. data the page lists).
    setup: tuple[str, ...] = ()

    def __str__(self) -> str:
        where = "(" + ",".join(self.args) + ")" if self.args else ""
        return f"{self.method.upper()} {self.url_name}{where}"


def api(url_name: str, expected: dict, **kwargs) -> Case:
    """An API case: anonymous requests are refused with 401/403 instead of a redirect."""
    if expected.get("anonymous") == LOGIN:
        expected = {**expected, "anonymous": 403}
    return Case(url_name, expected, api=True, **kwargs)
