import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from vuxportal.tables import ATTRS, DateColumn, DateTimeColumn, Table, date_text

from .models import Device, DeviceAudit, DeviceModel, Loan, Repair, Student, System


class DeviceTable(Table):
    asset_tag = tables.Column(linkify=True, verbose_name=_("Asset tag"))
    model = tables.Column(verbose_name=_("Model"), order_by=("model__manufacturer", "model__name"))
    school = tables.Column(verbose_name=_("School"), order_by=("school__name",))
    location = tables.Column(verbose_name=_("Room or location"))
    status = tables.Column(verbose_name=_("Status"))
    assigned_to = tables.Column(verbose_name=_("Assigned to"), order_by=("assigned_to__last_name",))
    purchased_on = DateColumn(verbose_name=_("Purchase date"), short=True)
    warranty_ends_on = DateColumn(verbose_name=_("Warranty ends"), short=True)

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


class DeviceModelTable(Table):
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


class StudentTable(Table):
    name = tables.Column(linkify=True, verbose_name=_("Name"))
    reference = tables.Column(verbose_name=_("Student reference"))
    school = tables.Column(verbose_name=_("School"), order_by=("school__name",))
    waiting_since = DateColumn(verbose_name=_("Waiting since"), short=True)
    open_loans = tables.Column(verbose_name=_("Devices on loan"))

    class Meta:
        model = Student
        fields = ["name", "reference", "school", "waiting_since", "open_loans"]
        attrs = ATTRS


class LoanTable(Table):
    device = tables.Column(
        accessor="device__asset_tag",
        verbose_name=_("Device"),
        linkify=lambda record: record.get_absolute_url(),
    )
    student = tables.Column(verbose_name=_("Student"), order_by=("student__name",))
    school = tables.Column(verbose_name=_("School"), order_by=("school__name",))
    lent_on = DateColumn(verbose_name=_("Lent on"), short=True)
    due_on = tables.Column(verbose_name=_("Due on"), empty_values=())
    returned_on = DateColumn(verbose_name=_("Returned on"), short=True)

    class Meta:
        model = Loan
        fields = ["device", "student", "school", "lent_on", "due_on", "returned_on"]
        attrs = ATTRS
        row_attrs = {"class": lambda record: "table-danger" if record.is_overdue else ""}

    def render_due_on(self, record):
        due = date_text(record.due_on, "SHORT_DATE_FORMAT")
        if record.is_overdue:
            overdue = gettext("Overdue")
            return format_html(
                '{} <span class="status-badge status-not_met">{}</span>', due, overdue
            )
        return due


class AuditTable(Table):
    name = tables.Column(
        accessor="__str__",
        verbose_name=_("Inventory round"),
        linkify=True,
        order_by=("-started_on",),
    )
    performed_by = tables.Column(verbose_name=_("Performed by"))
    completed_on = DateColumn(verbose_name=_("Completed on"), short=True)
    missing_count = tables.Column(verbose_name=_("Missing"))
    unexpected_count = tables.Column(verbose_name=_("Unexpected"))

    class Meta:
        model = DeviceAudit
        fields = ["name", "performed_by", "completed_on", "missing_count", "unexpected_count"]
        attrs = ATTRS


class RepairTable(Table):
    device = tables.Column(
        accessor="device__asset_tag",
        verbose_name=_("Device"),
        linkify=lambda record: record.device.get_absolute_url(),
    )
    school = tables.Column(accessor="device__school", verbose_name=_("School"), orderable=False)
    opened_on = DateColumn(verbose_name=_("Reported on"), short=True)
    problem = tables.Column(verbose_name=_("Fault"))
    vendor = tables.Column(verbose_name=_("Repaired by"))
    cost = tables.Column(verbose_name=_("Cost"))
    closed_on = DateColumn(verbose_name=_("Closed on"), short=True)
    actions = tables.Column(verbose_name=_("Actions"), orderable=False, empty_values=())

    class Meta:
        model = Repair
        fields = ["device", "school", "opened_on", "problem", "vendor", "cost", "closed_on"]
        attrs = ATTRS

    def render_actions(self, record):
        if record.closed_on:
            return ""
        return format_html(
            '<a class="btn btn-sm btn-outline-primary" href="{}">{}'
            '<span class="visually-hidden"> {}</span></a>',
            reverse("infrastructure:repair_close", args=[record.pk]),
            gettext("Close"),
            record.device.asset_tag,
        )


class SystemTable(Table):
    name = tables.Column(linkify=True, verbose_name=_("Name"))
    kind = tables.Column(verbose_name=_("Kind"))
    owner = tables.Column(verbose_name=_("System owner"), order_by=("owner__last_name",))
    support_contact = tables.Column(verbose_name=_("Support contact"))
    is_active = tables.BooleanColumn(verbose_name=_("In use"), yesno=(_("Yes"), _("No")))

    class Meta:
        model = System
        fields = ["name", "kind", "owner", "support_contact", "is_active"]
        attrs = ATTRS


class AccessLogTable(Table):
    viewed_at = DateTimeColumn(verbose_name=_("Viewed at"), short=True)
    user = tables.Column(verbose_name=_("Viewed by"), order_by=("user__last_name",))
    student = tables.Column(verbose_name=_("Student"), linkify=True, order_by=("student__name",))
    what = tables.Column(verbose_name=_("What"))
    path = tables.Column(verbose_name=_("Page"))

    class Meta:
        fields = ["viewed_at", "user", "student", "what", "path"]
        attrs = ATTRS
