"""Reads that combine several models: who is responsible for what, who has left, the
pages' lists with their counts, and the monthly scanning digest."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import NamedTuple

from django.core.paginator import Page, Paginator
from django.db.models import Count, F, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext_lazy as _

from vuxportal.query import count_related
from vuxportal.registry import registry
from vuxportal.roles import Role
from vuxportal.scoping import access_of

from .models import (
    Decision,
    HourlyCost,
    Meeting,
    Membership,
    PlanPart,
    Project,
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
    """People who have left but are still responsible for something (one query: the kinds'
    responsible people are one condition)."""
    return User.objects.filter(leavers_q() & responsibilities.responsible_people_q()).order_by(
        "last_name", "first_name"
    )


# --- Projects: their hours and what those hours are worth --------------------------------
#
# A project's sessions and their participants are competence data, which organisation
# does not import. A part that records project hours registers a ``ProjectHours`` in
# ``registry.project_hours`` (competence/projects.py); organisation then says at which
# school and in which role each hour was spent and values it with ``HourlyCost``.


class HoursRow(NamedTuple):
    """Hours a person spent on a project in a month (what a provider returns)."""

    project_id: int
    person_id: int
    month: date  # the first of the month
    hours: Decimal


class SessionRow(NamedTuple):
    project_id: int
    title: str
    url: str
    starts_at: datetime
    hours: Decimal
    participants: int  # marked as attended
    cancelled: bool


@dataclass(frozen=True)
class ProjectHours:
    """What ``registry.project_hours`` holds. ``hours(project_ids, start=None, end=None)``
    returns ``HoursRow``s (a fixed number of queries, aggregated in SQL);
    ``sessions(project_ids, user)`` the ``SessionRow``s ``user`` sees (``None``: a report,
    which covers everything)."""

    hours: Callable[..., list[HoursRow]]
    sessions: Callable[..., list[SessionRow]]


@dataclass(frozen=True)
class ProjectHour:
    """An hour row placed at a school and in a role (the person's role that month)."""

    project_id: int
    person_id: int
    person: str
    school_id: int | None
    school: str
    role: str
    role_label: str
    month: date
    hours: Decimal


def project_sessions(project_ids, user) -> list[SessionRow]:
    rows = []
    for provider in registry.project_hours.all():
        rows.extend(provider.sessions(list(project_ids), user))
    return sorted(rows, key=lambda r: r.starts_at)


def project_hours(project_ids, *, start=None, end=None) -> list[ProjectHour]:
    """Every provider's hours for the projects, each placed at the school and role the
    person held that month. Three queries: the hours, the people, their memberships."""
    raw = []
    for provider in registry.project_hours.all():
        raw.extend(provider.hours(list(project_ids), start=start, end=end))
    people = {
        u.pk: u
        for u in User.objects.filter(pk__in={r.person_id for r in raw}).only(
            "first_name", "last_name", "email"
        )
    }
    memberships = defaultdict(list)
    for m in (
        Membership.objects.filter(user_id__in=people)
        .select_related("school")
        .order_by(F("school").asc(nulls_last=True), "starts_on", "pk")
    ):
        memberships[m.user_id].append(m)
    placed = []
    for row in raw:
        m = _membership_in(memberships[row.person_id], row.month)
        placed.append(
            ProjectHour(
                project_id=row.project_id,
                person_id=row.person_id,
                person=people[row.person_id].display_name,
                school_id=m.school_id if m else None,
                school=m.school.name if m and m.school else str(_("Whole organisation")),
                role=m.role if m else "",
                role_label=str(Role(m.role).label) if m else str(_("No role")),
                month=row.month,
                hours=Decimal(row.hours),
            )
        )
    return placed


def _membership_in(memberships: list[Membership], month: date) -> Membership | None:
    """The role the person held in the month: one at a school before an organisation-wide
    one, the earliest first, so an hour is counted once even with several roles."""
    end = add_months(month, 1)
    for m in memberships:
        if m.starts_on < end and (m.ends_on is None or m.ends_on > month):
            return m
    return memberships[-1] if memberships else None


def hourly_costs(user=None) -> dict[str, Decimal]:
    """kr per hour by role; ``user=None`` for a report (compiled for the board)."""
    queryset = HourlyCost.objects.all() if user is None else HourlyCost.objects.visible_to(user)
    return {c.role: c.amount for c in queryset}


@dataclass
class ProjectFigures:
    hours: Decimal = Decimal(0)
    value: Decimal = Decimal(0)
    people: set = field(default_factory=set)
    rate: Decimal | None = None  # kr per hour, in a row of one role

    def add(self, row: ProjectHour, costs: dict) -> None:
        self.hours += row.hours
        self.value += row.hours * costs.get(row.role, Decimal(0))
        self.people.add(row.person_id)

    @property
    def participants(self) -> int:
        return len(self.people)


def project_figures(rows: list[ProjectHour], costs: dict) -> dict:
    """Totals, and hours and value per (school, role), per month and per person."""
    total = ProjectFigures()
    by_group, by_month, by_person = {}, {}, {}
    for row in rows:
        total.add(row, costs)
        group = (row.school, row.role_label, row.role)
        by_group.setdefault(group, ProjectFigures(rate=costs.get(row.role))).add(row, costs)
        by_month.setdefault(row.month, ProjectFigures()).add(row, costs)
        key = (row.person, row.person_id, row.school_id, row.school, row.role_label, row.role)
        by_person.setdefault(key, ProjectFigures()).add(row, costs)
    return {
        "total": total,
        "by_group": sorted(by_group.items()),
        "by_month": sorted(by_month.items()),
        "by_person": sorted(by_person.items(), key=lambda item: (item[0][0], item[0][1:2])),
    }


def may_name_participant(access, school_id: int | None) -> bool:
    """Participants' names: administrators and the leaders of their schools only."""
    if access.is_administrator:
        return True
    return school_id is not None and school_id in access.schools_by_role.get(
        Role.SCHOOL_LEADER, set()
    )


def project_overview(project: Project, user) -> dict:
    """Everything the project page shows below its facts, in a fixed number of queries."""
    access = access_of(user)
    costs = hourly_costs(user) if user.has_perm("organisation.view_hourly_costs") else None
    figures = project_figures(project_hours([project.pk]), costs or {})
    figures["by_person"] = [
        item for item in figures["by_person"] if may_name_participant(access, item[0][2])
    ]
    return {
        "costs": costs,  # None: the user may not see what an hour costs
        "sessions": project_sessions([project.pk], user),
        "goals": list(project.goals.visible_to(user).order_by("number")),
        "groups": list(project.working_groups.visible_to(user).order_by("name")),
        **figures,
    }
