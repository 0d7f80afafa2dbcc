"""Who is responsible for what (DESIGN.md): the one registry's ``responsibilities`` store.

The organisation app cannot import the part apps, so each app (organisation too)
registers the kinds of things a person (or working group) can be responsible for in its
own ``plugins.py``. The responsibility page lists them all, and a hand-over moves
everything a leaving person owned to someone else in one step.

    from organisation.responsibilities import Responsibility
    from vuxportal.registry import registry

    registry.responsibilities.register(
        Responsibility(
            key="goals.goal",
            label=_("Goals"),
            queryset=lambda: Goal.objects.select_related("plan"),
            person_field="responsible",
            group_field=None,        # or the FK to organisation.WorkingGroup
            school_path=None,        # or "school" / "schools" to filter by school
            order=10,
        )
    )
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.functional import Promise

from vuxportal.registry import Store, registry


@dataclass(frozen=True)
class Responsibility:
    key: str
    label: str | Promise
    queryset: Callable[[], QuerySet]
    person_field: str | None = "responsible"
    group_field: str | None = None
    school_path: str | None = None
    order: int = 100

    def items(self, *, person=None, group=None, school=None, user=None) -> QuerySet:
        """The rows of this kind; with ``user``, only those the user may see (the kind's
        model scoping, when it has one)."""
        qs = self.queryset()
        if user is not None:
            scoped = getattr(qs.model.objects, "visible_to", None)
            visible = scoped(user) if scoped is not None else None
            # A user who sees every row (an administrator) needs no condition: the planner
            # would still join the table to itself for it.
            if visible is not None and visible.query.where:
                qs = qs.filter(pk__in=visible.values("pk"))
        if person is not None:
            if self.person_field is None:
                return qs.none()
            qs = qs.filter(**{self.person_field: person})
        if group is not None:
            if self.group_field is None:
                return qs.none()
            qs = qs.filter(**{self.group_field: group})
        if school is not None and self.school_path:
            # Rows without a school cover the whole organisation and so every school.
            qs = qs.filter(
                Q(**{self.school_path: school}) | Q(**{f"{self.school_path}__isnull": True})
            ).distinct()
        return qs

    def hand_over(self, *, from_person, to_person) -> int:
        if self.person_field is None:
            return 0
        return (
            self.queryset()
            .filter(**{self.person_field: from_person})
            .update(**{self.person_field: to_person})
        )


class ResponsibilityRegistry:
    """What the pages and services ask of the kinds, over a registry store (the one
    registry's ``responsibilities`` by default; a test may build an empty one)."""

    def __init__(self, store: Store | None = None) -> None:
        self._items = store if store is not None else Store("responsibilities")

    def register(self, key: str, **kwargs) -> Responsibility:
        if key in self._items:
            raise ValueError(f"Responsibility {key!r} is already registered")
        return self._items.register(Responsibility(key=key, **kwargs))

    def unregister(self, key: str) -> None:
        self._items.unregister(key)

    def __iter__(self):
        # By the kind's own order, then its key, whatever order the apps registered in.
        return iter(sorted(self._items.all(), key=lambda r: (r.order, r.key)))

    def __contains__(self, key: str) -> bool:
        return key in self._items

    def get(self, key: str) -> Responsibility:
        kind = self._items.get(key)
        if kind is None:
            raise KeyError(key)
        return kind

    def for_person(self, person) -> list[tuple[Responsibility, QuerySet]]:
        """Every kind with what ``person`` owns of it (kinds with nothing are left out)."""
        result = []
        for kind in self:
            items = kind.items(person=person)
            if items.exists():
                result.append((kind, items))
        return result

    def responsible_people_q(self) -> Q:
        """People who are responsible for something of any kind (one SQL condition)."""
        people = [
            kind.queryset().order_by().values(kind.person_field)
            for kind in self
            if kind.person_field
        ]
        if not people:
            return Q(pk__in=[])
        # One UNION ALL subquery rather than an OR of one per kind: PostgreSQL plans it in a
        # fraction of the time and tests each person against one hashed set.
        return Q(pk__in=people[0].union(*people[1:], all=True))

    @transaction.atomic
    def hand_over(self, *, from_person, to_person) -> dict[str, int]:
        """Moves every registered responsibility of ``from_person`` to ``to_person``."""
        return {
            kind.key: kind.hand_over(from_person=from_person, to_person=to_person) for kind in self
        }


responsibilities = ResponsibilityRegistry(registry.responsibilities)
