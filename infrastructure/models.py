"""Part 4 of the plan: devices, student loans, audits, repairs, systems and access counts."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from organisation.models import School
from vuxportal.models import TimeStampedModel, TrackedModel
from vuxportal.roles import Role
from vuxportal.scoping import OrganisationWideQuerySet, ParentScopedQuerySet, ScopedQuerySet

# Who works with the inventory and the loans; school leaders may read the inventory.
IT_ROLES = (Role.IT_STAFF, Role.ADMINISTRATOR)
INVENTORY_READERS = (Role.IT_STAFF, Role.ADMINISTRATOR, Role.SCHOOL_LEADER)


class DeviceModelQuerySet(OrganisationWideQuerySet):
    view_roles = IT_ROLES
    edit_roles = IT_ROLES


class DeviceModel(TimeStampedModel):
    """A make and model of device (e.g. a Chromebook model) with its expected lifetime."""

    class Kind(models.TextChoices):
        LAPTOP = "laptop", _("Laptop")
        CHROMEBOOK = "chromebook", _("Chromebook")
        TABLET = "tablet", _("Tablet")
        DESKTOP = "desktop", _("Desktop computer")
        DISPLAY = "display", _("Interactive display")
        PROJECTOR = "projector", _("Projector")
        DOCUMENT_CAMERA = "document_camera", _("Document camera")
        HEADSET = "headset", _("Headset")
        NETWORK = "network", _("Network equipment")
        OTHER = "other", _("Other")

    manufacturer = models.CharField(_("manufacturer"), max_length=100)
    name = models.CharField(_("model"), max_length=150)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    expected_lifetime_years = models.PositiveSmallIntegerField(_("expected lifetime (years)"))
    replacement_price = models.DecimalField(
        _("replacement price"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Used for the replacement cost; the purchase price is used when empty."),
    )

    objects = DeviceModelQuerySet.as_manager()

    class Meta:
        ordering = ["manufacturer", "name"]
        verbose_name = _("device model")
        verbose_name_plural = _("device models")
        constraints = [
            models.UniqueConstraint(
                fields=["manufacturer", "name"], name="%(app_label)s_%(class)s_unique_name"
            ),
            models.CheckConstraint(
                condition=Q(expected_lifetime_years__gte=1),
                name="%(app_label)s_%(class)s_lifetime_positive",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.manufacturer} {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("infrastructure:devicemodel_update", args=[self.pk])


class DeviceQuerySet(ScopedQuerySet):
    view_roles = INVENTORY_READERS
    edit_roles = IT_ROLES

    def in_use(self):
        """Devices the school still has: not retired and not lost."""
        return self.exclude(status__in=(Device.Status.RETIRED, Device.Status.LOST))

    def past_lifetime(self, on: date | None = None):
        on = on or timezone.localdate()
        return self.filter(past_lifetime_q(on))

    def past_warranty(self, on: date | None = None):
        on = on or timezone.localdate()
        return self.filter(warranty_ends_on__lt=on)


def past_lifetime_q(on: date) -> Q:
    """Purchased more than the model's lifetime before ``on`` (in whole years)."""
    return Q(purchased_on__isnull=False) & Q(
        purchased_on__year__lte=on.year - F("model__expected_lifetime_years")
    )


