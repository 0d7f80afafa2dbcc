"""Systems and accounts (Skolplattformen, BER, Microsoft 365 …) and their access counts."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from vuxportal import charts
from vuxportal.scoping import is_editable_by
from vuxportal.views.generic import (
    ObjectCreateView,
    ObjectDetailView,
    ObjectListView,
    ObjectPostActionView,
    ObjectUpdateView,
)

from .. import services
from ..filters import SystemFilterSet
from ..forms import AccessCountForm, SystemForm
from ..models import System
from ..selectors import access_counts
from ..tables import SystemTable


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
        counts, latest = access_counts(self.object, user=user)
        context["latest_counts"] = latest
        context["counts"] = counts
        context["can_manage"] = is_editable_by(self.object, user)
        if context["can_manage"]:
            context["count_form"] = AccessCountForm(user=user)
        context["chart"] = charts.school_chart(
            title=gettext("Share of people with access"),
            schools=[c.school.name for c in latest],
            series=[charts.Series(gettext("Share"), [c.share for c in latest])],
            unit="%",
            range=(0, 100),
        )
        return context


class AccessCountCreateView(ObjectPostActionView):
    """The access count form on the system's page; its errors come back as messages."""

    permission_required = "infrastructure.manage_systems"
    model = System

    def post(self, request, *args, **kwargs):
        self.form = AccessCountForm(request.POST, user=request.user)
        if self.form.is_valid():
            return super().post(request, *args, **kwargs)
        system = self.get_object()
        # One message per field, as the page shows no form to put them on.
        for errors in self.form.errors.values():
            messages.error(request, " ".join(errors))
        return HttpResponseRedirect(system.get_absolute_url())

    def perform(self, system):
        data = self.form.cleaned_data
        services.access_count_save(
            system=system,
            school=data["school"],
            counted_on=data["counted_on"],
            with_access=data["with_access"],
            should_have_access=data["should_have_access"],
        )
        return gettext("The access count was saved.")
