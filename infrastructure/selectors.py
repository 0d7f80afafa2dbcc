"""Reads and aggregates: coverage per school, lifecycle and replacement need, the staff
who may hold a device, an inventory round's results (a device's history is
``vuxportal.history``'s).

Everything is computed in a fixed number of SQL aggregates, whatever the number of
devices, so the pages keep their query count from the demo to 50,000 devices.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from datetime import date
from decimal import Decimal
from functools import cached_property

from django.db.models import (
    Count,
    DecimalField,
    ExpressionWrapper,
    F,
    IntegerField,
    Q,
    Sum,
)
from django.db.models.functions import Coalesce, ExtractYear
from django.utils import timezone

from organisation.models import Membership, School
from vuxportal import aggregates
from vuxportal.roles import STAFF_ROLES, Role

from .models import (
    AccessCount,
    Device,
    DeviceAudit,
    DeviceAuditItem,
    DeviceModel,
    Loan,
    Student,
    System,
    past_lifetime_q,
)

ZERO = Decimal("0")


def replacement_cost_expression():
    return Coalesce(
        F("model__replacement_price"),
        F("price"),
        ZERO,
        output_field=DecimalField(max_digits=14, decimal_places=2),
    )


@dataclass
class CoverageRow:
    school: School | None
    name: str
    student_places: int = 0
    teachers: int = 0
    staff: int = 0
    staff_with_device: int = 0
    devices: int = 0
    loans_out: int = 0
    overdue: int = 0
    waiting: int = 0
    past_lifetime: int = 0
    replacement_cost: Decimal = ZERO

    @property
    def devices_per_teacher(self) -> Decimal | None:
        return _ratio(self.devices, self.teachers)

    @property
    def devices_per_student_place(self) -> Decimal | None:
        return _ratio(self.devices, self.student_places)

    @property
    def staff_with_device_share(self) -> Decimal | None:
        return _share(self.staff_with_device, self.staff)


def _ratio(a, b) -> Decimal | None:
    return None if not b else (Decimal(a) / Decimal(b)).quantize(Decimal("0.01"))


def _share(a, b) -> Decimal | None:
    return None if not b else (Decimal(100) * a / b).quantize(Decimal("0.1"))


@dataclass
class Coverage:
    rows: list[CoverageRow] = field(default_factory=list)
    total: CoverageRow | None = None
    ages: list[tuple[str, int]] = field(default_factory=list)

    @cached_property
    def key(self) -> str:
        """A hash of every school and number the page shows: the page keeps its table
        under it, so changed numbers are another table."""
        numbers = [f.name for f in fields(CoverageRow) if f.name != "school"]
        shown = [
            (row.school.code if row.school else None, *(getattr(row, n) for n in numbers))
            for row in [*self.rows, *([self.total] if self.total else [])]
        ]
        return hashlib.sha256(repr((shown, self.ages)).encode()).hexdigest()


AGE_BUCKETS = [(0, "< 1"), (1, "1"), (2, "2"), (3, "3"), (4, "4"), (5, "5+")]


def _by_school(queryset, school_ids, **aggregates) -> dict[int, dict]:
    """{school id: {name: value}}: ``aggregates`` over ``queryset`` grouped by school, in
    one query for all the schools."""
    return {
        row.pop("school"): row
        for row in queryset.filter(school__in=school_ids)
        .order_by()
        .values("school")
        .annotate(**aggregates)
    }


def coverage(schools, *, on: date | None = None) -> Coverage:
    """Coverage per school of ``schools`` (a School queryset) and the total over them.

    A fixed number of queries, each grouped by school over one table (the memberships,
    the devices, the loans, the waiting list), then the organisation-wide distinct staff
    and the age distribution. Correlated subqueries per school were 8x slower at 50
    schools.
    """
    on = on or timezone.localdate()
    schools = list(schools.order_by("name"))
    # Cached until a device, model, loan, student, membership or school changes.
    return aggregates.cached(
        "infrastructure.coverage",
        key=([school.pk for school in schools], on),
        sources=[
            Device.objects.all(),
            DeviceModel.objects.all(),
            Loan.objects.all(),
            Student.objects.all(),
            Membership.objects.all(),
            School.objects.all(),
        ],
        compute=lambda: _coverage(schools, on),
    )


def _coverage(schools: list[School], on: date) -> Coverage:
    staff = Membership.objects.current(on).filter(role__in=STAFF_ROLES)
    devices = Device.objects.in_use()
    assigned_users = Device.objects.filter(status=Device.Status.ASSIGNED).values("assigned_to")
    school_ids = [school.pk for school in schools]
    people = _by_school(
        staff,
        school_ids,
        teachers=Count("user_id", distinct=True, filter=Q(role=Role.TEACHER)),
        staff=Count("user_id", distinct=True),
        with_device=Count("user_id", distinct=True, filter=Q(user__in=assigned_users)),
    )
    past = past_lifetime_q(on)
    owned = _by_school(
        devices,
        school_ids,
        devices=Count("pk"),
        past_lifetime=Count("pk", filter=past),
        cost=Sum(replacement_cost_expression(), filter=past),
    )
    loans = _by_school(
        Loan.objects.open(),
        school_ids,
        out=Count("pk"),
        overdue=Count("pk", filter=Q(due_on__lt=on)),
    )
    waiting = _by_school(Student.objects.waiting(), school_ids, n=Count("pk"))
    result = Coverage()
    empty = {}
    for s in schools:
        p, d, lo = people.get(s.pk, empty), owned.get(s.pk, empty), loans.get(s.pk, empty)
        result.rows.append(
            CoverageRow(
                school=s,
                name=s.name,
                student_places=s.student_places,
                teachers=p.get("teachers", 0),
                staff=p.get("staff", 0),
                staff_with_device=p.get("with_device", 0),
                devices=d.get("devices", 0),
                loans_out=lo.get("out", 0),
                overdue=lo.get("overdue", 0),
                waiting=waiting.get(s.pk, empty).get("n", 0),
                past_lifetime=d.get("past_lifetime", 0),
                replacement_cost=d.get("cost") or ZERO,
            )
        )
    total = CoverageRow(school=None, name="")
    for row in result.rows:
        for attr in (
            "student_places",
            "teachers",
            "devices",
            "loans_out",
            "overdue",
            "waiting",
            "past_lifetime",
            "replacement_cost",
        ):
            setattr(total, attr, getattr(total, attr) + getattr(row, attr))
    # People working at two schools count once in the total.
    in_scope = staff.filter(school__in=school_ids)
    totals = in_scope.aggregate(
        staff=Count("user_id", distinct=True),
        with_device=Count("user_id", distinct=True, filter=Q(user__in=assigned_users)),
    )
    total.staff = totals["staff"]
    total.staff_with_device = totals["with_device"]
    result.total = total
    result.ages = age_distribution(devices.filter(school__in=school_ids), on=on)
    return result


def age_distribution(devices, *, on: date) -> list[tuple[str, int]]:
    by_year = dict(
        devices.filter(purchased_on__isnull=False)
        .order_by()
        .annotate(bought=ExtractYear("purchased_on"))
        .values("bought")
        .annotate(c=Count("*"))
        .values_list("bought", "c")
    )
    counts = dict.fromkeys(range(len(AGE_BUCKETS)), 0)
    for year, count in by_year.items():
        age = on.year - year
        counts[min(max(age, 0), len(AGE_BUCKETS) - 1)] += count
    return [(AGE_BUCKETS[i][1], counts[i]) for i in range(len(AGE_BUCKETS))]


@dataclass
class ReplacementPlan:
    years: list[int]
    # school name → {year: (devices, cost)}
    rows: list[tuple[str, list[tuple[int, Decimal]]]]
    totals: list[tuple[int, Decimal]]


def replacement_plan(devices, *, on: date | None = None, horizon: int = 5) -> ReplacementPlan:
    """Devices to replace per school and year (the year they reach their lifetime) and
    the cost. Devices already past their lifetime count in the current year. One query."""
    on = on or timezone.localdate()
    years = list(range(on.year, on.year + horizon))
    replace_year = ExpressionWrapper(
        ExtractYear("purchased_on") + F("model__expected_lifetime_years"),
        output_field=IntegerField(),
    )
    aggregated = (
        devices.in_use()
        .filter(purchased_on__isnull=False)
        .annotate(replace_year=replace_year)
        .filter(replace_year__lt=on.year + horizon)
        .order_by()
        .values("school__name", "replace_year")
        .annotate(n=Count("*"), cost=Sum(replacement_cost_expression()))
    )
    per_school: dict[str, dict[int, list]] = {}
    for row in aggregated:
        year = max(row["replace_year"], on.year)
        cell = per_school.setdefault(row["school__name"], {}).setdefault(year, [0, ZERO])
        cell[0] += row["n"]
        cell[1] += row["cost"] or ZERO
    rows = []
    totals = {y: [0, ZERO] for y in years}
    for name in sorted(per_school):
        cells = []
        for y in years:
            n, cost = per_school[name].get(y, (0, ZERO))
            cells.append((n, cost))
            totals[y][0] += n
            totals[y][1] += cost
        rows.append((name, cells))
    return ReplacementPlan(
        years=years, rows=rows, totals=[(totals[y][0], totals[y][1]) for y in years]
    )


# --- Staff, devices, audits and access counts -------------------------------------------------


def assignable_staff(*, school_ids: Iterable[int] | None):
    """The memberships that let a person hold a device of a school: current staff of the
    school, with an active account (``school_ids`` ``None``: every school).

    The one rule of the assign page (``services.device_assign``) and the device import
    (``resources.DeviceRowChecker``), which loads it once for a whole file. A read, so it
    lives here and both sides import it from one place.
    """
    memberships = Membership.objects.current().filter(
        role__in=STAFF_ROLES, user__is_active=True, school__isnull=False
    )
    if school_ids is not None:
        memberships = memberships.filter(school_id__in=school_ids)
    return memberships


def lifecycle_counts(devices, *, on: date) -> dict[str, int]:
    """Devices in use among ``devices``, those past their lifetime and those past their
    warranty on ``on``, in one query."""
    return devices.in_use().aggregate(
        total=Count("pk"),
        past_lifetime=Count("pk", filter=past_lifetime_q(on)),
        past_warranty=Count("pk", filter=Q(warranty_ends_on__lt=on)),
    )


def audit_items_by_result(audit: DeviceAudit) -> dict[str, list[DeviceAuditItem]]:
    """The round's items as ``found``, ``unexpected`` (unknown tags included) and
    ``missing``, from one query."""
    Result = DeviceAuditItem.Result
    items = list(audit.items.select_related("device", "device__school"))
    return {
        "found": [i for i in items if i.result == Result.FOUND],
        "unexpected": [i for i in items if i.result in (Result.UNEXPECTED, Result.UNKNOWN)],
        "missing": [i for i in items if i.result == Result.MISSING],
    }


def access_counts(system: System, *, user) -> tuple[list[AccessCount], list[AccessCount]]:
    """The access counts of ``system`` that ``user`` may see, by school name and newest
    first, and the latest count of each school (one query)."""
    counts = list(
        AccessCount.objects.visible_to(user)
        .filter(system=system)
        .select_related("school")
        .order_by("school__name", "-counted_on")
    )
    latest: dict[int, AccessCount] = {}
    for count in counts:
        latest.setdefault(count.school_id, count)
    return counts, list(latest.values())
