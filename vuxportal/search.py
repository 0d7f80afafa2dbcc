"""Search across the parts (issue 17): what each part lets people find, and the query.

A part describes each kind of thing it makes findable (people, devices, goals…) with a
``SearchKind`` and registers it in the one registry's ``search`` store from its own
``<app>/search.py``; the plumbing knows no part. ``search(user, q)`` asks every kind the
user may use (the store's ``for_user``) for its best hits, one query per kind whatever
the data, always through the kind's ``visible_to`` queryset: the one access mechanism
decides what is found, exactly as it decides what the kind's pages show.

On PostgreSQL a kind's text fields are matched by full-text search with the Swedish
configuration (stemming, so "datorerna" finds "datorer"; every word as a prefix, so a
word being typed finds too) and its names and codes (asset tags, serial numbers) as a
substring or by trigram word similarity (a typo still finds). Elsewhere (SQLite in
development) every word must occur in one of the fields.

To stay fast at 50 schools (50,000 devices) the costly tests run only on rows a cheap
one lets through: a row's text vector only when the row holds the search words' first
letters, trigram similarity only when it holds half of what was typed; and codes are
read only for a search holding a digit. The cheap tests are substring tests that the
parts' trigram (GIN) indexes answer (infrastructure 0003, organisation 0005, on exactly
the expressions built here; tests/infrastructure/test_search_indexes.py checks the
plans use them), so a search reads no large table through.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import reduce
from operator import or_
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.db import connections
from django.db.models import (
    BooleanField,
    F,
    Func,
    Model,
    Q,
    QuerySet,
    TextField,
    Value,
)
from django.db.models.functions import Collate, Concat, Greatest, Upper
from django.db.models.lookups import GreaterThan
from django.urls import reverse
from django.utils.text import capfirst

from .metrics import metrics
from .registry import registry

MIN_LENGTH = 2  # a single character would match nearly everything
MAX_LENGTH = 100
MAX_TERMS = 8
HITS_PER_KIND = 10
CONFIG = "swedish"
# word_similarity above this is a near match: "Lindkvist" finds "Lindqvist" (0.54), an
# asset tag with one wrong digit its tag (0.75), while "dator" does not find "data" (0.5).
TRIGRAM_THRESHOLD = 0.5
# The Swedish stemmer keeps at least the first three letters of a word, so a row whose
# text has a word beginning with a search word's stem contains those three letters.
STEM_KEEPS = 3
# Shorter searches match identifying fields only as typed: their halves say too little.
NEAR_MIN_LENGTH = 6

_WORD = re.compile(r"[^\W_]+")


def _absolute_url(obj) -> str:
    return obj.get_absolute_url()


def _nothing(obj) -> str:
    return ""


@dataclass(frozen=True)
class SearchKind:
    """One kind of thing search finds, described by the part that owns it.

    ``queryset(user)`` gives the rows the user may see (``Model.objects.visible_to(user)``
    by default, with the ``select_related`` the context line needs); search scopes it
    again the same way, so a kind cannot hand out what the user may not reach.
    ``text_fields`` are matched by full-text search, ``trigram_fields`` (names, titles)
    as substrings and by trigram similarity, and ``code_fields`` (asset tags, serial
    numbers, references) the same way but only for a search holding a digit. A hit
    shows ``title(obj)``, links to ``url(obj)`` and says ``context(obj)`` below (school,
    status…).
    ``list_url_name`` names the kind's list page whose ``?q=`` filter shows every match.
    ``permission`` is the django-rules permission of the kind's pages.
    """

    key: str
    model: type[Model]
    text_fields: Sequence[str] = ()
    trigram_fields: Sequence[str] = ()
    code_fields: Sequence[str] = ()
    context: Callable[[Any], str] = _nothing
    queryset: Callable[[Any], QuerySet] | None = None
    title: Callable[[Any], str] = str
    url: Callable[[Any], str] = _absolute_url
    label: Any = None
    list_url_name: str | None = None
    permission: str | None = None
    order: int = 100

    @property
    def name(self) -> str:
        """The kind's name in the part's own words: its model's plural by default."""
        return capfirst(self.label or self.model._meta.verbose_name_plural)

    @property
    def slug(self) -> str:
        return self.key.replace(".", "-").replace("_", "-")

    def rows_for(self, user) -> QuerySet:
        rows = self.queryset(user) if self.queryset else self.model._default_manager.all()
        return rows.scoped_for(user, "view")

    def list_url(self, q: str) -> str | None:
        if not self.list_url_name:
            return None
        return f"{reverse(self.list_url_name)}?{urlencode({'q': q})}"


