"""FilterSets shared by the list pages and the API."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from vuxportal.roles import Role

from .models import Membership, School, User


class SchoolFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    is_active = django_filters.BooleanFilter(label=_("Active"))

    class Meta:
        model = School
        fields = ["q", "is_active"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(code__icontains=value))


class PersonFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    # Filters through current memberships; the schema shows the school's id.
    school = extend_schema_field(OpenApiTypes.INT)(
        django_filters.ModelChoiceFilter(
            label=_("School"), queryset=School.objects.all(), method="filter_school"
        )
    )
    role = django_filters.ChoiceFilter(label=_("Role"), choices=Role.choices, method="filter_role")
    is_active = django_filters.BooleanFilter(label=_("Active"))

    class Meta:
        model = User
        fields = ["q", "school", "role", "is_active"]

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(first_name__icontains=value)
            | Q(last_name__icontains=value)
            | Q(email__icontains=value)
        )

    def filter_school(self, queryset, name, value):
        return queryset.filter(
            pk__in=Membership.objects.current().filter(school=value).values("user_id")
        )

    def filter_role(self, queryset, name, value):
        return queryset.filter(
            pk__in=Membership.objects.current().filter(role=value).values("user_id")
        )
