"""Pages of the infrastructure part: inventory, loans, audits, repairs, systems, coverage."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.http import HttpResponse, HttpResponseRedirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView, View
from django.views.generic.detail import SingleObjectMixin
from import_export.formats.base_formats import CSV, XLSX

from organisation.models import School
from vuxportal import charts
from vuxportal.access import PortalAccessMixin, ScopedViewMixin
from vuxportal.imports import ImportView
from vuxportal.query import count_related
from vuxportal.scoping import is_editable_by
from vuxportal.views.generic import (
    ObjectActionFormView,
    ObjectCreateView,
    ObjectDetailView,
    ObjectListView,
    ObjectPostActionView,
    ObjectUpdateView,
    PageMixin,
    add_service_error,
)

from . import services
from .filters import (
    AuditFilterSet,
    DeviceFilterSet,
    DeviceModelFilterSet,
    LoanFilterSet,
    RepairFilterSet,
    StudentDataAccessFilterSet,
    StudentFilterSet,
    SystemFilterSet,
)
from .forms import (
    AccessCountForm,
    AssignForm,
    AuditForm,
    AuditScanForm,
    DeviceForm,
    DeviceModelForm,
    LoanForm,
    LoanReturnForm,
    RepairCloseForm,
    RepairForm,
    StudentForm,
    SystemForm,
    WaitingListForm,
)
from .models import (
    AccessCount,
    Device,
    DeviceAudit,
    DeviceAuditItem,
    DeviceModel,
    Loan,
    Repair,
    Student,
    StudentDataAccess,
    System,
    past_lifetime_q,
)
from .pdf import render_pdf
from .resources import DeviceResource, devices_dataset
from .selectors import coverage, replacement_plan
from .tables import (
    AccessLogTable,
    AuditTable,
    DeviceModelTable,
    DeviceTable,
    LoanTable,
    RepairTable,
    StudentTable,
    SystemTable,
)

What = StudentDataAccess.What


class StudentDataLogMixin:
    """Logs every student whose data the page shows (DESIGN.md privacy rules), through
    the one mechanism, ``services.student_data_viewed``."""

    student_data_what = What.LIST

    def log_students(self, students, what=None):
        services.student_data_viewed(
            user=self.request.user,
            students=students,
            what=what or self.student_data_what,
            path=self.request.path[:300],
        )


# --- Device models ----------------------------------------------------------------------------


class DeviceModelListView(ObjectListView):
    permission_required = "infrastructure.manage_device_models"
    queryset = DeviceModel.objects.annotate(
        device_count=count_related(Device.objects.all(), "model")
    )
    table_class = DeviceModelTable
    filterset_class = DeviceModelFilterSet
    title = _("Device models")
    header_actions = [
        (
            _("New device model"),
            "infrastructure:devicemodel_create",
            "infrastructure.manage_device_models",
            "primary",
        )
    ]


class DeviceModelCreateView(ObjectCreateView):
    permission_required = "infrastructure.manage_device_models"
    model = DeviceModel
    form_class = DeviceModelForm
    title = _("New device model")
    cancel_url_name = "infrastructure:devicemodel_list"

    def get_success_url(self):
        return reverse("infrastructure:devicemodel_list")


class DeviceModelUpdateView(ObjectUpdateView):
    permission_required = "infrastructure.manage_device_models"
    model = DeviceModel
    form_class = DeviceModelForm

    def get_success_url(self):
        return reverse("infrastructure:devicemodel_list")


# --- Devices ------------------------------------------------------------------------------------


class DeviceListView(ObjectListView):
    permission_required = "infrastructure.view_devices"
    queryset = Device.objects.select_related("model", "school", "assigned_to")
    filterset_class = DeviceFilterSet
    table_class = DeviceTable
    template_name = "infrastructure/device_list.html"
    title = _("Devices")
    header_actions = [
        (
            _("New device"),
            "infrastructure:device_create",
            "infrastructure.manage_devices",
            "primary",
        ),
        (
            _("Import devices"),
            "infrastructure:device_import",
            "infrastructure.import_devices",
            "outline-primary",
        ),
        (
            _("Device models"),
            "infrastructure:devicemodel_list",
            "infrastructure.manage_device_models",
            "outline-secondary",
        ),
    ]


class DeviceExportView(PortalAccessMixin, View):
    """The filtered device list as CSV or Excel (same FilterSet as the page)."""

    permission_required = "infrastructure.view_devices"

    def get(self, request):
        queryset = Device.objects.visible_to(request.user)
        filterset = DeviceFilterSet(request.GET, queryset=queryset, request=request)
        rows = filterset.qs if filterset.is_valid() else queryset.none()
        dataset = devices_dataset(rows)
        stamp = timezone.localdate().isoformat()
        if request.GET.get("format") == "xlsx":
            content = XLSX().export_data(dataset)
            content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            filename = f"enheter-{stamp}.xlsx"
        else:
            # A BOM makes Excel read the UTF-8 file with å, ä and ö intact.
            content = "\ufeff" + CSV().export_data(dataset)
            content_type = "text/csv; charset=utf-8"
            filename = f"enheter-{stamp}.csv"
        response = HttpResponse(content, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


class DeviceCreateView(ObjectCreateView):
    permission_required = "infrastructure.manage_devices"
    model = Device
    form_class = DeviceForm
    title = _("New device")
    cancel_url_name = "infrastructure:device_list"


class DeviceUpdateView(ObjectUpdateView):
    permission_required = "infrastructure.manage_devices"
    model = Device
    form_class = DeviceForm


class DeviceDetailView(StudentDataLogMixin, ObjectDetailView):
    permission_required = "infrastructure.view_devices"
    model = Device
    queryset = Device.objects.select_related("model", "school", "assigned_to")
    template_name = "infrastructure/device_detail.html"
    detail_fields = [
        "asset_tag",
        "serial_number",
        "model",
        "school",
        "location",
        "status",
        "assigned_to",
        "purchased_on",
        "price",
        "warranty_ends_on",
        "last_audited_on",
        "notes",
    ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        device = self.object
        user = self.request.user
        can_manage = is_editable_by(device, user)
        context["can_manage"] = can_manage
        context["assignments"] = device.assignments.select_related("user", "assigned_by")
        if user.has_perm("infrastructure.view_students"):
            # Through the loans' own scoping: a device that moved keeps its old school's
            # loans, and their students are not the new school's to see.
            loans = list(
                Loan.objects.visible_to(user)
                .filter(device=device)
                .select_related("student", "lent_by", "received_by")
            )
            self.log_students([loan.student for loan in loans], What.LOAN)
            context["loans"] = loans
            context["can_lend"] = can_manage and device.can_be_lent
        # Repairs and inventory rounds are IT work: shown through their own scoping, so a
        # leader who may see the device does not see them.
        context["repairs"] = Repair.objects.visible_to(user).filter(device=device)
        context["audit_items"] = device.audit_items.filter(
            audit__in=DeviceAudit.objects.visible_to(user)
        ).select_related("audit", "audit__school")
        context["changes"] = _history(device)
        if can_manage and device.status == Device.Status.IN_STOCK:
            context["assign_form"] = AssignForm(device=device, user=self.request.user)
        return context


def _history(device):
    """Field changes from django-simple-history, newest first, as (record, changes).

    Foreign keys and choices are shown by name; the names are read in one query per
    related model, whatever the number of changes.
    """
    records = list(device.history.select_related("history_user").order_by("-history_date")[:50])
    raw = []
    wanted: dict[type, set] = {}
    for newer, older in zip(records, [*records[1:], None], strict=True):
        if older is None:
            raw.append((newer, []))
            continue
        delta = newer.diff_against(older, excluded_fields=["updated", "created"])
        raw.append((newer, delta.changes))
        for change in delta.changes:
            field = Device._meta.get_field(change.field)
            if field.is_relation:
                wanted.setdefault(field.related_model, set()).update({change.old, change.new})
    names = {
        model: {obj.pk: str(obj) for obj in model._default_manager.filter(pk__in=pks - {None})}
        for model, pks in wanted.items()
    }

    def show(field, value):
        if value is None or value == "":
            return None
        if field.is_relation:
            return names[field.related_model].get(value, value)
        if field.choices:
            return dict(field.flatchoices).get(value, value)
        return value

    changes = []
    for record, delta in raw:
        rows = []
        for change in delta:
            field = Device._meta.get_field(change.field)
            rows.append((field.verbose_name, show(field, change.old), show(field, change.new)))
        changes.append((record, rows))
    return changes


class DeviceAssignView(ObjectPostActionView):
    permission_required = "infrastructure.manage_devices"
    model = Device

    def perform(self, device):
        form = AssignForm(self.request.POST, device=device, user=self.request.user)
        if not form.is_valid():
            raise ValidationError(gettext("Choose a member of staff at the device's school."))
        user = form.cleaned_data["user"]
        services.device_assign(device=device, user=user, by=self.request.user)
        return gettext("%(tag)s is now assigned to %(name)s.") % {
            "tag": device.asset_tag,
            "name": user,
        }


class DeviceTakeBackView(ObjectPostActionView):
    permission_required = "infrastructure.manage_devices"
    model = Device

    def perform(self, device):
        services.device_take_back(device=device, by=self.request.user)
        return gettext("%(tag)s was taken back and is in stock.") % {"tag": device.asset_tag}


class DeviceRetireView(ObjectPostActionView):
    permission_required = "infrastructure.manage_devices"
    model = Device

    def perform(self, device):
        lost = self.request.POST.get("lost") == "1"
        services.device_retire(device=device, lost=lost)
        if lost:
            return gettext("%(tag)s is recorded as lost.") % {"tag": device.asset_tag}
        return gettext("%(tag)s is retired.") % {"tag": device.asset_tag}


class DeviceImportView(ImportView):
    permission_required = "infrastructure.import_devices"
    resource_class = DeviceResource
    title = _("Import devices")
    success_url_name = "infrastructure:device_list"
    # The preview lists every row with an error but only the first valid rows.
    preview_valid_rows = 50
    columns_help = _(
        "One row per device. Columns: asset_tag, serial_number, manufacturer, model (as in "
        "the device models), school (the school's code), location, status (in stock, "
        "assigned, in repair, retired, lost; empty = in stock), purchased_on and "
        "warranty_ends_on (YYYY-MM-DD), price, assigned_to (the person's email), notes. "
        "Swedish headers (inventarienummer, serienummer, tillverkare, modell, skola, rum, "
        "inköpsdatum, pris, garanti, tilldelad, anteckningar) work too. Asset tags and "
        "serial numbers must be new."
    )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        preview = context.get("preview")
        if preview:
            shown, valid = [], 0
            for row in preview:
                if row.errors:
                    shown.append(row)
                elif valid < self.preview_valid_rows:
                    shown.append(row)
                    valid += 1
            context["preview"] = shown[:1000]
        return context


# --- Students and the waiting list -----------------------------------------------------------


class StudentListView(StudentDataLogMixin, ObjectListView):
    permission_required = "infrastructure.view_students"
    queryset = Student.objects.select_related("school").annotate(
        open_loans=count_related(Loan.objects.open(), "student")
    )
    filterset_class = StudentFilterSet
    table_class = StudentTable
    title = _("Students")
    header_actions = [
        (
            _("New student"),
            "infrastructure:student_create",
            "infrastructure.manage_loans",
            "primary",
        ),
        (_("Waiting list"), "infrastructure:waiting_list", None, "outline-primary"),
    ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        table = context["table"]
        self.log_students([row.record for row in table.page.object_list] if table.page else [])
        return context


class WaitingListView(StudentListView):
    queryset = StudentListView.queryset.filter(waiting_since__isnull=False).order_by(
        "waiting_since"
    )
    title = _("Waiting list for loan devices")
    header_actions = [
        (_("Students"), "infrastructure:student_list", None, "outline-primary"),
    ]


class StudentCreateView(ObjectCreateView):
    permission_required = "infrastructure.manage_loans"
    model = Student
    form_class = StudentForm
    title = _("New student")
    cancel_url_name = "infrastructure:student_list"


class StudentUpdateView(StudentDataLogMixin, ObjectUpdateView):
    permission_required = "infrastructure.manage_loans"
    model = Student
    form_class = StudentForm

    def get_object(self, queryset=None):
        student = super().get_object(queryset)
        if self.request.method == "GET":
            self.log_students([student], What.EDIT)
        return student


class StudentDetailView(StudentDataLogMixin, ObjectDetailView):
    permission_required = "infrastructure.view_students"
    model = Student
    queryset = Student.objects.select_related("school")
    template_name = "infrastructure/student_detail.html"
    detail_fields = [
        "name",
        "reference",
        "school",
        "email",
        "phone",
        "waiting_since",
        "waiting_note",
    ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        self.log_students([self.object], What.DETAIL)
        context["loans"] = (
            Loan.objects.visible_to(self.request.user)
            .filter(student=self.object)
            .select_related("device", "device__model")
        )
        context["has_open_loan"] = any(loan.is_open for loan in context["loans"])
        context["waiting_form"] = WaitingListForm()
        context["can_manage"] = self.request.user.has_perm("infrastructure.manage_loans")
        if self.request.user.has_perm("infrastructure.view_student_access_log"):
            context["access_log"] = self.object.access_log.select_related("user")[:20]
        return context


class StudentWaitView(ObjectPostActionView):
    permission_required = "infrastructure.manage_loans"
    model = Student

    def perform(self, student):
        form = WaitingListForm(self.request.POST)
        need = form.cleaned_data["need"] if form.is_valid() else ""
        services.student_add_to_waiting_list(student=student, need=need)
        return gettext("%(name)s is on the waiting list.") % {"name": student}


class StudentUnwaitView(ObjectPostActionView):
    permission_required = "infrastructure.manage_loans"
    model = Student

    def perform(self, student):
        services.student_remove_from_waiting_list(student=student)
        return gettext("%(name)s was removed from the waiting list.") % {"name": student}


class StudentAccessLogView(StudentDataLogMixin, ObjectListView):
    """Administrators see who viewed which student's data (names shown are logged too)."""

    permission_required = "infrastructure.view_student_access_log"
    queryset = StudentDataAccess.objects.select_related("user", "student")
    title = _("Views of student data")
    table_class = AccessLogTable
    filterset_class = StudentDataAccessFilterSet

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        table = context["table"]
        rows = table.page.object_list if table.page else []
        self.log_students({row.record.student for row in rows})
        return context


