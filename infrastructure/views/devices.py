"""Device models and devices: the inventory, assignment to staff, import and export."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import View

from vuxportal.access import PortalAccessMixin
from vuxportal.imports import ImportView
from vuxportal.query import count_related
from vuxportal.scoping import is_editable_by
from vuxportal.views.generic import (
    ObjectCreateView,
    ObjectDetailView,
    ObjectListView,
    ObjectPostActionView,
    ObjectUpdateView,
)

from .. import services
from ..filters import DeviceFilterSet, DeviceModelFilterSet
from ..forms import AssignForm, DeviceForm, DeviceModelForm
from ..models import Device, DeviceAudit, DeviceModel, Loan, Repair
from ..resources import DeviceResource, devices_export
from ..tables import DeviceModelTable, DeviceTable
from .mixins import StudentDataLogMixin, What

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
    # The fields the table shows, not the rows' and their relations' every column.
    queryset = Device.objects.select_related("model", "school", "assigned_to").only(
        "asset_tag",
        "location",
        "status",
        "purchased_on",
        "warranty_ends_on",
        "model__manufacturer",
        "model__name",
        "school__name",
        "assigned_to__first_name",
        "assigned_to__last_name",
        "assigned_to__email",
    )
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
        content, content_type, filename = devices_export(
            rows, file_format=request.GET.get("format"), on=timezone.localdate()
        )
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
        if can_manage and device.status == Device.Status.IN_STOCK:
            context["assign_form"] = AssignForm(device=device, user=self.request.user)
        return context


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
