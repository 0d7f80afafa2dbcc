"""Extension points for the part apps on organisation pages (no import of them here).

``decision_links``: the goals app turns a meeting's decision into an action on a goal.
It registers a provider ``fn(request, decisions) -> {decision_pk: [(label, url), ...]}``
whose links the meeting page shows beside each decision; one call per page keeps the
query count constant.
"""

from __future__ import annotations

from collections.abc import Callable

DecisionLinkProvider = Callable[..., dict[int, list[tuple[str, str]]]]

decision_link_providers: list[DecisionLinkProvider] = []


def register_decision_links(fn: DecisionLinkProvider) -> DecisionLinkProvider:
    decision_link_providers.append(fn)
    return fn


def decision_links(request, decisions) -> dict[int, list[tuple[str, str]]]:
    links: dict[int, list[tuple[str, str]]] = {}
    for provider in decision_link_providers:
        for pk, items in provider(request, decisions).items():
            links.setdefault(pk, []).extend(items)
    return links
