"""The one registry (DESIGN.md, "Apps"): where the parts plug into the plumbing.

The plumbing (``vuxportal``) never imports a part app. A part offers what the others
show, compute or run through named stores here, and each app fills them from one module
of its own, ``<app>/plugins.py``, imported once at start-up by ``VuxportalConfig.ready``
(the one place plug-ins are loaded; Celery's task discovery is the only other):

    from vuxportal.registry import registry

    registry.report_sections.register(my_section, key="devices", order=40)

Every entry may name a django-rules permission (``permission="app.perm"``); a store
gives a user only the entries they may use (``for_user``), one way for every store.
Entries come out by ``order``, then in the order they were registered (apps are
discovered in ``LOCAL_APPS`` order, so organisation's entries come before the parts').
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Entry:
    key: str
    value: Any
    order: int = 100
    permission: str | None = None
    index: int = 0  # registration order, the tie-break between equal orders


@dataclass(frozen=True)
class Seeder:
    """What ``demo_seeders`` and ``scale_seeders`` hold: ``seed(ctx)`` fills the database;
    ``holds_data()``, when given, tells ``seed_scale`` that the database is not empty."""

    seed: Any
    holds_data: Any = None


@dataclass(frozen=True)
class DetailPanel:
    """What ``detail_panels`` holds: a section a higher app adds to a lower app's object
    page (sessions on an action's page). ``model`` is the page's model label
    ("goals.Action"); ``get_context(request, obj)`` returns the template's context, or
    None to show nothing. Rendered by ``{% detail_panels object %}``."""

    model: str
    template_name: str
    get_context: Any

    @property
    def key(self) -> str:
        return f"{self.model}:{self.template_name}"


@dataclass
class Store:
    """An ordered set of named entries of one kind."""

    name: str
    _entries: dict[str, Entry] = field(default_factory=dict)
    _counter: Iterator[int] = field(default_factory=itertools.count)
    # Bumped by every change, so what is worked out from the entries can be kept per version.
    version: int = 0

    def register(self, value=None, *, key: str | None = None, order: int = 100, permission=None):
        """Adds ``value`` under ``key`` (its ``key`` or ``__name__`` by default). Used as a
        decorator when called without ``value``. Registering a key again replaces it."""

        def add(value):
            name = key or getattr(value, "key", None) or value.__name__
            # A replaced entry keeps its place among equal orders.
            old = self._entries.get(name)
            index = old.index if old else next(self._counter)
            self._entries[name] = Entry(name, value, order, permission, index)
            self.version += 1
            return value

        return add if value is None else add(value)

    def __iter__(self) -> Iterator[Any]:
        return iter(self.all())

    def __contains__(self, key: str) -> bool:
        return key in self._entries

    def __len__(self) -> int:
        return len(self._entries)

    def _sorted(self) -> list[Entry]:
        return sorted(self._entries.values(), key=lambda e: (e.order, e.index))

    def all(self) -> list[Any]:
        return [e.value for e in self._sorted()]

    def items(self) -> list[tuple[str, Any]]:
        """``(key, value)`` pairs, in the order of ``all()``."""
        return [(e.key, e.value) for e in self._sorted()]

    def get(self, key: str, default=None):
        entry = self._entries.get(key)
        return entry.value if entry else default

    def for_user(self, user) -> list[Any]:
        """The entries ``user`` may use: those without a permission or whose permission
        the user has."""
        return [
            e.value for e in self._sorted() if e.permission is None or user.has_perm(e.permission)
        ]

    def unregister(self, key: str) -> None:
        self._entries.pop(key, None)
        self.version += 1


class Registry:
    """The named stores. A store is created on first use, so a new kind of plug-in needs
    no change here beyond its name in ``STORES`` (which documents them)."""

    STORES = (
        "metrics",
        "shown_loggers",
        "menu",
        "panels",
        "detail_panels",
        "responsibilities",
        "decision_links",
        "api_routes",
        "schedules",
        "report_sections",
        "demo_seeders",
        "scale_seeders",
        "project_hours",
        "search",
    )

    def __init__(self) -> None:
        self._stores = {name: Store(name) for name in self.STORES}

    def __getattr__(self, name: str) -> Store:
        stores = self.__dict__.get("_stores", {})
        if name in stores:
            return stores[name]
        raise AttributeError(f"The registry has no store {name!r}; add it to Registry.STORES")


registry = Registry()
