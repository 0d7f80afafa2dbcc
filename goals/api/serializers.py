from rest_framework import serializers

from ..models import Action, Goal, GoalAssessment, Indicator, Measurement, ReportingPeriod


class GoalSerializer(serializers.ModelSerializer):
    class Meta:
        model = Goal
        fields = ["id", "plan", "number", "title", "description", "part", "responsible"]


class IndicatorSerializer(serializers.ModelSerializer):
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
        ]

    def get_targets(self, obj) -> dict[str, str]:
        return {str(t.year): str(t.value) for t in obj.targets.all()}


class ReportingPeriodSerializer(serializers.ModelSerializer):
    class Meta:
        model = ReportingPeriod
        fields = ["id", "year", "kind", "starts_on", "ends_on", "deadline", "status", "closed_at"]


class MeasurementSerializer(serializers.ModelSerializer):
    class Meta:
        model = Measurement
        fields = ["id", "indicator", "period", "school", "value", "comment", "source"]


class GoalAssessmentSerializer(serializers.ModelSerializer):
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


class ActionSerializer(serializers.ModelSerializer):
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
        ]
