"""Writes with rules for devices, loans, audits, repairs and student data."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from organisation.models import Membership, School, User
from vuxportal.bulk import RowErrors
from vuxportal.roles import Role

from .models import (
    AccessCount,
    Assignment,
    Device,
    DeviceAudit,
    DeviceAuditItem,
    Loan,
    Repair,
    Student,
    StudentDataAccess,
    System,
)
from .resources import DeviceRowChecker
from .selectors import assignable_staff

# --- Devices in bulk (API) -------------------------------------------------------------------

BULK_FIELDS = [
    "serial_number",
    "model",
    "school",
    "location",
    "purchased_on",
    "price",
    "warranty_ends_on",
    "notes",
]


@transaction.atomic
def devices_bulk_upsert(*, rows: list[dict], user: User) -> list[Device]:
    """Creates or updates devices by asset tag, all in one transaction or none at all.

    Each row has ``asset_tag``, ``serial_number``, ``model`` and ``school`` (ids) and
    optionally ``location``, ``purchased_on``, ``price``, ``warranty_ends_on``, ``notes``.
    The rules are the file import's (``DeviceRowChecker``): unknown model or school,
    a school outside the user's, a serial number of another device, a tag or serial twice
    in the request. A known tag at one of the user's schools updates that device (its
    status and assignment stay: they change through assign, lend and repair); a tag of a
    device elsewhere is refused. New devices start in stock. Raises ``RowErrors``.

    A constant number of queries whatever the number of rows (the lookups are loaded
    once, the writes are bulk writes with their history rows).
    """
    checker = DeviceRowChecker(user, upsert=True, by_id=True)
    errors: dict[int, dict[str, list[str]]] = {}
    checked: list[tuple[int | None, dict, dict]] = []
    for index, row in enumerate(rows):
        row = {**row, "status": "", "assigned_to": ""}
        try:
            parsed = checker.check(row)
        except ValidationError as error:
            errors[index] = error.message_dict
            continue
        checked.append((checker.existing(row["asset_tag"]), row, parsed))
    if errors:
        raise RowErrors(errors)

    existing = Device.objects.select_for_update().in_bulk(
        [pk for pk, _row, _parsed in checked if pk is not None]
    )
    to_create, to_update, result = [], [], []
    now = timezone.now()
    for pk, row, parsed in checked:
        values = {
            "serial_number": row["serial_number"],
            "model": parsed["model"],
            "school": parsed["school"],
            "location": (row.get("location") or "").strip(),
            "purchased_on": parsed["purchased_on"],
            "price": parsed["price"],
            "warranty_ends_on": parsed["warranty_ends_on"],
            "notes": (row.get("notes") or "").strip(),
        }
        if pk is None:
            device = Device(asset_tag=row["asset_tag"], status=Device.Status.IN_STOCK, **values)
            to_create.append(device)
        else:
            device = existing[pk]
            for name, value in values.items():
                setattr(device, name, value)
            device.updated = now
            to_update.append(device)
        result.append(device)
    if to_create:
        bulk_create_with_history(to_create, Device, default_user=user)
    if to_update:
        bulk_update_with_history(to_update, Device, [*BULK_FIELDS, "updated"], default_user=user)
    return result


# --- Staff assignments ------------------------------------------------------------------------


@transaction.atomic
def device_assign(*, device: Device, user: User, by: User, on: date | None = None) -> Assignment:
    """Hands a device in stock to a member of staff of the device's school, in one step;
    ``by`` must be allowed to change the device."""
    device = Device.objects.editable_by(by).select_for_update().filter(pk=device.pk).first()
    if device is None:
        raise ValidationError(_("Unknown device."), code="unknown_device")
    if device.status != Device.Status.IN_STOCK:
        raise ValidationError(
            _("Only a device in stock can be assigned; this one is “%(status)s”.")
            % {"status": device.get_status_display()}
        )
    if not assignable_staff(school_ids=[device.school_id]).filter(user=user).exists():
        raise ValidationError(_("%(name)s does not work at the device's school.") % {"name": user})
    device.assigned_to = user
    device.status = Device.Status.ASSIGNED
    device.save(update_fields=["assigned_to", "status", "updated"])
    return Assignment.objects.create(
        device=device, user=user, assigned_by=by, assigned_on=on or timezone.localdate()
    )


@transaction.atomic
def device_take_back(*, device: Device, by: User, on: date | None = None) -> Device:
    """Takes a device back from the person it is assigned to; it goes back in stock."""
    device = Device.objects.select_for_update().get(pk=device.pk)
    if device.status != Device.Status.ASSIGNED:
        raise ValidationError(_("The device is not assigned to anyone."))
    on = on or timezone.localdate()
    Assignment.objects.filter(device=device, returned_on__isnull=True).update(
        returned_on=on, returned_to=by
    )
    device.assigned_to = None
    device.status = Device.Status.IN_STOCK
    device.save(update_fields=["assigned_to", "status", "updated"])
    return device


# --- Loans ------------------------------------------------------------------------------------


def default_due_on(lent_on: date) -> date:
    """Loans run to the end of the term by default: the next 30 June or 31 December."""
    if lent_on.month <= 6:
        return date(lent_on.year, 6, 30)
    return date(lent_on.year, 12, 31)


@transaction.atomic
def loan_create(
    *,
    device: Device,
    student: Student,
    lent_by: User,
    due_on: date,
    agreement_accepted: bool,
    lent_on: date | None = None,
    notes: str = "",
) -> Loan:
    """Lends a device to a student once the student has accepted the loan agreement."""
    lent_on = lent_on or timezone.localdate()
    device = Device.objects.select_for_update().get(pk=device.pk)
    if student.is_pseudonymised:
        raise ValidationError(_("The student's data has been pseudonymised; register them again."))
    if not agreement_accepted:
        raise ValidationError(
            {"agreement_accepted": _("The student must accept the loan agreement first.")}
        )
    if due_on < lent_on:
        raise ValidationError({"due_on": _("The due date cannot be before the loan date.")})
    if Loan.objects.filter(device=device, returned_on__isnull=True).exists():
        raise ValidationError(
            _("Device %(tag)s is already on loan. It must be returned before it is lent again.")
            % {"tag": device.asset_tag}
        )
    if not device.can_be_lent:
        raise ValidationError(
            _("Device %(tag)s cannot be lent: its status is “%(status)s”.")
            % {"tag": device.asset_tag, "status": device.get_status_display()}
        )
    try:
        with transaction.atomic():
            loan = Loan.objects.create(
                device=device,
                student=student,
                school_id=device.school_id,
                lent_on=lent_on,
                due_on=due_on,
                lent_by=lent_by,
                agreement_accepted_on=lent_on,
                notes=notes,
            )
    except IntegrityError as error:
        # A loan made at the same moment by someone else: the constraint wins.
        raise ValidationError(
            _("Device %(tag)s is already on loan. It must be returned before it is lent again.")
            % {"tag": device.asset_tag}
        ) from error
    device.status = Device.Status.ON_LOAN
    device.save(update_fields=["status", "updated"])
    if student.waiting_since is not None:
        student.waiting_since = None
        student.save(update_fields=["waiting_since", "updated"])
    return loan


@transaction.atomic
def loan_return(
    *, loan: Loan, received_by: User, condition: str, returned_on: date | None = None
) -> Loan:
    """Takes a lent device back. A damaged device goes to repair, otherwise back in stock."""
    loan = Loan.objects.select_for_update().get(pk=loan.pk)
    if loan.returned_on is not None:
        raise ValidationError(_("The loan has already been returned."))
    returned_on = returned_on or timezone.localdate()
    if returned_on < loan.lent_on:
        raise ValidationError({"returned_on": _("The return date cannot be before the loan date.")})
    if condition not in Loan.Condition.values:
        raise ValidationError({"condition": _("Choose the condition of the device.")})
    loan.returned_on = returned_on
    loan.received_by = received_by
    loan.return_condition = condition
    loan.save(update_fields=["returned_on", "received_by", "return_condition", "updated"])
    device = loan.device
    device.status = Device.Status.IN_STOCK
    device.save(update_fields=["status", "updated"])
    if condition == Loan.Condition.DAMAGED:
        repair_open(
            device=device,
            problem=_("Damaged on return from loan."),
            reported_by=received_by,
            opened_on=returned_on,
        )
    return loan


@transaction.atomic
def student_add_to_waiting_list(*, student: Student, need: str = "", on: date | None = None):
    if student.loans.filter(returned_on__isnull=True).exists():
        raise ValidationError(_("The student already has a device on loan."))
    student.waiting_since = student.waiting_since or on or timezone.localdate()
    student.waiting_note = need
    student.save(update_fields=["waiting_since", "waiting_note", "updated"])
    return student


@transaction.atomic
def student_remove_from_waiting_list(*, student: Student) -> Student:
    student.waiting_since = None
    student.waiting_note = ""
    student.save(update_fields=["waiting_since", "waiting_note", "updated"])
    return student


def overdue_loans_path() -> str:
    """The loan list filtered to overdue loans: ``LoanFilterSet``'s ``state`` parameter
    with its ``overdue`` choice (a test follows the link through the list page)."""
    return reverse("infrastructure:loan_list") + "?" + urlencode({"state": "overdue"})


def overdue_reminder_send(*, school: School, on: date | None = None) -> int:
    """Emails the school's IT staff the list of overdue loans; returns the emails sent."""
    on = on or timezone.localdate()
    loans = list(
        Loan.objects.overdue(on)
        .filter(school=school)
        .select_related("device", "student")
        .order_by("due_on")
    )
    if not loans:
        return 0
    recipients = User.objects.filter(
        is_active=True,
        pk__in=Membership.objects.current()
        .filter(school=school, role=Role.IT_STAFF)
        .values("user_id"),
    )
    path = overdue_loans_path()
    sent = 0
    for user in recipients:
        with translation.override(user.language or settings.LANGUAGE_CODE):
            context = {
                "user": user,
                "school": school,
                "loans": loans,
                "url": settings.SITE_URL + path,
            }
            send_mail(
                subject=_("Overdue loan devices at %(school)s") % {"school": school},
                message=render_to_string("infrastructure/email/overdue_loans.txt", context),
                from_email=None,
                recipient_list=[user.email],
            )
        # The email names the students: the same log as the loans page.
        student_data_viewed(
            user=user,
            students=[loan.student for loan in loans],
            what=StudentDataAccess.What.LIST,
            path=path,
        )
        sent += 1
    return sent


