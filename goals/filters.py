"""FilterSets shared by the list pages and the API."""

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from organisation.models import School
from vuxportal.filters import FilterSet, IdFilter, SmallNumberFilter, YearFilter

from .models import (
    Action,
    AssessmentStatus,
    Goal,
    GoalAssessment,
    Indicator,
    Measurement,
    ReportingPeriod,
)


class InUseFilterSet(FilterSet):
    """Lists leave withdrawn goals, indicators and actions out unless asked for them."""

    include_withdrawn = django_filters.BooleanFilter(
        label=_("Show withdrawn"), method="filter_include_withdrawn"
    )

    def __init__(self, data=None, queryset=None, **kwargs):
        super().__init__(data, queryset, **kwargs)
        # Narrowed here, not in a filter method: an unfiltered page (no query string)
        # runs no filter at all, and must leave them out too.
        if not self.includes_withdrawn():
            self.queryset = self.queryset.in_use()

    def includes_withdrawn(self) -> bool:
        if not self.is_bound:
            return False
        # A value that is not a boolean is the form's error (a 400 in the API); until it
        # is put right, the list stays as it is by default.
        self.form.is_valid()
        return bool(self.form.cleaned_data.get("include_withdrawn"))

    def filter_include_withdrawn(self, queryset, name, value):
        return queryset  # the queryset was narrowed in __init__ unless they were asked for


class ActionFilterSet(InUseFilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Action.Status.choices)
    goal = extend_schema_field(OpenApiTypes.INT)(
        django_filters.ModelChoiceFilter(
            label=_("Goal"),
            queryset=Goal.objects.in_use().filter(plan__status="active"),
            field_name="goals",
        )
    )
    school = extend_schema_field(OpenApiTypes.INT)(
        django_filters.ModelChoiceFilter(
            label=_("School"), queryset=School.objects.active(), method="filter_school"
        )
    )
    overdue = django_filters.BooleanFilter(label=_("Overdue"), method="filter_overdue")

    class Meta:
        model = Action
        fields = ["q", "status", "goal", "school", "overdue", "include_withdrawn"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(title__icontains=value) | Q(description__icontains=value))

    def filter_school(self, queryset, name, value):
        return queryset.filter(Q(schools=value) | Q(schools__isnull=True)).distinct()

    def filter_overdue(self, queryset, name, value):
        overdue = Action.objects.overdue(on=timezone.localdate()).values("pk")
        return queryset.filter(pk__in=overdue) if value else queryset.exclude(pk__in=overdue)


class PeriodFilterSet(FilterSet):
    year = YearFilter(label=_("Year"))
    status = django_filters.ChoiceFilter(label=_("Status"), choices=ReportingPeriod.Status.choices)

    class Meta:
        model = ReportingPeriod
        fields = ["year", "status"]


class GoalFilterSet(InUseFilterSet):
    plan = IdFilter(label=_("Plan"), field_name="plan_id")
    part = SmallNumberFilter(label=_("Part of the plan"))

    class Meta:
        model = Goal
        fields = ["plan", "part", "include_withdrawn"]


class IndicatorFilterSet(InUseFilterSet):
    goal = IdFilter(label=_("Goal"), field_name="goal_id")
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=Indicator.Kind.choices)

    class Meta:
        model = Indicator
        fields = ["goal", "kind", "include_withdrawn"]


class MeasurementFilterSet(FilterSet):
    period = IdFilter(label=_("Period"), field_name="period_id")
    school = IdFilter(label=_("School"), field_name="school_id")
    indicator = IdFilter(label=_("Indicator"), field_name="indicator_id")

    class Meta:
        model = Measurement
        fields = ["period", "school", "indicator"]


class AssessmentFilterSet(FilterSet):
    period = IdFilter(label=_("Period"), field_name="period_id")
    school = IdFilter(label=_("School"), field_name="school_id")
    goal = IdFilter(label=_("Goal"), field_name="goal_id")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=AssessmentStatus.choices)

    class Meta:
        model = GoalAssessment
        fields = ["period", "school", "goal", "status"]
