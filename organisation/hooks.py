"""Extension points for the part apps on organisation pages (no import of them here).

The one registry's ``decision_links`` store: the goals app turns a meeting's decision
into an action on a goal. It registers (in its ``plugins.py``) a provider
``fn(request, decisions) -> {decision_pk: [(label, url), ...]}`` whose links the meeting
page shows beside each decision; one call per page keeps the query count constant.
"""

from __future__ import annotations

from collections.abc import Callable

from vuxportal.registry import registry

DecisionLinkProvider = Callable[..., dict[int, list[tuple[str, str]]]]


def decision_links(request, decisions) -> dict[int, list[tuple[str, str]]]:
    links: dict[int, list[tuple[str, str]]] = {}
    for provider in registry.decision_links.for_user(request.user):
        for pk, items in provider(request, decisions).items():
            links.setdefault(pk, []).extend(items)
    return links
