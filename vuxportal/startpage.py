"""Start-page panels: the one registry's ``panels`` store. An app registers a panel
(template + context function) in its ``plugins.py`` for the roles it is meant for; the
start page shows each role its own panels. A panel may also name a permission
(``register(..., permission=...)``), checked like every other store's."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .registry import registry
from .scoping import access_of


@dataclass(frozen=True)
class Panel:
    template_name: str
    roles: tuple[str, ...]
    get_context: Callable | None = None

    @property
    def key(self) -> str:
        return self.template_name


def panels_for(request) -> list[dict]:
    access = access_of(request.user)
    shown = []
    for panel in registry.panels.for_user(request.user):
        if access.has_role(*panel.roles):
            context = panel.get_context(request) if panel.get_context else {}
            shown.append({"template_name": panel.template_name, "context": context})
    return shown
