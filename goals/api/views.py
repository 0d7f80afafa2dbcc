"""The goals API, using the same FilterSets and scoping as the pages: the plan (goals,
indicators, periods, assessments, actions) is read-only; indicator values are written
through ``services``, whose errors the shared exception handler turns into 400s. Lists of
goals, indicators and actions leave withdrawn ones out unless asked for them."""

from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from rest_framework import serializers as drf_serializers
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from vuxportal.api import ScopedViewSetMixin
from vuxportal.api_errors import bulk_errors, error_response_schema

from .. import services
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


class FindsWithdrawnMixin:
    """Lists leave withdrawn items out unless ``include_withdrawn`` asks for them (the
    FilterSet, as on the pages); one item is found by its id whether withdrawn or not."""

    def filter_queryset(self, queryset):
        if self.action != "list":
            return queryset
        return super().filter_queryset(queryset)


class GoalViewSet(FindsWithdrawnMixin, viewsets.ReadOnlyModelViewSet):
    # Goals, indicators and periods are the plan's, the same for every school.
    queryset = Goal.objects.all()
    serializer_class = serializers.GoalSerializer
    filterset_class = GoalFilterSet
    ordering_fields = ["number"]
    permission_required = READ


class IndicatorViewSet(FindsWithdrawnMixin, viewsets.ReadOnlyModelViewSet):
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


MEASUREMENT_EXAMPLE = {
    "indicator": 3,
    "period": 5,
    "school": 1,
    "value": "72.50",
    "comment": "Enkät till alla lärare i april.",
}


class MeasurementViewSet(ScopedViewSetMixin, viewsets.ModelViewSet):
    """Indicator values. Everyone reads their schools' values and the organisation's;
    school leaders write manual indicators for their schools, administrators for every
    school and (with no school) for the whole organisation. A closed period refuses
    every change."""

    queryset = Measurement.objects.all()
    serializer_class = serializers.MeasurementSerializer
    filterset_class = MeasurementFilterSet
    ordering_fields = ["period__sort_key"]
    permission_required = {"read": READ, "write": "goals.report"}

    def get_serializer_class(self):
        if self.action == "create":
            return serializers.MeasurementWriteSerializer
        if self.action == "partial_update":
            return serializers.MeasurementUpdateSerializer
        return super().get_serializer_class()

    def _record(self, serializer, instance=None):
        data = serializer.validated_data
        # A refused write (closed period, school out of reach, bad value) is a Django
        # ValidationError; vuxportal.api_errors answers it with a 400.
        serializer.instance = services.measurement_record(
            indicator=instance.indicator if instance else data["indicator"],
            period=instance.period if instance else data["period"],
            school=instance.school if instance else data.get("school"),
            value=data.get("value", instance.value if instance else None),
            comment=data.get("comment", instance.comment if instance else ""),
            user=self.request.user,
        )

    @extend_schema(
        summary="Record a manual indicator's value",
        description=(
            "Creates the value of a manual indicator for a school (or, with `school` null, "
            "the whole organisation: administrators only) in an open period, or replaces "
            "the value already recorded there. Answers 201 with the stored value."
        ),
        examples=[OpenApiExample("A school's value", value=MEASUREMENT_EXAMPLE, request_only=True)],
        responses={
            201: serializers.MeasurementSerializer,
            400: OpenApiResponse(error_response_schema(), description="Invalid input"),
        },
    )
    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        self._record(serializer)
        body = serializers.MeasurementSerializer(serializer.instance).data
        return Response(body, status=status.HTTP_201_CREATED)

    def perform_update(self, serializer):
        self._record(serializer, instance=serializer.instance)

    @extend_schema(
        summary="Change a recorded value",
        examples=[
            OpenApiExample(
                "New value", value={"value": "75.00", "comment": "Rättad."}, request_only=True
            )
        ],
        responses={
            200: serializers.MeasurementSerializer,
            400: OpenApiResponse(error_response_schema(), description="Invalid input"),
        },
    )
    def partial_update(self, request, *args, **kwargs):
        return super().partial_update(request, *args, **kwargs)

    @extend_schema(
        summary="Record many values at once",
        description=(
            "Creates or replaces up to 1,000 values in one transaction. Every row is "
            "checked first; if any row is invalid nothing is written and the answer is "
            "400 with `errors` mapping each bad row's index to its field errors."
        ),
        request=serializers.MeasurementBulkRowSerializer(
            many=True, allow_empty=False, max_length=1000
        ),
        examples=[
            OpenApiExample(
                "Two schools",
                value=[MEASUREMENT_EXAMPLE, {**MEASUREMENT_EXAMPLE, "school": 2, "value": "64"}],
                request_only=True,
            ),
            OpenApiExample(
                "A bad row",
                value={
                    "status": 400,
                    "code": "invalid",
                    "detail": "Begäran innehåller fel.",
                    "errors": {"1": {"value": ["En andel måste vara mellan 0 och 100."]}},
                },
                response_only=True,
                status_codes=["400"],
            ),
        ],
        responses={
            200: serializers.MeasurementBulkResultSerializer,
            400: OpenApiResponse(error_response_schema(), description="Invalid rows"),
        },
    )
    @action(detail=False, methods=["post"], url_path="bulk")
    def bulk(self, request):
        rows = serializers.MeasurementBulkRowSerializer(
            data=request.data, many=True, allow_empty=False, max_length=1000
        )
        if not rows.is_valid():
            raise drf_serializers.ValidationError(bulk_errors(rows.errors))
        # Bad rows (RowErrors) become a 400 by row index in the shared exception handler.
        saved = services.measurements_bulk_record(
            rows=[
                services.MeasurementRow(
                    indicator_id=row["indicator"],
                    period_id=row["period"],
                    school_id=row.get("school"),
                    value=row["value"],
                    comment=row.get("comment", ""),
                )
                for row in rows.validated_data
            ],
            user=request.user,
        )
        body = serializers.MeasurementSerializer(saved, many=True).data
        return Response({"count": len(saved), "results": body})


class GoalAssessmentViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    queryset = GoalAssessment.objects.all()
    serializer_class = serializers.GoalAssessmentSerializer
    filterset_class = AssessmentFilterSet
    ordering_fields = ["period__sort_key"]
    permission_required = READ


class ActionViewSet(FindsWithdrawnMixin, ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    queryset = Action.objects.prefetch_related("goals", "schools")
    serializer_class = serializers.ActionSerializer
    filterset_class = ActionFilterSet
    ordering_fields = ["due_on"]
    permission_required = READ