class Device(TrackedModel):
    """One physical device with its unique asset tag, where it is and who has it."""

    class Status(models.TextChoices):
        IN_STOCK = "in_stock", _("In stock")
        ASSIGNED = "assigned", _("Assigned")
        ON_LOAN = "on_loan", _("On loan")
        IN_REPAIR = "in_repair", _("In repair")
        RETIRED = "retired", _("Retired")
        LOST = "lost", _("Lost")

    asset_tag = models.CharField(_("asset tag"), max_length=50, unique=True)
    serial_number = models.CharField(_("serial number"), max_length=100, unique=True)
    model = models.ForeignKey(
        DeviceModel, verbose_name=_("model"), on_delete=models.PROTECT, related_name="devices"
    )
    school = models.ForeignKey(
        School, verbose_name=_("school"), on_delete=models.PROTECT, related_name="devices"
    )
    location = models.CharField(_("room or location"), max_length=100, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.IN_STOCK
    )
    purchased_on = models.DateField(_("purchase date"), null=True, blank=True)
    price = models.DecimalField(
        _("purchase price"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    warranty_ends_on = models.DateField(_("warranty ends"), null=True, blank=True)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned to"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="devices",
    )
    last_audited_on = models.DateField(_("last audited"), null=True, blank=True, editable=False)
    notes = models.TextField(_("notes"), blank=True)

    objects = DeviceQuerySet.as_manager()

    class Meta:
        ordering = ["asset_tag"]
        verbose_name = _("device")
        verbose_name_plural = _("devices")
        constraints = [
            models.CheckConstraint(
                condition=Q(assigned_to__isnull=True) | Q(status="assigned"),
                name="%(app_label)s_%(class)s_assigned_has_status",
            ),
        ]
        indexes = [
            models.Index(fields=["school", "status"], name="infra_device_school_status"),
            models.Index(fields=["school", "location"], name="infra_device_school_location"),
        ]

    def __str__(self) -> str:
        return f"{self.asset_tag} ({self.model})"

    def get_absolute_url(self) -> str:
        return reverse("infrastructure:device_detail", args=[self.pk])

    @property
    def can_be_lent(self) -> bool:
        return self.status == self.Status.IN_STOCK

    @property
    def age_years(self) -> int | None:
        if not self.purchased_on:
            return None
        return (timezone.localdate() - self.purchased_on).days // 365


class AssignmentQuerySet(ScopedQuerySet):
    school_path = "device__school"
    view_roles = INVENTORY_READERS
    edit_roles = IT_ROLES


class Assignment(TimeStampedModel):
    """A period when a device was assigned to a member of staff."""

    device = models.ForeignKey(
        Device, verbose_name=_("device"), on_delete=models.CASCADE, related_name="assignments"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="device_assignments",
    )
    assigned_on = models.DateField(_("assigned on"), default=timezone.localdate)
    returned_on = models.DateField(_("returned on"), null=True, blank=True)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    returned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("taken back by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        ordering = ["-assigned_on", "-pk"]
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        constraints = [
            models.UniqueConstraint(
                fields=["device"],
                condition=Q(returned_on__isnull=True),
                name="%(app_label)s_%(class)s_one_open_per_device",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.device.asset_tag} → {self.user}"


# --- Students and loans -----------------------------------------------------------------------


class StudentQuerySet(ScopedQuerySet):
    view_roles = IT_ROLES
    edit_roles = IT_ROLES

    def waiting(self):
        return self.filter(waiting_since__isnull=False)


class Student(TrackedModel):
    """An adult student who borrows a device. Only what the loan needs; no personal
    identity number. Pseudonymised once the retention period after the last loan ends."""

    school = models.ForeignKey(
        School, verbose_name=_("school"), on_delete=models.PROTECT, related_name="students"
    )
    reference = models.CharField(
        _("student reference"),
        max_length=50,
        help_text=_("The school's own reference for the student (not a personal identity number)."),
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    waiting_since = models.DateField(
        _("waiting for a device since"),
        null=True,
        blank=True,
        help_text=_("Set when the student is on the waiting list for a loan device."),
    )
    waiting_note = models.CharField(_("need"), max_length=300, blank=True)
    pseudonymised_at = models.DateTimeField(_("pseudonymised"), null=True, blank=True)

    objects = StudentQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("student")
        verbose_name_plural = _("students")
        constraints = [
            models.UniqueConstraint(
                fields=["school", "reference"], name="%(app_label)s_%(class)s_unique_reference"
            ),
        ]
        indexes = [models.Index(fields=["school", "waiting_since"], name="infra_student_waiting")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("infrastructure:student_detail", args=[self.pk])

    @property
    def is_pseudonymised(self) -> bool:
        return self.pseudonymised_at is not None


class LoanQuerySet(ScopedQuerySet):
    view_roles = IT_ROLES
    edit_roles = IT_ROLES

    def open(self):
        return self.filter(returned_on__isnull=True)

    def overdue(self, on: date | None = None):
        return self.open().filter(due_on__lt=on or timezone.localdate())


class Loan(TrackedModel):
    """A device lent to a student, from the agreement to the return."""

    class Condition(models.TextChoices):
        GOOD = "good", _("Good")
        WORN = "worn", _("Worn")
        DAMAGED = "damaged", _("Damaged")
        INCOMPLETE = "incomplete", _("Parts missing")

    device = models.ForeignKey(
        Device, verbose_name=_("device"), on_delete=models.PROTECT, related_name="loans"
    )
    student = models.ForeignKey(
        Student, verbose_name=_("student"), on_delete=models.PROTECT, related_name="loans"
    )
    # The lending school (the device's school when lent), so scoping needs no join.
    school = models.ForeignKey(
        School, verbose_name=_("school"), on_delete=models.PROTECT, related_name="loans"
    )
    lent_on = models.DateField(_("lent on"), default=timezone.localdate)
    due_on = models.DateField(_("due on"))
    returned_on = models.DateField(_("returned on"), null=True, blank=True)
    lent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("lent by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("received back by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    return_condition = models.CharField(
        _("condition on return"), max_length=20, choices=Condition.choices, blank=True
    )
    agreement_accepted_on = models.DateField(_("agreement accepted on"))
    notes = models.TextField(_("notes"), blank=True)
    # The borrower's reminders are sent once per stage. Each stage's timestamp counts only
    # for the due date in ``reminded_for_due_on``: a due date changed by any route (admin,
    # a later extension) re-arms both stages without that route having to know about them.
    reminded_due_at = models.DateTimeField(
        _("reminded before the due date"), null=True, blank=True, editable=False
    )
    reminded_overdue_at = models.DateTimeField(
        _("reminded of the overdue loan"), null=True, blank=True, editable=False
    )
    reminded_for_due_on = models.DateField(null=True, blank=True, editable=False)

    objects = LoanQuerySet.as_manager()

    class Meta:
        ordering = ["-lent_on", "-pk"]
        verbose_name = _("loan")
        verbose_name_plural = _("loans")
        constraints = [
            # Two open loans of one device are impossible, whatever the code path.
            models.UniqueConstraint(
                fields=["device"],
                condition=Q(returned_on__isnull=True),
                name="%(app_label)s_%(class)s_one_open_per_device",
            ),
            models.CheckConstraint(
                condition=Q(due_on__gte=F("lent_on")),
                name="%(app_label)s_%(class)s_due_after_lent",
            ),
            models.CheckConstraint(
                condition=Q(returned_on__isnull=True) | Q(returned_on__gte=F("lent_on")),
                name="%(app_label)s_%(class)s_returned_after_lent",
            ),
        ]
        indexes = [
            models.Index(fields=["school", "returned_on", "due_on"], name="infra_loan_open"),
        ]

    def __str__(self) -> str:
        return f"{self.device.asset_tag} – {self.student}"

    def get_absolute_url(self) -> str:
        return reverse("infrastructure:loan_detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.returned_on is None

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.due_on < timezone.localdate()


class StudentDataAccessQuerySet(ScopedQuerySet):
    school_path = "student__school"
    view_roles = (Role.ADMINISTRATOR,)
    edit_roles = ()


class StudentDataAccess(models.Model):
    """One view of a student's personal data: who, when, which student and what."""

    # Written by reading pages: it must not change the data's version, or every page
    # view of a student would drop every cached fragment (vuxportal/dataversion.py).
    changes_data_version = False

    class What(models.TextChoices):
        LIST = "list", _("Student list")
        DETAIL = "detail", _("Student page")
        LOAN = "loan", _("Loan page")
        AGREEMENT = "agreement", _("Loan agreement")
        EDIT = "edit", _("Edit form")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("viewed by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    student = models.ForeignKey(
        Student, verbose_name=_("student"), on_delete=models.CASCADE, related_name="access_log"
    )
    viewed_at = models.DateTimeField(_("viewed at"), default=timezone.now, db_index=True)
    what = models.CharField(_("what"), max_length=20, choices=What.choices)
    path = models.CharField(_("page"), max_length=300, blank=True)

    objects = StudentDataAccessQuerySet.as_manager()

    class Meta:
        ordering = ["-viewed_at"]
        verbose_name = _("view of student data")
        verbose_name_plural = _("views of student data")

    def __str__(self) -> str:
        return f"{self.user} – {self.student_id} ({self.what})"


# --- Audits and repairs -----------------------------------------------------------------------


class DeviceAuditQuerySet(ScopedQuerySet):
    view_roles = IT_ROLES
    edit_roles = IT_ROLES


class DeviceAudit(TimeStampedModel):
    """An inventory round at a school (or one room): which devices were found, which are
    missing and which turned up where they should not be."""

    school = models.ForeignKey(
        School, verbose_name=_("school"), on_delete=models.PROTECT, related_name="device_audits"
    )
    location = models.CharField(
        _("room or location"),
        max_length=100,
        blank=True,
        help_text=_("Leave empty to audit the whole school."),
    )
    started_on = models.DateField(_("started on"), default=timezone.localdate)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    performed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("performed by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    notes = models.TextField(_("notes"), blank=True)

    objects = DeviceAuditQuerySet.as_manager()

    class Meta:
        ordering = ["-started_on", "-pk"]
        verbose_name = _("inventory round")
        verbose_name_plural = _("inventory rounds")

    def __str__(self) -> str:
        where = f"{self.school} {self.location}".strip()
        return f"{where} {self.started_on:%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        return reverse("infrastructure:audit_detail", args=[self.pk])

    @property
    def is_completed(self) -> bool:
        return self.completed_on is not None


class DeviceAuditItemQuerySet(ParentScopedQuerySet):
    parent_path = "audit"


class DeviceAuditItem(models.Model):
    """One asset tag in an inventory round and what it turned out to be."""

    class Result(models.TextChoices):
        FOUND = "found", _("Found")
        UNEXPECTED = "unexpected", _("Unexpected here")
        UNKNOWN = "unknown", _("Unknown asset tag")
        MISSING = "missing", _("Missing")

    audit = models.ForeignKey(
        DeviceAudit,
        verbose_name=_("inventory round"),
        on_delete=models.CASCADE,
        related_name="items",
    )
    device = models.ForeignKey(
        Device,
        verbose_name=_("device"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="audit_items",
    )
    asset_tag = models.CharField(_("asset tag"), max_length=50)
    result = models.CharField(_("result"), max_length=20, choices=Result.choices)
    scanned_at = models.DateTimeField(_("scanned at"), default=timezone.now)

    objects = DeviceAuditItemQuerySet.as_manager()

    class Meta:
        ordering = ["result", "asset_tag"]
        verbose_name = _("inventory item")
        verbose_name_plural = _("inventory items")
        constraints = [
            models.UniqueConstraint(
                fields=["audit", "asset_tag"], name="%(app_label)s_%(class)s_unique_tag"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.asset_tag}: {self.get_result_display()}"


class RepairQuerySet(ScopedQuerySet):
    school_path = "device__school"
    view_roles = IT_ROLES
    edit_roles = IT_ROLES

    def open(self):
        return self.filter(closed_on__isnull=True)


class Repair(TrackedModel):
    """A repair of one device: the fault, who repairs it, the cost and the outcome."""

    device = models.ForeignKey(
        Device, verbose_name=_("device"), on_delete=models.PROTECT, related_name="repairs"
    )
    opened_on = models.DateField(_("reported on"), default=timezone.localdate)
    problem = models.TextField(_("fault"))
    vendor = models.CharField(_("repaired by"), max_length=150, blank=True)
    under_warranty = models.BooleanField(_("under warranty"), default=False)
    cost = models.DecimalField(_("cost"), max_digits=10, decimal_places=2, null=True, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=300, blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )

    objects = RepairQuerySet.as_manager()

    class Meta:
        ordering = ["-opened_on", "-pk"]
        verbose_name = _("repair")
        verbose_name_plural = _("repairs")
        constraints = [
            models.UniqueConstraint(
                fields=["device"],
                condition=Q(closed_on__isnull=True),
                name="%(app_label)s_%(class)s_one_open_per_device",
            ),
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | Q(closed_on__gte=F("opened_on")),
                name="%(app_label)s_%(class)s_closed_after_opened",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.device.asset_tag}: {self.problem[:40]}"

    def get_absolute_url(self) -> str:
        return self.device.get_absolute_url()


# --- Systems and access ---------------------------------------------------------------------


class SystemQuerySet(OrganisationWideQuerySet):
    """Systems serve the whole organisation: IT, leaders and administrators read them."""

    view_roles = INVENTORY_READERS
    edit_roles = IT_ROLES


class System(TrackedModel):
    """An IT service the schools depend on, such as Skolplattformen or the LMS."""

    class Kind(models.TextChoices):
        PLATFORM = "platform", _("School platform")
        STUDENT_ADMIN = "student_admin", _("Student administration")
        OFFICE = "office", _("Office suite (Microsoft 365 / Google Workspace)")
        LMS = "lms", _("Learning management system")
        ACCOUNTS = "accounts", _("Accounts and sign-in")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=150, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    purpose = models.TextField(_("purpose"), blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("system owner"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_systems",
    )
    support_contact = models.CharField(_("support contact"), max_length=200, blank=True)
    url = models.URLField(_("address"), blank=True)
    is_active = models.BooleanField(_("in use"), default=True)

    objects = SystemQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("system")
        verbose_name_plural = _("systems")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("infrastructure:system_detail", args=[self.pk])


class AccessCountQuerySet(ScopedQuerySet):
    view_roles = INVENTORY_READERS
    edit_roles = IT_ROLES


class AccessCount(TimeStampedModel):
    """How many people at a school had access to a system on a date, of those who should."""

    system = models.ForeignKey(
        System, verbose_name=_("system"), on_delete=models.CASCADE, related_name="access_counts"
    )
    school = models.ForeignKey(
        School, verbose_name=_("school"), on_delete=models.PROTECT, related_name="access_counts"
    )
    counted_on = models.DateField(_("counted on"), default=timezone.localdate)
    with_access = models.PositiveIntegerField(_("people with access"))
    should_have_access = models.PositiveIntegerField(_("people who should have access"))

    objects = AccessCountQuerySet.as_manager()

    class Meta:
        ordering = ["-counted_on", "school__name"]
        verbose_name = _("access count")
        verbose_name_plural = _("access counts")
        constraints = [
            models.UniqueConstraint(
                fields=["system", "school", "counted_on"],
                name="%(app_label)s_%(class)s_unique_count",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.system} {self.school} {self.counted_on}"

    @property
    def share(self):
        if not self.should_have_access:
            return None
        return round(100 * self.with_access / self.should_have_access, 1)
