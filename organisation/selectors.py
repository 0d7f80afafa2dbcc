"""Reads that combine several models: who is responsible for what, and who has left."""

from __future__ import annotations

from dataclasses import dataclass, field

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
        items = kind.items(person=person, school=school, user=user)
        related = [f for f in (kind.person_field, kind.group_field) if f]
        if related:
            items = items.select_related(*related)
        rows = list(items[: limit + 1]) if limit else list(items)
        truncated = bool(limit) and len(rows) > limit
        if truncated:
            rows = rows[:limit]
        if person is not None and not rows:
            continue
        sections.append(
            Section(
                kind=kind,
                rows=[
                    (obj, _follow(obj, kind.person_field), _follow(obj, kind.group_field))
                    for obj in rows
                ],
                truncated=truncated,
            )
        )
    return sections


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
