"""FilterSets shared by the list pages, the export and the API."""

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from organisation.models import School
from vuxportal.filters import FilterSet

from .models import (
    Device,
    DeviceAudit,
    DeviceModel,
    Loan,
    Repair,
    Student,
    StudentDataAccess,
    System,
    past_lifetime_q,
)


def _visible_schools(request):
    if request is None:
        return School.objects.none()
    return School.objects.visible_to(request.user).active()


class DeviceFilterSet(FilterSet):
    LIFECYCLE_CHOICES = [
        ("past_lifetime", _("Past its lifetime")),
        ("past_warranty", _("Warranty ended")),
    ]

    q = django_filters.CharFilter(label=_("Search"), method="search")
    school = extend_schema_field(OpenApiTypes.INT)(
        django_filters.ModelChoiceFilter(label=_("School"), queryset=_visible_schools)
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Device.Status.choices)
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), field_name="model__kind", choices=DeviceModel.Kind.choices
    )
    location = django_filters.CharFilter(label=_("Room or location"), lookup_expr="iexact")
    lifecycle = django_filters.ChoiceFilter(
        label=_("Lifecycle"), choices=LIFECYCLE_CHOICES, method="filter_lifecycle"
    )

    class Meta:
        model = Device
        fields = ["q", "school", "status", "kind", "location", "lifecycle"]

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(asset_tag__icontains=value)
            | Q(serial_number__icontains=value)
            | Q(model__name__icontains=value)
            | Q(model__manufacturer__icontains=value)
            | Q(location__icontains=value)
            | Q(assigned_to__last_name__icontains=value)
            | Q(assigned_to__email__icontains=value)
        )

    def filter_lifecycle(self, queryset, name, value):
        today = timezone.localdate()
        queryset = queryset.in_use()
        if value == "past_lifetime":
            return queryset.filter(past_lifetime_q(today))
        return queryset.filter(warranty_ends_on__lt=today)


class StudentFilterSet(FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    school = extend_schema_field(OpenApiTypes.INT)(
        django_filters.ModelChoiceFilter(label=_("School"), queryset=_visible_schools)
    )
    waiting = django_filters.BooleanFilter(
        label=_("On the waiting list"),
        field_name="waiting_since",
        lookup_expr="isnull",
        exclude=True,
    )

    class Meta:
        model = Student
        fields = ["q", "school", "waiting"]

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(name__icontains=value) | Q(reference__icontains=value) | Q(email__icontains=value)
        )


class LoanFilterSet(FilterSet):
    STATE_CHOICES = [("open", _("Open")), ("overdue", _("Overdue")), ("returned", _("Returned"))]

    q = django_filters.CharFilter(label=_("Search"), method="search")
    school = extend_schema_field(OpenApiTypes.INT)(
        django_filters.ModelChoiceFilter(label=_("School"), queryset=_visible_schools)
    )
    state = django_filters.ChoiceFilter(
        label=_("State"), choices=STATE_CHOICES, method="filter_state"
    )

    class Meta:
        model = Loan
        fields = ["q", "school", "state"]

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(device__asset_tag__icontains=value)
            | Q(student__name__icontains=value)
            | Q(student__reference__icontains=value)
        )

    def filter_state(self, queryset, name, value):
        if value == "open":
            return queryset.open()
        if value == "overdue":
            return queryset.overdue()
        return queryset.filter(returned_on__isnull=False)


class RepairFilterSet(FilterSet):
    open = django_filters.BooleanFilter(
        label=_("Open"), field_name="closed_on", lookup_expr="isnull"
    )
    school = extend_schema_field(OpenApiTypes.INT)(
        django_filters.ModelChoiceFilter(
            label=_("School"), field_name="device__school", queryset=_visible_schools
        )
    )

    class Meta:
        model = Repair
        fields = ["open", "school"]


class DeviceModelFilterSet(FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=DeviceModel.Kind.choices)

    class Meta:
        model = DeviceModel
        fields = ["q", "kind"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(manufacturer__icontains=value))


class AuditFilterSet(FilterSet):
    school = extend_schema_field(OpenApiTypes.INT)(
        django_filters.ModelChoiceFilter(label=_("School"), queryset=_visible_schools)
    )
    completed = django_filters.BooleanFilter(
        label=_("Completed"), field_name="completed_on", lookup_expr="isnull", exclude=True
    )

    class Meta:
        model = DeviceAudit
        fields = ["school", "completed"]


class SystemFilterSet(FilterSet):
    q = django_filters.CharFilter(label=_("Search"), field_name="name", lookup_expr="icontains")
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=System.Kind.choices)

    class Meta:
        model = System
        fields = ["q", "kind"]


class StudentDataAccessFilterSet(FilterSet):
    q = django_filters.CharFilter(label=_("Student or person"), method="search")
    what = django_filters.ChoiceFilter(label=_("What"), choices=StudentDataAccess.What.choices)

    class Meta:
        model = StudentDataAccess
        fields = ["q", "what"]

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(student__name__icontains=value)
            | Q(student__reference__icontains=value)
            | Q(user__email__icontains=value)
        )
