"""Inventory rounds: start one, scan asset tags, complete it (the rest are missing)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from vuxportal.query import count_related
from vuxportal.views.generic import (
    ObjectCreateView,
    ObjectDetailView,
    ObjectListView,
    ObjectPostActionView,
)

from .. import services
from ..filters import AuditFilterSet
from ..forms import AuditForm, AuditScanForm
from ..models import DeviceAudit, DeviceAuditItem
from ..selectors import audit_items_by_result
from ..tables import AuditTable


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
        context.update(audit_items_by_result(self.object))
        context["scan_form"] = kwargs.get("scan_form") or AuditScanForm()
        return context


class AuditScanView(ObjectPostActionView):
    permission_required = "infrastructure.manage_audits"
    model = DeviceAudit

    def perform(self, audit):
        form = AuditScanForm(self.request.POST)
        if not form.is_valid():
            raise ValidationError(gettext("Type or scan at least one asset tag."))
        items = services.audit_scan(audit=audit, tags=form.cleaned_data["tags"])
        return gettext("%(count)s asset tags recorded.") % {"count": len(items)}


class AuditCompleteView(ObjectPostActionView):
    permission_required = "infrastructure.manage_audits"
    model = DeviceAudit

    def perform(self, audit):
        services.audit_complete(audit=audit)
        missing = audit.items.filter(result=DeviceAuditItem.Result.MISSING).count()
        return gettext("The inventory round is completed: %(count)s devices missing.") % {
            "count": missing
        }
