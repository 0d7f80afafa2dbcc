"""Reads that combine several models: who is responsible for what, and who has left."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db.models import Q

from .models import Membership, School, User
from .responsibilities import Responsibility, responsibilities


def _follow(obj, path: str | None):
    if not path:
        return None
    for part in path.split("__"):
        obj = getattr(obj, part, None)
        if obj is None:
            return None
    return obj


@dataclass
class Section:
    kind: Responsibility
    rows: list[tuple] = field(default_factory=list)  # (object, person, group)
    truncated: bool = False
    page: Page | None = None  # when the section is one kind, page by page


def _rows(kind: Responsibility, objects) -> list[tuple]:
    return [
        (obj, _follow(obj, kind.person_field), _follow(obj, kind.group_field)) for obj in objects
    ]


def _items(kind: Responsibility, **filters):
    items = kind.items(**filters)
    related = [f for f in (kind.person_field, kind.group_field) if f]
    return items.select_related(*related) if related else items


def responsibility_sections(
    *,
    person: User | None = None,
    school: School | None = None,
    limit: int | None = None,
    user: User | None = None,
) -> list[Section]:
    """One section per registered kind: its rows with their responsible person and group.

    One query per kind, whatever the number of rows (the responsible person and group are
    joined in). With ``person``, kinds where the person has nothing are left out.
    """
    sections = []
    for kind in responsibilities:
        items = _items(kind, person=person, school=school, user=user)
        rows = list(items[: limit + 1]) if limit else list(items)
        truncated = bool(limit) and len(rows) > limit
        if truncated:
            rows = rows[:limit]
        if person is not None and not rows:
            continue
        sections.append(Section(kind=kind, rows=_rows(kind, rows), truncated=truncated))
    return sections


def responsibility_section_page(
    kind: Responsibility,
    *,
    page: int | str | None,
    per_page: int = 50,
    person: User | None = None,
    school: School | None = None,
    user: User | None = None,
) -> Section:
    """All rows of one kind, ``per_page`` at a time (two queries: the count and the page)."""
    items = _items(kind, person=person, school=school, user=user)
    # The kind's own order with the primary key last: ties would let pages overlap.
    ordering = list(items.query.order_by) or list(items.model._meta.ordering)
    items = items.order_by(*ordering, "pk")
    current = Paginator(items, per_page).get_page(page)
    return Section(kind=kind, rows=_rows(kind, current.object_list), page=current)


def leavers_q() -> Q:
    """People who have left: deactivated, or without any current membership."""
    return Q(is_active=False) | ~Q(pk__in=Membership.objects.current().values("user_id"))


def leavers_with_responsibilities():
    """People who have left but are still responsible for something (one query per kind)."""
    leavers = User.objects.filter(leavers_q()).values("pk")
    ids: set[int] = set()
    for kind in responsibilities:
        if not kind.person_field:
            continue
        ids.update(
            kind.queryset()
            .filter(**{f"{kind.person_field}__in": leavers})
            .order_by()
            .values_list(kind.person_field, flat=True)
            .distinct()
        )
    return User.objects.filter(pk__in=ids).order_by("last_name", "first_name")
