"""Repairs: report one (the device leaves its holder), close it (back in stock or retired)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView

from vuxportal.access import PortalAccessMixin
from vuxportal.views.generic import (
    ObjectActionFormView,
    ObjectListView,
    PageMixin,
    ServiceFormMixin,
)

from .. import services
from ..filters import RepairFilterSet
from ..forms import RepairCloseForm, RepairForm
from ..models import Repair
from ..tables import RepairTable


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


class RepairCreateView(ServiceFormMixin, PageMixin, PortalAccessMixin, FormView):
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

    def perform(self, form):
        data = form.cleaned_data
        repair = services.repair_open(
            device=data["device"],
            problem=data["problem"],
            vendor=data["vendor"],
            under_warranty=data["under_warranty"],
            reported_by=self.request.user,
        )
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
