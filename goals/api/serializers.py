from rest_framework import serializers

from vuxportal.api import ScopedModelSerializer, ScopedSerializer

from ..models import Action, Goal, GoalAssessment, Indicator, Measurement, ReportingPeriod


class GoalSerializer(ScopedModelSerializer):
    class Meta:
        model = Goal
        fields = [
            "id",
            "plan",
            "number",
            "title",
            "description",
            "part",
            "responsible",
            "withdrawn_at",
            "withdrawn_reason",
        ]


class IndicatorSerializer(ScopedModelSerializer):
    targets = serializers.SerializerMethodField()

    class Meta:
        model = Indicator
        fields = [
            "id",
            "goal",
            "name",
            "unit",
            "direction",
            "kind",
            "metric_key",
            "per_school",
            "baseline",
            "baseline_year",
            "targets",
            "withdrawn_at",
            "withdrawn_reason",
        ]

    def get_targets(self, obj) -> dict[str, str]:
        return {str(t.year): str(t.value) for t in obj.targets.all()}


class ReportingPeriodSerializer(ScopedModelSerializer):
    class Meta:
        model = ReportingPeriod
        fields = ["id", "year", "kind", "starts_on", "ends_on", "deadline", "status", "closed_at"]


class MeasurementSerializer(ScopedModelSerializer):
    class Meta:
        model = Measurement
        fields = ["id", "indicator", "period", "school", "value", "comment", "source"]


class MeasurementWriteSerializer(ScopedModelSerializer):
    """A manual indicator's value for a school (no school: the whole organisation, for
    administrators). Recording it again for the same indicator, period and school
    replaces the value."""

    class Meta:
        model = Measurement
        fields = ["id", "indicator", "period", "school", "value", "comment", "source"]
        read_only_fields = ["source"]
        # measurement_record upserts by (indicator, period, school): no unique check here.
        validators = []


class MeasurementUpdateSerializer(MeasurementWriteSerializer):
    """Changes a recorded value or its comment; where it belongs stays the same."""

    class Meta(MeasurementWriteSerializer.Meta):
        read_only_fields = ["indicator", "period", "school", "source"]


class MeasurementBulkRowSerializer(ScopedSerializer):
    """One row of a bulk write. Ids, not objects: they are looked up for all rows at once."""

    indicator = serializers.IntegerField(min_value=1, max_value=2**31 - 1)
    period = serializers.IntegerField(min_value=1, max_value=2**31 - 1)
    school = serializers.IntegerField(
        min_value=1, max_value=2**31 - 1, allow_null=True, required=False, default=None
    )
    value = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)
    comment = serializers.CharField(allow_blank=True, required=False, default="", max_length=5000)


class MeasurementBulkResultSerializer(ScopedSerializer):
    count = serializers.IntegerField()
    results = MeasurementSerializer(many=True)


class GoalAssessmentSerializer(ScopedModelSerializer):
    class Meta:
        model = GoalAssessment
        fields = [
            "id",
            "goal",
            "period",
            "school",
            "status",
            "suggested_status",
            "override_reason",
            "analysis",
            "next_steps",
        ]


class ActionSerializer(ScopedModelSerializer):
    class Meta:
        model = Action
        fields = [
            "id",
            "plan",
            "title",
            "description",
            "goals",
            "prerequisite",
            "schools",
            "responsible",
            "responsible_group",
            "starts_on",
            "due_on",
            "status",
            "progress",
            "completed_on",
            "withdrawn_at",
            "withdrawn_reason",
        ]