def schools_with_overdue_loans(on: date | None = None) -> list[int]:
    return list(Loan.objects.overdue(on).values_list("school_id", flat=True).distinct())


# --- Student data: pseudonymisation and access log -------------------------------------------


def students_due_for_pseudonymisation(on: date | None = None):
    """Students with no open loan whose last return is older than the retention period."""
    on = on or timezone.localdate()
    cutoff = on - timedelta(days=settings.STUDENT_DATA_RETENTION_DAYS)
    return (
        Student.objects.filter(pseudonymised_at__isnull=True, waiting_since__isnull=True)
        .exclude(loans__returned_on__isnull=True)
        .annotate(last_return=Max("loans__returned_on"))
        .filter(last_return__lt=cutoff)
    )


@transaction.atomic
def student_pseudonymise(*, student: Student) -> Student:
    """Replaces the student's personal data; loans (and so the statistics) stay."""
    token = uuid.uuid4().hex[:10]
    student.name = _("Pseudonymised student %(token)s") % {"token": token}
    student.reference = f"pseudo-{token}"
    student.email = ""
    student.phone = ""
    student.waiting_note = ""
    student.pseudonymised_at = timezone.now()
    student.save()
    # The history of the row would otherwise keep the old name and contact details.
    student.history.exclude(history_id=student.history.latest().history_id).delete()
    Loan.objects.filter(student=student).update(notes="")
    Loan.history.filter(student_id=student.pk).update(notes="")
    return student