# --- Loans -------------------------------------------------------------------------------------


class LoanListView(StudentDataLogMixin, ObjectListView):
    permission_required = "infrastructure.view_students"
    queryset = Loan.objects.select_related("device", "student", "school")
    filterset_class = LoanFilterSet
    table_class = LoanTable
    title = _("Loans")
    header_actions = [
        (
            _("Lend a device"),
            "infrastructure:loan_create",
            "infrastructure.manage_loans",
            "primary",
        ),
        (_("Waiting list"), "infrastructure:waiting_list", None, "outline-primary"),
    ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        table = context["table"]
        rows = table.page.object_list if table.page else []
        self.log_students([row.record.student for row in rows])
        return context


class LoanCreateView(PageMixin, PortalAccessMixin, FormView):
    permission_required = "infrastructure.manage_loans"
    form_class = LoanForm
    template_name = "infrastructure/loan_form.html"
    title = _("Lend a device")

    def get_initial(self):
        initial = super().get_initial()
        for name in ("device", "student"):
            value = self.request.GET.get(name)
            if value and value.isdigit():
                initial[name] = int(value)
        return initial

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            loan = services.loan_create(
                device=data["device"],
                student=data["student"],
                lent_by=self.request.user,
                lent_on=data["lent_on"],
                due_on=data["due_on"],
                agreement_accepted=data["agreement_accepted"],
                notes=data["notes"],
            )
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            gettext("%(tag)s is lent to %(name)s. Print the agreement for signing.")
            % {"tag": loan.device.asset_tag, "name": loan.student},
        )
        return HttpResponseRedirect(loan.get_absolute_url())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["cancel_url"] = reverse("infrastructure:loan_list")
        return context


