"""Start-page panels: the one registry's ``panels`` store. An app registers a panel
(template + context function) in its ``plugins.py`` for the roles it is meant for; the
start page shows each role its own panels. A panel may also name a permission
(``register(..., permission=...)``), checked like every other store's.

A panel with a ``part`` belongs on that part's start page (``/kompetens/``) instead of
the portal's: its context usually gives ``figures``, a list of ``Figure`` the shared
template ``parts/figures.html`` draws."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from django.utils.functional import Promise

from .registry import registry
from .scoping import access_of


@dataclass(frozen=True)
class Panel:
    template_name: str
    roles: tuple[str, ...]
    get_context: Callable | None = None
    # The part whose start page shows the panel (a navigation.PARTS key); "" = the portal's.
    part: str = ""

    @property
    def key(self) -> str:
        # Parts share the figures template, so their panels are told apart by the part.
        return f"{self.part}:{self.template_name}" if self.part else self.template_name


@dataclass(frozen=True)
class Figure:
    """One key figure: a number, what it counts and where its rows are listed."""

    label: str | Promise
    value: Any
    url: str = ""


@dataclass
class ShownPanel:
    """A panel as one request shows it. Its context is worked out when the template first
    asks for it: the start page keeps each panel's HTML under the data's version
    (``vuxportal/dataversion.py``), and a kept panel asks for nothing."""

    panel: Panel
    request: Any

    @property
    def key(self) -> str:
        return self.panel.key

    @property
    def template_name(self) -> str:
        return self.panel.template_name

    @cached_property
    def context(self) -> dict:
        return self.panel.get_context(self.request) if self.panel.get_context else {}


def panels_for(request, part: str = "") -> list[ShownPanel]:
    access = access_of(request.user)
    return [
        ShownPanel(panel, request)
        for panel in registry.panels.for_user(request.user)
        if panel.part == part and access.has_role(*panel.roles)
    ]