def students_pseudonymise_due(on: date | None = None) -> int:
    count = 0
    for student_id in students_due_for_pseudonymisation(on).values_list("pk", flat=True):
        student_pseudonymise(student=Student.objects.get(pk=student_id))
        count += 1
    return count


def student_data_viewed(*, user: User, students, what: str, path: str = "") -> None:
    """Logs that ``user`` was shown the personal data of ``students`` (one query).

    The one mechanism for every place that shows a student's name or contact details:
    pages call it through ``views.mixins.StudentDataLogMixin``, the indicators' drill-down
    through the logger this app registers in ``metrics.py``, emails from here.
    Pseudonymised students carry no personal data and are not logged.
    """
    now = timezone.now()
    path = path[:300]
    StudentDataAccess.objects.bulk_create(
        [
            StudentDataAccess(user=user, student_id=s.pk, viewed_at=now, what=what, path=path)
            for s in students
            if not getattr(s, "is_pseudonymised", False)
        ]
    )


# --- Audits -----------------------------------------------------------------------------------


def _expected_devices(audit: DeviceAudit):
    devices = Device.objects.filter(
        school_id=audit.school_id, status__in=(Device.Status.IN_STOCK, Device.Status.ASSIGNED)
    )
    if audit.location:
        devices = devices.filter(location__iexact=audit.location)
    return devices


