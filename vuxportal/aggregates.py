"""Aggregates cached until their data changes.

Overview pages (device coverage, the competence overview) add up tens of thousands of
rows, yet the rows change far less often than the pages are read. ``cached`` keeps a
computed aggregate in the cache under the *version* of the rows it was computed from:
for each source queryset, how many rows it has and when the latest of them changed
(``updated``, set on every save). A new, changed or deleted row changes the version, so
the next reader computes afresh; nobody sees numbers older than the data.

Writes that bypass ``save()`` (``QuerySet.update``) must set ``updated`` themselves if
they change what an aggregate shows.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from typing import TypeVar

from django.core.cache import cache
from django.db.models import Count, Max, QuerySet

T = TypeVar("T")

# An unused version's entry costs memory only until this runs out.
TIMEOUT = 60 * 60


def version(*sources: QuerySet) -> str:
    """How many rows and the latest change, per source: one small query each."""
    parts = []
    for source in sources:
        state = source.order_by().aggregate(n=Count("pk"), last=Max("updated"))
        parts.append(f"{source.model._meta.label}:{state['n']}:{state['last']}")
    return "|".join(parts)


def cached(name: str, key: Iterable, sources: Iterable[QuerySet], compute: Callable[[], T]) -> T:
    """``compute()``, or the result kept from an earlier call with the same ``key`` over
    unchanged ``sources``."""
    fingerprint = f"{list(key)!r}|{version(*sources)}"
    cache_key = f"aggregate:{name}:" + hashlib.sha256(fingerprint.encode()).hexdigest()
    result = cache.get(cache_key)
    if result is None:
        result = compute()
        cache.set(cache_key, result, TIMEOUT)
    return result
