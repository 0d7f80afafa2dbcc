"""Lifecycle and replacement need, and device coverage per school, with their charts."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from organisation.models import School
from vuxportal import charts
from vuxportal.access import PortalAccessMixin
from vuxportal.views.generic import PageMixin

from ..models import Device
from ..selectors import Coverage, coverage, lifecycle_counts, replacement_plan


class LifecycleView(PageMixin, PortalAccessMixin, TemplateView):
    permission_required = "infrastructure.view_lifecycle"
    template_name = "infrastructure/lifecycle.html"
    title = _("Lifecycle and replacement")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        devices = Device.objects.visible_to(self.request.user)
        plan = replacement_plan(devices, on=today)
        context.update(counts=lifecycle_counts(devices, on=today), plan=plan)
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
        context["coverage"] = data
        context["charts"] = coverage_charts(data)
        return context


def coverage_charts(data: Coverage) -> list:
    """The coverage page's charts, one per measure; the per-school ones sorted, with the
    highest and lowest schools drawn when there are many (``charts.school_chart``)."""
    names = [row.name for row in data.rows]
    rows = data.rows
    return [
        charts.school_chart(
            title=gettext("Devices per teacher and per student place"),
            schools=names,
            series=[
                charts.Series(gettext("Per teacher"), [r.devices_per_teacher for r in rows]),
                charts.Series(
                    gettext("Per student place"), [r.devices_per_student_place for r in rows]
                ),
            ],
        ),
        charts.school_chart(
            title=gettext("Share of staff with an assigned device"),
            schools=names,
            series=[charts.Series(gettext("Share"), [r.staff_with_device_share for r in rows])],
            unit="%",
            range=(0, 100),
        ),
        charts.school_chart(
            title=gettext("Loans out and waiting list"),
            schools=names,
            series=[
                charts.Series(gettext("Loans out"), [r.loans_out for r in rows]),
                charts.Series(gettext("Waiting"), [r.waiting for r in rows]),
            ],
        ),
        charts.bar_chart(
            title=gettext("Age of devices in use (years)"),
            labels=[label for label, _count in data.ages],
            series=[charts.Series(gettext("Devices"), [count for _l, count in data.ages])],
        ),
        charts.school_chart(
            title=gettext("Replacement cost of devices past their lifetime (SEK)"),
            schools=names,
            series=[charts.Series(gettext("Cost"), [r.replacement_cost for r in rows])],
            unit="kr",
        ),
    ]
