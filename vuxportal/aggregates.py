"""Aggregates cached until their data changes.

Overview pages (device coverage, the competence overview) add up tens of thousands of
rows, yet the rows change far less often than the pages are read. ``cached`` keeps a
computed aggregate in the cache under the *version* of the tables it was computed from
(``vuxportal/dataversion.py``): the database raises it on every committed insert, update
or delete, however it was made, so the next reader computes afresh and nobody sees
numbers older than the data. Reading the version is one query, whatever the sources.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from typing import TypeVar

from django.core.cache import cache
from django.db.models import QuerySet

from . import dataversion

T = TypeVar("T")

# An unused version's entry costs memory only until this runs out.
TIMEOUT = 60 * 60


def version(*sources: QuerySet) -> str:
    """The version of the sources' tables: one query for all of them."""
    return str(dataversion.current(*{source.model for source in sources}))


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