@transaction.atomic
def audit_scan(*, audit: DeviceAudit, tags: list[str]) -> list[DeviceAuditItem]:
    """Records scanned or typed asset tags in an open inventory round."""
    if audit.is_completed:
        raise ValidationError(_("The inventory round is completed."))
    tags = [t.strip() for t in tags if t.strip()]
    if not tags:
        raise ValidationError({"tags": _("Type or scan at least one asset tag.")})
    already = set(audit.items.values_list("asset_tag", flat=True))
    expected = set(_expected_devices(audit).values_list("pk", flat=True))
    devices = {d.asset_tag.lower(): d for d in Device.objects.filter(asset_tag__in=tags)}
    # Case differences: look the rest up case-insensitively in one query.
    missing_case = [t for t in tags if t.lower() not in devices]
    if missing_case:
        q = Q()
        for t in missing_case:
            q |= Q(asset_tag__iexact=t)
        devices.update({d.asset_tag.lower(): d for d in Device.objects.filter(q)})
    items = []
    seen = {a.lower() for a in already}
    for tag in tags:
        device = devices.get(tag.lower())
        key = (device.asset_tag if device else tag).lower()
        if key in seen:
            continue
        seen.add(key)
        if device is None:
            result = DeviceAuditItem.Result.UNKNOWN
        elif device.pk in expected:
            result = DeviceAuditItem.Result.FOUND
        else:
            result = DeviceAuditItem.Result.UNEXPECTED
        items.append(
            DeviceAuditItem(
                audit=audit,
                device=device,
                asset_tag=device.asset_tag if device else tag,
                result=result,
            )
        )
    return DeviceAuditItem.objects.bulk_create(items)