def register(*kinds: SearchKind) -> None:
    """Adds ``kinds`` to the registry's ``search`` store, gated by their permission."""
    for kind in kinds:
        registry.search.register(kind, key=kind.key, order=kind.order, permission=kind.permission)


@dataclass(frozen=True)
class Hit:
    object: Any
    title: str
    url: str
    context: str


@dataclass(frozen=True)
class Group:
    """One kind's hits: at most ``HITS_PER_KIND``, ``has_more`` when there were more."""

    kind: SearchKind
    hits: list[Hit]
    has_more: bool
    list_url: str | None

    @property
    def name(self) -> str:
        return self.kind.name


def normalise(q: str | None) -> str:
    return " ".join((q or "").split())[:MAX_LENGTH]


def terms_of(q: str) -> list[str]:
    """The words of ``q``: letters and digits only, so they are safe in a tsquery."""
    return _WORD.findall(q)[:MAX_TERMS]


def has_digit(q: str) -> bool:
    """Codes are looked at only for a search with a digit: every code has one, no name."""
    return any(c.isdigit() for c in q)


def is_searchable(q: str) -> bool:
    return len(q) >= MIN_LENGTH and bool(terms_of(q))


def _any_contains(fields: Iterable[str], values: Iterable[str]) -> Q:
    return reduce(or_, (Q(**{f"{f}__icontains": v}) for f in fields for v in values), Q())


class _LikeAny(Func):
    """``text LIKE ANY (patterns)``: ``text`` is worked out once per row for all the
    patterns; upper-casing a row's fields costs more than the comparisons."""

    arg_joiner = " LIKE ANY ("
    template = "(%(expressions)s))"
    output_field = BooleanField()

    def __init__(self, text, patterns: Iterable[str]):
        super().__init__(text, Value(sorted(set(patterns))))


def _pattern(value: str) -> str:
    """``value`` anywhere, for a LIKE on upper-cased text."""
    escaped = value.upper().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _full_text(kind: SearchKind, q: str) -> tuple[Q, Any]:
    """Every word as the beginning of a word, with Swedish stems and stop words."""
    from django.contrib.postgres.search import (
        SearchQuery,
        SearchRank,
        SearchVector,
        SearchVectorExact,
    )

    terms = terms_of(q)
    fields = kind.text_fields
    vector = SearchVector(*fields, config=CONFIG)
    query = SearchQuery(" & ".join(f"{t}:*" for t in terms), config=CONFIG, search_type="raw")
    # A substring test first: building a row's vector is the costly part, and a row
    # matches only when it holds the first letters of some search word.
    text = (
        Upper(fields[0]) if len(fields) == 1 else Upper(Concat(*fields, output_field=TextField()))
    )
    holds_a_stem = _LikeAny(text, (_pattern(t[:STEM_KEEPS]) for t in terms))
    return Q(holds_a_stem) & Q(SearchVectorExact(vector, query)), SearchRank(vector, query)


def _similar(fields: Sequence[str], q: str, *, ascii: bool = False) -> tuple[Q, Any]:
    """``q`` anywhere in one of ``fields`` (a name, an asset tag), or a near match by
    trigram word similarity (a typo). ``ascii`` fields (codes) are upper-cased byte by
    byte, which costs a fraction of Unicode case mapping on a large table.

    Similarity is costly row by row and no index answers it, so only rows that hold the
    first or the second half of ``q`` (an indexed substring test) are compared: one typo
    leaves a half intact.
    """
    from django.contrib.postgres.search import TrigramWordSimilarity

    def holding(*values: str) -> Q:
        patterns = [_pattern(value) for value in values]
        return reduce(
            or_,
            (Q(_LikeAny(Upper(Collate(f, "C") if ascii else F(f)), patterns)) for f in fields),
        )

    contains = holding(q)
    if len(q) < NEAR_MIN_LENGTH:
        # Too short to rank by: the kind's own order.
        return contains, None
    similarities = [TrigramWordSimilarity(q, field) for field in fields]
    similarity = similarities[0] if len(fields) == 1 else Greatest(*similarities)
    half = len(q) // 2
    # Holding q means holding both halves: the half test alone picks the candidates.
    near = Q(GreaterThan(similarity, TRIGRAM_THRESHOLD))
    # An exact match has similarity 1, a near one less: the similarity ranks them.
    return holding(q[:half], q[half:]) & (contains | near), similarity


