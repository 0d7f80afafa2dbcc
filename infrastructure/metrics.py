"""Metrics from the inventory, loans and systems, for automatic indicators.

Each is computed as of the end of the range, for one school or (``school=None``) the
whole organisation, in one or two aggregates.
"""

from datetime import timedelta
from decimal import Decimal

from django.db.models import Count, Max, OuterRef, Q, Subquery, Sum
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from organisation.models import Membership, User
from vuxportal.metrics import MetricList
from vuxportal.roles import STAFF_ROLES

from . import services
from .models import AccessCount, Device, Student, StudentDataAccess, System, past_lifetime_q

# Defined here beside their queries; plugins.py registers them.
METRICS = MetricList()


def _share(part, whole) -> Decimal | None:
    if not whole:
        return None
    return Decimal(100) * part / whole


# Drill-down rows that name a student are logged like every other view of student data
# (the goals app lists them without knowing what they are); plugins.py registers these
# loggers for the Student and Loan models.


def students_shown(*, user, records, path=""):
    services.student_data_viewed(
        user=user, students=records, what=StudentDataAccess.What.LIST, path=path
    )


def loans_shown(*, user, records, path=""):
    services.student_data_viewed(
        user=user,
        students=[loan.student for loan in records],
        what=StudentDataAccess.What.LIST,
        path=path,
    )


def _for_school(queryset, school, path="school"):
    return queryset if school is None else queryset.filter(**{path: school})


def _staff(*, school, end):
    memberships = Membership.objects.filter(
        Q(ends_on__isnull=True) | Q(ends_on__gt=end), starts_on__lte=end, role__in=STAFF_ROLES
    )
    memberships = _for_school(memberships, school)
    return User.objects.filter(is_active=True, pk__in=memberships.values("user_id"))


def _staff_with_device(*, school, start, end):
    assigned = Device.objects.filter(status=Device.Status.ASSIGNED).values("assigned_to")
    return _staff(school=school, end=end).filter(pk__in=assigned)


@METRICS.define(
    "infrastructure.staff_with_device",
    label=_("Share of staff with an assigned device"),
    unit="percent",
    description=_("Staff (teachers, other staff, leaders, IT) with a device assigned to them."),
    records=_staff_with_device,
)
def staff_with_device(*, school, start, end):
    assigned = Device.objects.filter(status=Device.Status.ASSIGNED).values("assigned_to")
    counts = _staff(school=school, end=end).aggregate(
        total=Count("pk"), with_device=Count("pk", filter=Q(pk__in=assigned))
    )
    return _share(counts["with_device"], counts["total"])


def _waiting(*, school, start, end):
    return _for_school(Student.objects.filter(waiting_since__lte=end), school)


@METRICS.define(
    "infrastructure.students_waiting",
    label=_("Students waiting for a loan device"),
    unit="count",
    description=_("Students on the waiting list for a loan device."),
    records=_waiting,
)
def students_waiting(*, school, start, end):
    return _waiting(school=school, start=start, end=end).count()


def _devices(*, school, end):
    devices = Device.objects.in_use().filter(
        Q(purchased_on__isnull=True) | Q(purchased_on__lte=end)
    )
    return _for_school(devices, school)


def _past_lifetime(*, school, start, end):
    return _devices(school=school, end=end).filter(past_lifetime_q(end))


@METRICS.define(
    "infrastructure.devices_past_lifetime",
    label=_("Share of devices past their lifetime"),
    unit="percent",
    description=_("Devices in use that are older than their model's expected lifetime."),
    records=_past_lifetime,
)
def devices_past_lifetime(*, school, start, end):
    counts = _devices(school=school, end=end).aggregate(
        total=Count("pk"), old=Count("pk", filter=past_lifetime_q(end))
    )
    return _share(counts["old"], counts["total"])


def _audited(*, school, start, end):
    return _devices(school=school, end=end).filter(last_audited_on__gt=end - timedelta(days=365))


@METRICS.define(
    "infrastructure.devices_audited",
    label=_("Share of devices audited in the last 12 months"),
    unit="percent",
    description=_("Devices in use found in an inventory round during the last 12 months."),
    records=_audited,
)
def devices_audited(*, school, start, end):
    since = end - timedelta(days=365)
    counts = _devices(school=school, end=end).aggregate(
        total=Count("pk"), audited=Count("pk", filter=Q(last_audited_on__gt=since))
    )
    return _share(counts["audited"], counts["total"])


def _latest_counts(*, school, end, kind=None):
    """The latest access count per system and school up to ``end``."""
    latest = (
        AccessCount.objects.filter(
            system=OuterRef("system"), school=OuterRef("school"), counted_on__lte=end
        )
        .order_by()
        .values("system", "school")
        .annotate(d=Max("counted_on"))
        .values("d")
    )
    counts = AccessCount.objects.filter(counted_on=Subquery(latest), system__is_active=True)
    if kind is not None:
        counts = counts.filter(system__kind=kind)
    return _for_school(counts, school)


def _access_share(*, school, end, kind=None):
    totals = _latest_counts(school=school, end=end, kind=kind).aggregate(
        with_access=Sum("with_access"), should=Sum("should_have_access")
    )
    return _share(totals["with_access"] or 0, totals["should"])


@METRICS.define(
    "infrastructure.system_access",
    label=_("Share of people with the access they need (all systems)"),
    unit="percent",
    description=_("People with access, of those who should have it, in the latest counts."),
    records=lambda *, school, start, end: _latest_counts(school=school, end=end),
)
def system_access(*, school, start, end):
    return _access_share(school=school, end=end)


def _register_per_kind(kind, label):
    @METRICS.define(
        f"infrastructure.system_access.{kind}",
        label=format_lazy("{}: {}", _("Share of people with access"), label),
        unit="percent",
        records=lambda *, school, start, end: _latest_counts(school=school, end=end, kind=kind),
    )
    def compute(*, school, start, end):
        return _access_share(school=school, end=end, kind=kind)

    return compute


for _kind, _label in System.Kind.choices:
    _register_per_kind(_kind, _label)
