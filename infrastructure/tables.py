import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from .models import Device, DeviceAudit, DeviceModel, Loan, Repair, Student, System

ATTRS = {"class": "table table-striped align-middle"}


class DeviceTable(tables.Table):
    asset_tag = tables.Column(linkify=True, verbose_name=_("Asset tag"))
    model = tables.Column(verbose_name=_("Model"), order_by=("model__manufacturer", "model__name"))
    school = tables.Column(verbose_name=_("School"), order_by=("school__name",))
    location = tables.Column(verbose_name=_("Room or location"))
    status = tables.Column(verbose_name=_("Status"))
    assigned_to = tables.Column(verbose_name=_("Assigned to"), order_by=("assigned_to__last_name",))
    purchased_on = tables.DateColumn(verbose_name=_("Purchase date"), short=True)
    warranty_ends_on = tables.DateColumn(verbose_name=_("Warranty ends"), short=True)

    class Meta:
        model = Device
        fields = [
            "asset_tag",
            "model",
            "school",
            "location",
            "status",
            "assigned_to",
            "purchased_on",
            "warranty_ends_on",
        ]
        attrs = ATTRS


class DeviceModelTable(tables.Table):
    name = tables.Column(
        accessor="__str__", verbose_name=_("Model"), linkify=True, order_by=("manufacturer", "name")
    )
    kind = tables.Column(verbose_name=_("Kind"))
    expected_lifetime_years = tables.Column(verbose_name=_("Lifetime (years)"))
    device_count = tables.Column(verbose_name=_("Devices"))

    class Meta:
        model = DeviceModel
        fields = ["name", "kind", "expected_lifetime_years", "device_count"]
        attrs = ATTRS


class StudentTable(tables.Table):
    name = tables.Column(linkify=True, verbose_name=_("Name"))
    reference = tables.Column(verbose_name=_("Student reference"))
    school = tables.Column(verbose_name=_("School"), order_by=("school__name",))
    waiting_since = tables.DateColumn(verbose_name=_("Waiting since"), short=True)
    open_loans = tables.Column(verbose_name=_("Devices on loan"))

    class Meta:
        model = Student
        fields = ["name", "reference", "school", "waiting_since", "open_loans"]
        attrs = ATTRS


class LoanTable(tables.Table):
    device = tables.Column(
        accessor="device__asset_tag",
        verbose_name=_("Device"),
        linkify=lambda record: record.get_absolute_url(),
    )
    student = tables.Column(verbose_name=_("Student"), order_by=("student__name",))
    school = tables.Column(verbose_name=_("School"), order_by=("school__name",))
    lent_on = tables.DateColumn(verbose_name=_("Lent on"), short=True)
    due_on = tables.TemplateColumn(
        template_name="infrastructure/partials/due_cell.html", verbose_name=_("Due on")
    )
    returned_on = tables.DateColumn(verbose_name=_("Returned on"), short=True)

    class Meta:
        model = Loan
        fields = ["device", "student", "school", "lent_on", "due_on", "returned_on"]
        attrs = ATTRS
        row_attrs = {"class": lambda record: "table-danger" if record.is_overdue else ""}


class AuditTable(tables.Table):
    name = tables.Column(
        accessor="__str__",
        verbose_name=_("Inventory round"),
        linkify=True,
        order_by=("-started_on",),
    )
    performed_by = tables.Column(verbose_name=_("Performed by"))
    completed_on = tables.DateColumn(verbose_name=_("Completed on"), short=True)
    missing_count = tables.Column(verbose_name=_("Missing"))
    unexpected_count = tables.Column(verbose_name=_("Unexpected"))

    class Meta:
        model = DeviceAudit
        fields = ["name", "performed_by", "completed_on", "missing_count", "unexpected_count"]
        attrs = ATTRS


class RepairTable(tables.Table):
    device = tables.Column(
        accessor="device__asset_tag",
        verbose_name=_("Device"),
        linkify=lambda record: record.device.get_absolute_url(),
    )
    school = tables.Column(accessor="device__school", verbose_name=_("School"), orderable=False)
    opened_on = tables.DateColumn(verbose_name=_("Reported on"), short=True)
    problem = tables.Column(verbose_name=_("Fault"))
    vendor = tables.Column(verbose_name=_("Repaired by"))
    cost = tables.Column(verbose_name=_("Cost"))
    closed_on = tables.DateColumn(verbose_name=_("Closed on"), short=True)
    actions = tables.TemplateColumn(
        template_name="infrastructure/partials/repair_actions.html",
        verbose_name=_("Actions"),
        orderable=False,
    )

    class Meta:
        model = Repair
        fields = ["device", "school", "opened_on", "problem", "vendor", "cost", "closed_on"]
        attrs = ATTRS


class SystemTable(tables.Table):
    name = tables.Column(linkify=True, verbose_name=_("Name"))
    kind = tables.Column(verbose_name=_("Kind"))
    owner = tables.Column(verbose_name=_("System owner"), order_by=("owner__last_name",))
    support_contact = tables.Column(verbose_name=_("Support contact"))
    is_active = tables.BooleanColumn(verbose_name=_("In use"), yesno=(_("Yes"), _("No")))

    class Meta:
        model = System
        fields = ["name", "kind", "owner", "support_contact", "is_active"]
        attrs = ATTRS


class AccessLogTable(tables.Table):
    viewed_at = tables.DateTimeColumn(verbose_name=_("Viewed at"), short=True)
    user = tables.Column(verbose_name=_("Viewed by"), order_by=("user__last_name",))
    student = tables.Column(verbose_name=_("Student"), linkify=True, order_by=("student__name",))
    what = tables.Column(verbose_name=_("What"))
    path = tables.Column(verbose_name=_("Page"))

    class Meta:
        fields = ["viewed_at", "user", "student", "what", "path"]
        attrs = ATTRS
