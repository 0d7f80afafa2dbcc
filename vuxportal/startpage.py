"""Start-page panels. Apps register a panel (template + context function) for the roles
that should see it; the start page shows each role its own panels."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .scoping import access_of


@dataclass(frozen=True)
class Panel:
    template_name: str
    roles: tuple[str, ...]
    order: int = 100
    get_context: Callable | None = None


_panels: list[Panel] = []


def register_panel(panel: Panel) -> None:
    _panels.append(panel)
    _panels.sort(key=lambda p: p.order)


def panels_for(request) -> list[dict]:
    access = access_of(request.user)
    shown = []
    for panel in _panels:
        if access.has_role(*panel.roles):
            context = panel.get_context(request) if panel.get_context else {}
            shown.append({"template_name": panel.template_name, "context": context})
    return shown
