"""The main menu: the one registry's ``menu`` store. Apps register their entries in their
own ``plugins.py``, each with the permission it needs and the part of the plan it belongs
to, so every role sees what it can use, grouped the way the plan is:

    registry.menu.register(
        MenuItem(_("Devices"), "infrastructure:device_list", part="infrastructure"),
        key="infrastructure:device_list",
        order=50,
        permission="infrastructure.view_devices",
    )

A part's start page (``/kompetens/``) is an entry with ``start=True``. It does not make
the part visible on its own: a part is shown only to someone who may use one of its other
pages, so a role with nothing in a part meets neither its menu nor its start page.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.template.loader import render_to_string
from django.urls import get_script_prefix, reverse
from django.utils.functional import Promise
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .registry import registry
from .scoping import access_of

# The plan's four parts, then the board reports, in the order the header shows them.
PARTS: dict[str, str | Promise] = {
    "goals": _("Goals and follow-up"),
    "competence": _("Competence"),
    "organisation": _("Organisation"),
    "infrastructure": _("IT and infrastructure"),
    "reports": _("Reports"),
}


@dataclass(frozen=True)
class MenuItem:
    label: str | Promise
    url_name: str
    # Which URL-namespace prefix marks the item as the current page.
    section: str = ""
    # One of PARTS: the header menu the entry sits in.
    part: str = ""
    # The part's start page: listed first in the part's menu, never a reason to show it.
    start: bool = False

    @property
    def url(self) -> str:
        return reverse(self.url_name)


@dataclass
class MenuLink:
    """A menu entry as one request shows it. ``current`` is the value of its
    aria-current: "page" on the page itself, "true" inside its section, else ""."""

    item: MenuItem
    url: str
    current: str = ""

    @property
    def label(self):
        return self.item.label

    @property
    def start(self) -> bool:
        return self.item.start


@dataclass
class MenuPart:
    key: str
    label: str | Promise
    start: MenuLink | None
    links: list[MenuLink] = field(default_factory=list)
    current: bool = False

    @property
    def entries(self) -> list[MenuLink]:
        return ([self.start] if self.start else []) + self.links

    @property
    def single(self) -> MenuLink | None:
        """The one link of a part that has nothing else (Reports): the header shows a plain
        link instead of a menu button."""
        return self.links[0] if self.start is None and len(self.links) == 1 else None


@dataclass
class Menu:
    parts: list[MenuPart]
    # What the menu's HTML depends on: its entries (the set of roles) and which part and
    # link are current. Empty when unknown (a menu built by ``group`` alone).
    key: tuple = ()

    @property
    def current_part(self) -> MenuPart | None:
        return next((part for part in self.parts if part.current), None)

    def part(self, key: str) -> MenuPart | None:
        return next((part for part in self.parts if part.key == key), None)


def group(items: Iterable[MenuItem], path: str, urls: dict[str, str] | None = None) -> Menu:
    """The entries a user may use, by part, with the part and link of ``path`` marked.

    The current link is the entry whose address is the longest prefix of ``path``
    (a session's page lies inside "Training"); a start page counts only on itself, as
    every page of the part lies under it. Failing a link, the part whose start page is a
    prefix of ``path`` is current (a framework page is inside Competence). ``urls`` gives
    the entries' addresses by URL name when they are known already."""
    parts = []
    keys = list(PARTS) + sorted({item.part for item in items} - set(PARTS))
    for key in keys:
        own = [
            MenuLink(item, urls[item.url_name] if urls else item.url)
            for item in items
            if item.part == key
        ]
        links = [link for link in own if not link.start]
        if not links:
            continue
        start = next((link for link in own if link.start), None)
        # An entry that names no part is not lost: it waits under "More".
        parts.append(MenuPart(key or "more", PARTS.get(key) or _("More"), start, links))
    _mark_current(parts, path)
    return Menu(parts)


def _mark_current(parts: list[MenuPart], path: str) -> None:
    candidates = [
        (link, part)
        for part in parts
        for link in part.entries
        if path == link.url or (not link.start and path.startswith(link.url) and link.url != "/")
    ]
    if candidates:
        link, part = max(candidates, key=lambda pair: len(pair[0].url))
        link.current = "page" if link.url == path else "true"
        part.current = True
        return
    starts = [part for part in parts if part.start and path.startswith(part.start.url)]
    if starts:
        max(starts, key=lambda part: len(part.start.url)).current = True


def menu_for(request) -> Menu:
    """The request user's menu, worked out once per request (the header, a part's start
    page and every template cell rendered with the request share it)."""
    menu = getattr(request, "_portal_menu", None)
    if menu is None:
        user = getattr(request, "user", None)
        signed_in = user is not None and user.is_authenticated
        items_key, items, urls = _items_for(user) if signed_in else ((), (), {})
        menu = request._portal_menu = group(items, request.path, urls)
        menu.key = (
            items_key,
            tuple((p.key, p.current, tuple(li.current for li in p.entries)) for p in menu.parts),
        )
    return menu


# The entries and their addresses per set of roles: {key: (key, items, {url name: url})}.
_ITEMS: dict[tuple, tuple[tuple, tuple[MenuItem, ...], dict[str, str]]] = {}


def _items_for(user) -> tuple[tuple, tuple[MenuItem, ...], dict[str, str]]:
    """The entries ``user`` may use, with their addresses, and the key they are shared
    under.

    A menu permission is a rule without an object, and the portal's rules decide those by
    the person's roles alone (``vuxportal/predicates.py``). So the entries are worked out
    once per set of roles (and menu version and script prefix) and shared by everyone who
    holds that set, instead of asking every rule and reversing every address on every
    page. ``tests/vuxportal/test_navigation.py`` checks the shared answer against asking
    each rule, for every role."""
    access = access_of(user)
    key = (
        registry.menu.version,
        get_script_prefix(),
        frozenset(access.roles),
        user.is_active,
        user.is_superuser,
    )
    found = _ITEMS.get(key)
    if found is None:
        items = tuple(registry.menu.for_user(user))
        found = _ITEMS[key] = (key, items, {item.url_name: item.url for item in items})
    return found


# The menu's HTML per (entries, current marks, language): about 40 links for an
# administrator, drawn by the template once per page otherwise. A few hundred keys at
# most (sets of roles times pages times languages); emptied should it ever grow past this.
_HTML: dict[tuple, str] = {}
_HTML_MAX = 4096


def menu_html(request) -> str:
    """The header's menu (``partials/main_menu.html``) for ``request``, drawn once per
    process for each set of entries, current page and language."""
    menu = menu_for(request)
    key = (menu.key, get_language())
    html = _HTML.get(key)
    if html is None:
        if len(_HTML) >= _HTML_MAX:
            _HTML.clear()
        html = _HTML[key] = render_to_string("partials/main_menu.html", {"menu_parts": menu.parts})
    return html


# ``menu.for_user(user)``: the entries a user may use, in menu order.
menu = registry.menu