@transaction.atomic
def audit_complete(*, audit: DeviceAudit, on: date | None = None) -> DeviceAudit:
    """Closes the round: expected devices not scanned are recorded as missing."""
    if audit.is_completed:
        raise ValidationError(_("The inventory round is already completed."))
    on = on or timezone.localdate()
    scanned = audit.items.exclude(device=None).values("device_id")
    missing = _expected_devices(audit).exclude(pk__in=scanned).only("pk", "asset_tag")
    DeviceAuditItem.objects.bulk_create(
        [
            DeviceAuditItem(
                audit=audit, device=d, asset_tag=d.asset_tag, result=DeviceAuditItem.Result.MISSING
            )
            for d in missing
        ]
    )
    seen = audit.items.filter(
        result__in=(DeviceAuditItem.Result.FOUND, DeviceAuditItem.Result.UNEXPECTED)
    ).values("device_id")
    Device.objects.filter(pk__in=seen).update(last_audited_on=on)
    audit.completed_on = on
    audit.save(update_fields=["completed_on", "updated"])
    return audit


# --- Repairs ----------------------------------------------------------------------------------


@transaction.atomic
def repair_open(
    *,
    device: Device,
    problem: str,
    reported_by: User,
    vendor: str = "",
    under_warranty: bool = False,
    opened_on: date | None = None,
) -> Repair:
    device = Device.objects.select_for_update().get(pk=device.pk)
    if device.status in (Device.Status.ON_LOAN, Device.Status.RETIRED, Device.Status.LOST):
        raise ValidationError(
            _("A device that is “%(status)s” cannot be sent for repair.")
            % {"status": device.get_status_display()}
        )
    if device.repairs.filter(closed_on__isnull=True).exists():
        raise ValidationError(_("The device already has an open repair."))
    repair = Repair.objects.create(
        device=device,
        problem=problem,
        reported_by=reported_by,
        vendor=vendor,
        under_warranty=under_warranty,
        opened_on=opened_on or timezone.localdate(),
    )
    if device.status == Device.Status.ASSIGNED:
        # The assignment ends while the device is away; it is assigned again afterwards.
        Assignment.objects.filter(device=device, returned_on__isnull=True).update(
            returned_on=repair.opened_on, returned_to=reported_by
        )
        device.assigned_to = None
    device.status = Device.Status.IN_REPAIR
    device.save(update_fields=["status", "assigned_to", "updated"])
    return repair


@transaction.atomic
def repair_close(
    *,
    repair: Repair,
    outcome: str,
    cost=None,
    retire: bool = False,
    closed_on: date | None = None,
) -> Repair:
    if repair.closed_on is not None:
        raise ValidationError(_("The repair is already closed."))
    closed_on = closed_on or timezone.localdate()
    if closed_on < repair.opened_on:
        raise ValidationError({"closed_on": _("The closing date cannot be before the report.")})
    repair.closed_on = closed_on
    repair.outcome = outcome
    repair.cost = cost
    repair.save()
    device = repair.device
    device.status = Device.Status.RETIRED if retire else Device.Status.IN_STOCK
    device.save(update_fields=["status", "updated"])
    return repair


@transaction.atomic
def device_retire(*, device: Device, lost: bool = False) -> Device:
    if device.status in (Device.Status.ON_LOAN, Device.Status.ASSIGNED):
        raise ValidationError(_("Take the device back before it is retired."))
    device.status = Device.Status.LOST if lost else Device.Status.RETIRED
    device.save(update_fields=["status", "updated"])
    return device


# --- Systems ----------------------------------------------------------------------------------


def access_count_save(
    *,
    system: System,
    school: School,
    counted_on: date,
    with_access: int,
    should_have_access: int,
) -> AccessCount:
    """Records how many people at ``school`` have access to ``system`` on ``counted_on``;
    a second count on the same day replaces the first."""
    try:
        # A savepoint of its own: a refused write leaves the caller's transaction usable.
        with transaction.atomic():
            count, _created = AccessCount.objects.update_or_create(
                system=system,
                school=school,
                counted_on=counted_on,
                defaults={"with_access": with_access, "should_have_access": should_have_access},
            )
    except IntegrityError as error:
        raise ValidationError(_("The count could not be saved.")) from error
    return count
