from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from vuxportal.api import ScopedModelSerializer, ScopedSerializer

from ..models import (
    Area,
    Competence,
    DevelopmentPlan,
    Enrolment,
    Framework,
    Level,
    PlanComment,
    PracticeExample,
    TrainingActivity,
    TrainingRecord,
)


class LevelSerializer(ScopedModelSerializer):
    class Meta:
        model = Level
        fields = ["value", "code", "name", "description"]


class CompetenceSerializer(ScopedModelSerializer):
    class Meta:
        model = Competence
        fields = ["id", "code", "name", "description"]


class AreaSerializer(ScopedModelSerializer):
    competences = CompetenceSerializer(many=True, read_only=True)

    class Meta:
        model = Area
        fields = ["id", "number", "name", "description", "competences"]


class FrameworkSerializer(ScopedModelSerializer):
    levels = LevelSerializer(many=True, read_only=True)
    areas = AreaSerializer(many=True, read_only=True)

    class Meta:
        model = Framework
        fields = ["id", "code", "name", "description", "is_active", "levels", "areas"]


class TrainingActivitySerializer(ScopedModelSerializer):
    enrolled_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = TrainingActivity
        fields = [
            "id",
            "title",
            "description",
            "organiser",
            "school",
            "format",
            "series",
            "starts_at",
            "ends_at",
            "hours",
            "place",
            "online_url",
            "audience_roles",
            "competences",
            "capacity",
            "enrolled_count",
        ]
        read_only_fields = ["organiser"]

    def validate(self, data):
        starts = data.get("starts_at", getattr(self.instance, "starts_at", None))
        ends = data.get("ends_at", getattr(self.instance, "ends_at", None))
        if starts and ends and ends < starts:
            raise serializers.ValidationError(
                {"ends_at": _("The session cannot end before it starts.")}
            )
        return data


class EnrolmentSerializer(ScopedModelSerializer):
    class Meta:
        model = Enrolment
        fields = ["id", "activity", "person", "status", "attendance", "enrolled_at"]


class TrainingRecordSerializer(ScopedModelSerializer):
    has_certificate = serializers.SerializerMethodField()
    hours = serializers.DecimalField(max_digits=5, decimal_places=1, min_value=0)

    class Meta:
        model = TrainingRecord
        fields = [
            "id",
            "person",
            "school",
            "activity",
            "date",
            "title",
            "hours",
            "kind",
            "competences",
            "reflection",
            "has_certificate",
            "confirmed_by",
            "confirmed_at",
        ]
        read_only_fields = ["person", "school", "activity", "confirmed_by", "confirmed_at"]

    def get_has_certificate(self, obj) -> bool:
        return bool(obj.certificate)


class PracticeExampleSerializer(ScopedModelSerializer):
    use_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = PracticeExample
        fields = [
            "id",
            "author",
            "school",
            "title",
            "summary",
            "body",
            "subject",
            "tools",
            "competences",
            "link",
            "is_published",
            "published_at",
            "use_count",
        ]
        read_only_fields = ["author", "school", "published_at"]


# --- Needs and development plans (issue 16) ---------------------------------------------------


class NeedSerializer(ScopedSerializer):
    """One need: aggregates only, withheld (null) below the minimum group size."""

    framework = serializers.CharField(source="framework.code")
    competence_id = serializers.IntegerField(source="competence.pk")
    competence = serializers.CharField(source="competence.__str__")
    withheld = serializers.BooleanField()
    people = serializers.SerializerMethodField()
    share_below_target = serializers.DecimalField(
        source="share", max_digits=5, decimal_places=1, allow_null=True
    )
    change_points = serializers.DecimalField(
        source="change", max_digits=5, decimal_places=1, allow_null=True
    )
    planned_sessions = serializers.IntegerField(source="sessions")
    free_seats = serializers.SerializerMethodField()
    uncovered = serializers.BooleanField()

    def get_people(self, row) -> int | None:
        return None if row.withheld else row.people

    def get_free_seats(self, row) -> int | None:
        # None: a planned session without a limit.
        return None if row.unlimited else row.free_seats


class PlanCommentSerializer(ScopedModelSerializer):
    class Meta:
        model = PlanComment
        fields = ["id", "author", "text", "created"]


class DevelopmentPlanSerializer(ScopedModelSerializer):
    focus = CompetenceSerializer(many=True, read_only=True)
    comments = PlanCommentSerializer(many=True, read_only=True)

    class Meta:
        model = DevelopmentPlan
        fields = ["id", "period", "focus", "note", "comments", "created", "updated"]
