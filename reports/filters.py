"""The FilterSet of the report list."""

import django_filters
from django.utils.translation import gettext_lazy as _

from goals.models import ReportingPeriod
from vuxportal.filters import FilterSet

from .models import Report, ReportKind


class ReportFilterSet(FilterSet):
    kind = django_filters.ChoiceFilter(label=_("Kind of report"), choices=ReportKind.choices)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Report.Status.choices)
    period = django_filters.ModelChoiceFilter(
        label=_("Period"), queryset=ReportingPeriod.objects.order_by("-sort_key")
    )

    class Meta:
        model = Report
        fields = ["kind", "status", "period"]