class LoanDetailView(StudentDataLogMixin, ObjectDetailView):
    permission_required = "infrastructure.view_students"
    model = Loan
    queryset = Loan.objects.select_related(
        "device", "device__model", "student", "school", "lent_by", "received_by"
    )
    template_name = "infrastructure/loan_detail.html"
    detail_fields = [
        "device",
        "student",
        "school",
        "lent_on",
        "due_on",
        "agreement_accepted_on",
        "lent_by",
        "returned_on",
        "received_by",
        "return_condition",
        "notes",
    ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        self.log_students([self.object.student], What.LOAN)
        context["can_manage"] = self.request.user.has_perm("infrastructure.manage_loans")
        return context


class LoanReturnView(ObjectActionFormView):
    permission_required = "infrastructure.manage_loans"
    model = Loan
    form_class = LoanReturnForm
    submit_label = _("Take back")

    def get_title(self):
        return gettext("Take back %(tag)s") % {"tag": self.object.device.asset_tag}

    def perform(self, form):
        services.loan_return(
            loan=self.object,
            received_by=self.request.user,
            condition=form.cleaned_data["condition"],
            returned_on=form.cleaned_data["returned_on"],
        )
        messages.success(
            self.request,
            gettext("%(tag)s was returned.") % {"tag": self.object.device.asset_tag},
        )


class LoanAgreementView(StudentDataLogMixin, ScopedViewMixin, SingleObjectMixin, View):
    """The loan agreement in Swedish as a PDF, for the student to sign."""

    permission_required = "infrastructure.view_students"
    model = Loan
    queryset = Loan.objects.select_related("device", "device__model", "student", "school")

    def get(self, request, pk):
        loan = self.get_object()
        self.log_students([loan.student], What.AGREEMENT)
        # The agreement is a Swedish document whatever language the portal is shown in.
        with translation.override("sv"):
            html = render_to_string(
                "infrastructure/loan_agreement.html",
                {"loan": loan, "organisation": settings.ORGANISATION_NAME},
            )
        pdf = render_pdf(html)
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="laneavtal-{loan.pk}.pdf"'
        return response


# --- Audits ------------------------------------------------------------------------------------


class AuditListView(ObjectListView):
    permission_required = "infrastructure.manage_audits"
    queryset = DeviceAudit.objects.select_related("school", "performed_by").annotate(
        missing_count=count_related(
            DeviceAuditItem.objects.filter(result=DeviceAuditItem.Result.MISSING), "audit"
        ),
        unexpected_count=count_related(
            DeviceAuditItem.objects.filter(
                result__in=(DeviceAuditItem.Result.UNEXPECTED, DeviceAuditItem.Result.UNKNOWN)
            ),
            "audit",
        ),
    )
    table_class = AuditTable
    filterset_class = AuditFilterSet
    title = _("Inventory rounds")
    header_actions = [
        (
            _("Start an inventory round"),
            "infrastructure:audit_create",
            "infrastructure.manage_audits",
            "primary",
        )
    ]


class AuditCreateView(ObjectCreateView):
    permission_required = "infrastructure.manage_audits"
    model = DeviceAudit
    form_class = AuditForm
    title = _("Start an inventory round")
    cancel_url_name = "infrastructure:audit_list"

    def save_object(self, form):
        form.instance.performed_by = self.request.user
        return form.save()


class AuditDetailView(ObjectDetailView):
    permission_required = "infrastructure.manage_audits"
    model = DeviceAudit
    queryset = DeviceAudit.objects.select_related("school", "performed_by")
    template_name = "infrastructure/audit_detail.html"
    detail_fields = ["school", "location", "started_on", "completed_on", "performed_by", "notes"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        items = list(self.object.items.select_related("device", "device__school"))
        Result = DeviceAuditItem.Result
        context["found"] = [i for i in items if i.result == Result.FOUND]
        context["unexpected"] = [
            i for i in items if i.result in (Result.UNEXPECTED, Result.UNKNOWN)
        ]
        context["missing"] = [i for i in items if i.result == Result.MISSING]
        context["scan_form"] = kwargs.get("scan_form") or AuditScanForm()
        return context


class AuditScanView(ScopedViewMixin, SingleObjectMixin, View):
    permission_required = "infrastructure.manage_audits"
    scope = "edit"
    model = DeviceAudit

    def post(self, request, pk):
        audit = self.get_object()
        form = AuditScanForm(request.POST)
        if form.is_valid():
            try:
                items = services.audit_scan(audit=audit, tags=form.cleaned_data["tags"])
                messages.success(
                    request, gettext("%(count)s asset tags recorded.") % {"count": len(items)}
                )
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
        else:
            messages.error(request, gettext("Type or scan at least one asset tag."))
        return HttpResponseRedirect(audit.get_absolute_url())


class AuditCompleteView(ObjectPostActionView):
    permission_required = "infrastructure.manage_audits"
    model = DeviceAudit

    def perform(self, audit):
        services.audit_complete(audit=audit)
        missing = audit.items.filter(result=DeviceAuditItem.Result.MISSING).count()
        return gettext("The inventory round is completed: %(count)s devices missing.") % {
            "count": missing
        }


# --- Repairs -----------------------------------------------------------------------------------


class RepairListView(ObjectListView):
    permission_required = "infrastructure.manage_repairs"
    queryset = Repair.objects.select_related("device", "device__school")
    filterset_class = RepairFilterSet
    table_class = RepairTable
    title = _("Repairs")
    header_actions = [
        (
            _("Report a repair"),
            "infrastructure:repair_create",
            "infrastructure.manage_repairs",
            "primary",
        )
    ]


class RepairCreateView(PageMixin, PortalAccessMixin, FormView):
    permission_required = "infrastructure.manage_repairs"
    form_class = RepairForm
    template_name = "generic/object_form.html"
    title = _("Report a repair")

    def get_initial(self):
        initial = super().get_initial()
        value = self.request.GET.get("device")
        if value and value.isdigit():
            initial["device"] = int(value)
        return initial

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            repair = services.repair_open(
                device=data["device"],
                problem=data["problem"],
                vendor=data["vendor"],
                under_warranty=data["under_warranty"],
                reported_by=self.request.user,
            )
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, gettext("The repair was recorded."))
        return HttpResponseRedirect(repair.device.get_absolute_url())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["cancel_url"] = reverse("infrastructure:repair_list")
        return context


class RepairCloseView(ObjectActionFormView):
    permission_required = "infrastructure.manage_repairs"
    model = Repair
    queryset = Repair.objects.select_related("device")
    form_class = RepairCloseForm
    submit_label = _("Close the repair")

    def get_title(self):
        return gettext("Close the repair of %(tag)s") % {"tag": self.object.device.asset_tag}

    def perform(self, form):
        services.repair_close(
            repair=self.object,
            outcome=form.cleaned_data["outcome"],
            cost=form.cleaned_data["cost"],
            retire=form.cleaned_data["retire"],
        )
        messages.success(self.request, gettext("The repair was closed."))

    def get_success_url(self):
        return self.object.device.get_absolute_url()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["cancel_url"] = reverse("infrastructure:repair_list")
        return context


# --- Lifecycle and coverage -------------------------------------------------------------------


class LifecycleView(PageMixin, PortalAccessMixin, TemplateView):
    permission_required = "infrastructure.view_lifecycle"
    template_name = "infrastructure/lifecycle.html"
    title = _("Lifecycle and replacement")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        devices = Device.objects.visible_to(self.request.user)
        counts = devices.in_use().aggregate(
            total=Count("pk"),
            past_lifetime=Count("pk", filter=past_lifetime_q(today)),
            past_warranty=Count("pk", filter=Q(warranty_ends_on__lt=today)),
        )
        plan = replacement_plan(devices, on=today)
        context.update(counts=counts, plan=plan)
        context["cost_chart"] = charts.bar_chart(
            title=gettext("Replacement cost per year (SEK)"),
            labels=[str(y) for y in plan.years],
            series=[charts.Series(gettext("Cost"), [cost for _n, cost in plan.totals])],
            unit="kr",
        )
        return context


class CoverageView(PageMixin, PortalAccessMixin, TemplateView):
    """Devices per teacher and student place, staff with devices, loans and waiting list,
    age and lifecycle cost — per school (the user's schools) and in total."""

    permission_required = "infrastructure.view_coverage"
    template_name = "infrastructure/coverage.html"
    title = _("Device coverage")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        schools = School.objects.visible_to(self.request.user).active()
        data = coverage(schools)
        names = [row.name for row in data.rows]
        context["coverage"] = data
        context["charts"] = [
            charts.bar_chart(
                title=gettext("Devices per teacher and per student place"),
                labels=names,
                series=[
                    charts.Series(
                        gettext("Per teacher"), [r.devices_per_teacher for r in data.rows]
                    ),
                    charts.Series(
                        gettext("Per student place"),
                        [r.devices_per_student_place for r in data.rows],
                    ),
                ],
            ),
            charts.bar_chart(
                title=gettext("Share of staff with an assigned device"),
                labels=names,
                series=[
                    charts.Series(gettext("Share"), [r.staff_with_device_share for r in data.rows])
                ],
                unit="%",
                range=(0, 100),
            ),
            charts.bar_chart(
                title=gettext("Loans out and waiting list"),
                labels=names,
                series=[
                    charts.Series(gettext("Loans out"), [r.loans_out for r in data.rows]),
                    charts.Series(gettext("Waiting"), [r.waiting for r in data.rows]),
                ],
            ),
            charts.bar_chart(
                title=gettext("Age of devices in use (years)"),
                labels=[label for label, _count in data.ages],
                series=[charts.Series(gettext("Devices"), [count for _l, count in data.ages])],
            ),
            charts.bar_chart(
                title=gettext("Replacement cost of devices past their lifetime (SEK)"),
                labels=names,
                series=[charts.Series(gettext("Cost"), [r.replacement_cost for r in data.rows])],
                unit="kr",
            ),
        ]
        return context


# --- Systems ----------------------------------------------------------------------------------


class SystemListView(ObjectListView):
    permission_required = "infrastructure.view_systems"
    queryset = System.objects.select_related("owner")
    table_class = SystemTable
    filterset_class = SystemFilterSet
    title = _("Systems and accounts")
    header_actions = [
        (
            _("New system"),
            "infrastructure:system_create",
            "infrastructure.manage_systems",
            "primary",
        )
    ]


class SystemCreateView(ObjectCreateView):
    permission_required = "infrastructure.manage_systems"
    model = System
    form_class = SystemForm
    title = _("New system")
    cancel_url_name = "infrastructure:system_list"


class SystemUpdateView(ObjectUpdateView):
    permission_required = "infrastructure.manage_systems"
    model = System
    form_class = SystemForm


class SystemDetailView(ObjectDetailView):
    permission_required = "infrastructure.view_systems"
    model = System
    queryset = System.objects.select_related("owner")
    template_name = "infrastructure/system_detail.html"
    detail_fields = ["kind", "purpose", "owner", "support_contact", "url", "is_active"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        counts = list(
            AccessCount.objects.visible_to(user)
            .filter(system=self.object)
            .select_related("school")
            .order_by("school__name", "-counted_on")
        )
        latest = {}
        for count in counts:
            latest.setdefault(count.school_id, count)
        context["latest_counts"] = list(latest.values())
        context["counts"] = counts
        context["can_manage"] = is_editable_by(self.object, user)
        if context["can_manage"]:
            context["count_form"] = AccessCountForm(user=user)
        rows = context["latest_counts"]
        context["chart"] = charts.bar_chart(
            title=gettext("Share of people with access"),
            labels=[c.school.name for c in rows],
            series=[charts.Series(gettext("Share"), [c.share for c in rows])],
            unit="%",
            range=(0, 100),
        )
        return context


class AccessCountCreateView(ScopedViewMixin, SingleObjectMixin, View):
    permission_required = "infrastructure.manage_systems"
    scope = "edit"
    model = System

    def post(self, request, pk):
        system = self.get_object()
        form = AccessCountForm(request.POST, user=request.user)
        if form.is_valid():
            data = form.cleaned_data
            with transaction.atomic():
                try:
                    AccessCount.objects.update_or_create(
                        system=system,
                        school=data["school"],
                        counted_on=data["counted_on"],
                        defaults={
                            "with_access": data["with_access"],
                            "should_have_access": data["should_have_access"],
                        },
                    )
                except IntegrityError:
                    messages.error(request, gettext("The count could not be saved."))
                    return HttpResponseRedirect(system.get_absolute_url())
            messages.success(request, gettext("The access count was saved."))
            return HttpResponseRedirect(system.get_absolute_url())
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
        return HttpResponseRedirect(system.get_absolute_url())
