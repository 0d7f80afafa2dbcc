"""FilterSets shared by the list pages and the API."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from vuxportal.filters import FilterSet, YearFilter

from .models import Competence, Framework, PracticeExample, TrainingActivity, TrainingRecord


class ActivityFilterSet(FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    format = django_filters.ChoiceFilter(label=_("Format"), choices=TrainingActivity.Format.choices)
    series = django_filters.CharFilter(label=_("Series"), lookup_expr="iexact")
    upcoming = django_filters.BooleanFilter(label=_("Upcoming only"), method="filter_upcoming")

    class Meta:
        model = TrainingActivity
        fields = ["q", "format", "series", "upcoming"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(title__icontains=value) | Q(description__icontains=value))

    def filter_upcoming(self, queryset, name, value):
        return queryset.upcoming() if value else queryset


class TrainingRecordFilterSet(FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    year = YearFilter(label=_("Year"), field_name="date", lookup_expr="year")
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=TrainingRecord.Kind.choices)

    class Meta:
        model = TrainingRecord
        fields = ["q", "year", "kind"]

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(title__icontains=value)
            | Q(person__first_name__icontains=value)
            | Q(person__last_name__icontains=value)
        )


class PracticeExampleFilterSet(FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    subject = django_filters.CharFilter(label=_("Subject or course"), lookup_expr="icontains")
    tool = django_filters.CharFilter(label=_("Tool"), field_name="tools", lookup_expr="icontains")
    # Filters through a subquery; the schema shows the competence's id.
    competence = extend_schema_field(OpenApiTypes.INT)(
        django_filters.ModelChoiceFilter(
            label=_("Competence"),
            queryset=Competence.objects.select_related("area__framework"),
            method="filter_competence",
        )
    )

    class Meta:
        model = PracticeExample
        fields = ["q", "subject", "tool", "competence"]

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(title__icontains=value) | Q(summary__icontains=value) | Q(body__icontains=value)
        )

    def filter_competence(self, queryset, name, value):
        # A subquery rather than a join, so an example never shows twice.
        through = PracticeExample.competences.through.objects.filter(competence=value)
        return queryset.filter(pk__in=through.values("practiceexample_id"))


class FrameworkFilterSet(FilterSet):
    q = django_filters.CharFilter(label=_("Search"), field_name="name", lookup_expr="icontains")

    class Meta:
        model = Framework
        fields = ["q", "is_active"]