def _postgres(rows: QuerySet, kind: SearchKind, q: str) -> QuerySet:
    parts = []
    if kind.text_fields:
        parts.append(_full_text(kind, q))
    if kind.trigram_fields:
        parts.append(_similar(kind.trigram_fields, q))
    if kind.code_fields and has_digit(q):
        parts.append(_similar(kind.code_fields, q, ascii=True))
    if not parts:
        return rows.none()
    rows = rows.filter(reduce(or_, (condition for condition, _score in parts)))
    scores = [score for _condition, score in parts if score is not None]
    if not scores:
        return rows
    score = scores[0] if len(scores) == 1 else Greatest(*scores)
    return rows.order_by(score.desc(nulls_last=True), "pk")


def _fallback(rows: QuerySet, kind: SearchKind, q: str) -> QuerySet:
    fields = [*kind.text_fields, *kind.trigram_fields]
    if has_digit(q):
        fields += kind.code_fields
    if not fields:
        return rows.none()
    for term in terms_of(q):
        rows = rows.filter(_any_contains(fields, [term]))
    return rows


def matching(kind: SearchKind, user, q: str, *, vendor: str | None = None) -> QuerySet:
    """The rows of ``kind`` that ``user`` may see and that match ``q``, best first.

    ``vendor`` chooses the query (the database's own by default): PostgreSQL's full-text
    search and trigrams, or every word as a substring of some field elsewhere.
    """
    rows = kind.rows_for(user)
    vendor = vendor or connections[rows.db].vendor
    if vendor == "postgresql":
        return _postgres(rows, kind, q)
    return _fallback(rows, kind, q)


def search(user, q: str, *, limit: int = HITS_PER_KIND) -> list[Group]:
    """Each kind's best hits for ``q``, in the store's order, kinds without hits left out.

    One query per kind the user may use, however many rows match or exist.
    """
    q = normalise(q)
    if not is_searchable(q):
        return []
    groups = []
    for kind in registry.search.for_user(user):
        rows = list(matching(kind, user, q)[: limit + 1])
        if not rows:
            continue
        hits = [
            Hit(object=obj, title=kind.title(obj), url=kind.url(obj), context=kind.context(obj))
            for obj in rows[:limit]
        ]
        has_more = len(rows) > limit
        groups.append(Group(kind=kind, hits=hits, has_more=has_more, list_url=kind.list_url(q)))
    return groups


def kept(user, q: str, *, state: str) -> list[Group]:
    """``search(user, q)``, kept for ``FRAGMENT_SECONDS`` under ``state`` (the request's
    ``dataversion.state``: the data's version, the day, the person and the language), as
    the pages keep their fragments: a search repeated (back to the results, the same
    search in another tab) costs one cache read, and any change to the data is found at
    once.

    A search that found rows of personal data (students) is not kept: it is run, and its
    showing logged, every time. Kept hits carry no ``object``, only what the page shows.
    """
    q = normalise(q)
    key = "search:" + hashlib.sha256(f"{state}\n{q}".encode()).hexdigest()
    stored = cache.get(key)
    if stored is not None:
        # A kind no longer registered (kept by a process of an earlier release) is left out.
        kinds = {kind_key: registry.search.get(kind_key) for kind_key, *_rest in stored}
        return [
            Group(kind=kinds[kind_key], hits=hits, has_more=more, list_url=url)
            for kind_key, hits, more, url in stored
            if kinds[kind_key] is not None
        ]
    groups = search(user, q)
    personal = any(
        metrics.carries_personal_data(type(hit.object)) for group in groups for hit in group.hits
    )
    if not personal:
        stored = [
            (
                group.kind.key,
                [Hit(object=None, title=h.title, url=h.url, context=h.context) for h in group.hits],
                group.has_more,
                group.list_url,
            )
            for group in groups
        ]
        cache.set(key, stored, settings.FRAGMENT_SECONDS)
    return groups
