"""Reads that combine several models: who is responsible for what, who has left, the
pages' lists with their counts, and the monthly scanning digest."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.core.paginator import Page, Paginator
from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import TruncMonth

from vuxportal.query import count_related

from .models import (
    Decision,
    Meeting,
    Membership,
    PlanPart,
    ScanningNote,
    School,
    User,
    WorkingGroup,
    add_months,
)
from .responsibilities import Responsibility, responsibilities

# --- People and groups ----------------------------------------------------------------------


def schools_with_staff_count() -> QuerySet[School]:
    return School.objects.annotate(
        staff_count=count_related(Membership.objects.current(), "school")
    )


def school_memberships(school: School) -> QuerySet[Membership]:
    """The school's current roles, by role and name."""
    return (
        Membership.objects.current()
        .filter(school=school)
        .select_related("user")
        .order_by("role", "user__last_name")
    )


def with_current_memberships(queryset: QuerySet[User]) -> QuerySet[User]:
    """People with their current roles in ``current_memberships`` (one extra query)."""
    return queryset.prefetch_related(
        Prefetch(
            "memberships",
            queryset=Membership.objects.current().select_related("school"),
            to_attr="current_memberships",
        )
    )


def has_left(person: User) -> bool:
    """Whether ``person`` holds no current role any more."""
    return not Membership.objects.current().filter(user=person).exists()


def answers_for_something(person: User) -> bool:
    """Whether ``person`` is responsible for anything of any registered kind."""
    return bool(responsibilities.for_person(person))


def working_groups_with_counts() -> QuerySet[WorkingGroup]:
    """Groups with their convener, member and meeting counts and last meeting date."""
    return WorkingGroup.objects.select_related("convener").annotate(
        member_count=count_related(WorkingGroup.members.through.objects.all(), "workinggroup"),
        meeting_count=count_related(Meeting.objects.all(), "group"),
        last_meeting=Subquery(
            Meeting.objects.filter(group=OuterRef("pk")).order_by("-held_on").values("held_on")[:1]
        ),
    )


def group_meetings(group: WorkingGroup) -> QuerySet[Meeting]:
    return group.meetings.annotate(decision_count=count_related(Decision.objects.all(), "meeting"))


def group_responsibilities(group: WorkingGroup, *, limit: int = 50) -> list[tuple]:
    """What the group answers for in other parts of the plan (e.g. goal actions), from the
    kinds that name a responsible group in the registry: (kind, first ``limit`` items)."""
    return [
        (kind, list(kind.items(group=group)[:limit]))
        for kind in responsibilities
        if kind.group_field
    ]


# --- Environmental scanning -----------------------------------------------------------------


def scanning_digest(notes: QuerySet[ScanningNote], month: date) -> dict:
    """The notes of ``month`` grouped by part of the plan, with the neighbouring months and
    the last 24 months that have notes (for the page's links)."""
    next_month = add_months(month, 1)
    in_month = list(
        notes.select_related("author")
        .filter(noted_on__gte=month, noted_on__lt=next_month)
        .order_by("plan_part", "-noted_on")
    )
    return {
        "month": month,
        "parts": [
            (label, [n for n in in_month if n.plan_part == value])
            for value, label in PlanPart.choices
        ],
        "note_count": len(in_month),
        "previous_month": add_months(month, -1),
        "next_month": next_month,
        "months": (
            notes.annotate(month=TruncMonth("noted_on"))
            .order_by("-month")
            .values("month")
            .annotate(count=Count("pk"))[:24]
        ),
    }


# --- Who is responsible for what ------------------------------------------------------------


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
