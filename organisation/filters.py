"""FilterSets shared by the list pages and the API."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from vuxportal.filters import FilterSet
from vuxportal.roles import Role

from .models import (
    HelpArticle,
    Membership,
    PlanPart,
    Project,
    Routine,
    ScanningNote,
    School,
    SupportRequest,
    User,
    WorkingGroup,
)


class SchoolFilterSet(FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    is_active = django_filters.BooleanFilter(label=_("Active"))

    class Meta:
        model = School
        fields = ["q", "is_active"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(code__icontains=value))


class PersonFilterSet(FilterSet):
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


class WorkingGroupFilterSet(FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    area = django_filters.ChoiceFilter(label=_("Area"), choices=WorkingGroup.Area.choices)
    is_active = django_filters.BooleanFilter(label=_("Active"))

    class Meta:
        model = WorkingGroup
        fields = ["q", "area", "is_active"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(purpose__icontains=value))


class RoutineFilterSet(FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    area = django_filters.ChoiceFilter(label=_("Area"), choices=Routine.Area.choices)
    school = django_filters.ModelChoiceFilter(
        label=_("School"), queryset=School.objects.all(), method="filter_school"
    )
    due = django_filters.BooleanFilter(label=_("Due for review"), method="filter_due")

    class Meta:
        model = Routine
        fields = ["q", "area", "school", "due"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(title__icontains=value) | Q(description__icontains=value))

    def filter_school(self, queryset, name, value):
        # Organisation-wide routines apply to every school.
        return queryset.filter(Q(school=value) | Q(school__isnull=True))

    def filter_due(self, queryset, name, value):
        due = Routine.objects.due().values("pk")
        return queryset.filter(pk__in=due) if value else queryset.exclude(pk__in=due)


class SupportRequestFilterSet(FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=SupportRequest.Status.choices)
    category = django_filters.ChoiceFilter(
        label=_("Category"), choices=SupportRequest.Category.choices
    )
    school = django_filters.ModelChoiceFilter(label=_("School"), queryset=School.objects.all())
    involvement = django_filters.ChoiceFilter(
        label=_("Show"),
        choices=[("mine", _("My own requests")), ("handling", _("Requests I handle"))],
        method="filter_involvement",
        empty_label=_("All I can see"),
    )

    class Meta:
        model = SupportRequest
        fields = ["q", "status", "category", "school", "involvement"]

    def filter_involvement(self, queryset, name, value):
        user = getattr(self.request, "user", None)
        if user is None:
            return queryset.none()
        if value == "mine":
            return queryset.filter(requester_id=user.pk)
        return queryset.filter(pk__in=SupportRequest.objects.editable_by(user).values("pk"))

    def search(self, queryset, name, value):
        return queryset.filter(Q(subject__icontains=value) | Q(description__icontains=value))


class HelpArticleFilterSet(FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    category = django_filters.ChoiceFilter(
        label=_("Category"), choices=SupportRequest.Category.choices
    )

    class Meta:
        model = HelpArticle
        fields = ["q", "category"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(title__icontains=value) | Q(body__icontains=value))


class ScanningNoteFilterSet(FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    plan_part = django_filters.ChoiceFilter(label=_("Part of the plan"), choices=PlanPart.choices)
    tag = django_filters.CharFilter(label=_("Tag"), method="filter_tag")

    class Meta:
        model = ScanningNote
        fields = ["q", "plan_part", "tag"]

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(title__icontains=value)
            | Q(summary__icontains=value)
            | Q(source__icontains=value)
            | Q(tags__icontains=value)
        )

    def filter_tag(self, queryset, name, value):
        # Tags are stored as "a, b, c"; match a whole tag, not part of one.
        tag = value.strip().lower()
        return queryset.filter(
            Q(tags=tag)
            | Q(tags__startswith=f"{tag},")
            | Q(tags__endswith=f", {tag}")
            | Q(tags__contains=f", {tag},")
        )


class ProjectFilterSet(FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")

    class Meta:
        model = Project
        fields = ["q"]

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(name__icontains=value) | Q(funder__icontains=value) | Q(number__icontains=value)
        )
