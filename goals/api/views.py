"""Read-only API for goals, using the same FilterSets and scoping as the pages."""

from rest_framework import viewsets

from vuxportal.api import ScopedViewSetMixin

from ..filters import (
    ActionFilterSet,
    AssessmentFilterSet,
    GoalFilterSet,
    IndicatorFilterSet,
    MeasurementFilterSet,
    PeriodFilterSet,
)
from ..models import Action, Goal, GoalAssessment, Indicator, Measurement, ReportingPeriod
from . import serializers

READ = "goals.view_dashboard"


class GoalViewSet(viewsets.ReadOnlyModelViewSet):
    # Goals, indicators and periods are the plan's, the same for every school.
    queryset = Goal.objects.all()
    serializer_class = serializers.GoalSerializer
    filterset_class = GoalFilterSet
    ordering_fields = ["number"]
    permission_required = READ


class IndicatorViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Indicator.objects.prefetch_related("targets")
    serializer_class = serializers.IndicatorSerializer
    filterset_class = IndicatorFilterSet
    ordering_fields = ["order"]
    permission_required = READ


class ReportingPeriodViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = ReportingPeriod.objects.all()
    serializer_class = serializers.ReportingPeriodSerializer
    filterset_class = PeriodFilterSet
    ordering_fields = ["sort_key"]
    permission_required = READ


class MeasurementViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    queryset = Measurement.objects.all()
    serializer_class = serializers.MeasurementSerializer
    filterset_class = MeasurementFilterSet
    ordering_fields = ["period__sort_key"]
    permission_required = READ


class GoalAssessmentViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    queryset = GoalAssessment.objects.all()
    serializer_class = serializers.GoalAssessmentSerializer
    filterset_class = AssessmentFilterSet
    ordering_fields = ["period__sort_key"]
    permission_required = READ


class ActionViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    queryset = Action.objects.prefetch_related("goals", "schools")
    serializer_class = serializers.ActionSerializer
    filterset_class = ActionFilterSet
    ordering_fields = ["due_on"]
    permission_required = READ
