from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers

from vuxportal.api import ScopedModelSerializer

from .. import services
from ..models import (
    Membership,
    Project,
    Routine,
    ScanningNote,
    School,
    SupportRequest,
    User,
    WorkingGroup,
)


class SchoolSerializer(ScopedModelSerializer):
    class Meta:
        model = School
        fields = ["id", "code", "name", "address", "student_places", "is_active"]


class MembershipSerializer(ScopedModelSerializer):
    class Meta:
        model = Membership
        fields = ["id", "user", "role", "school", "starts_on", "ends_on"]


class PersonSerializer(ScopedModelSerializer):
    class Meta:
        model = User
        fields = ["id", "email", "first_name", "last_name", "title", "is_active"]


class WorkingGroupSerializer(ScopedModelSerializer):
    members = serializers.PrimaryKeyRelatedField(
        many=True, queryset=User.objects.active(), required=False
    )

    class Meta:
        model = WorkingGroup
        fields = ["id", "name", "area", "purpose", "convener", "members", "is_active"]


class RoutineSerializer(ScopedModelSerializer):
    is_due = serializers.BooleanField(read_only=True)

    class Meta:
        model = Routine
        fields = [
            "id",
            "title",
            "area",
            "school",
            "owner",
            "description",
            "link",
            "last_reviewed_on",
            "review_interval_months",
            "next_review_on",
            "is_due",
            "is_active",
        ]
        read_only_fields = ["next_review_on"]


class SupportRequestSerializer(ScopedModelSerializer):
    """Filing a request goes through the same service (routing, checks, emails) as the page."""

    class Meta:
        model = SupportRequest
        fields = [
            "id",
            "requester",
            "school",
            "category",
            "subject",
            "description",
            "status",
            "handling_group",
            "created",
            "resolved_at",
        ]
        read_only_fields = [
            "requester",
            "status",
            "handling_group",
            "created",
            "resolved_at",
        ]

    def create(self, validated_data):
        try:
            return services.support_request_file(
                requester=self.context["request"].user, **validated_data
            )
        except DjangoValidationError as error:
            raise serializers.ValidationError(
                error.message_dict if hasattr(error, "error_dict") else error.messages
            ) from error


class ScanningNoteSerializer(ScopedModelSerializer):
    class Meta:
        model = ScanningNote
        fields = [
            "id",
            "title",
            "source",
            "link",
            "summary",
            "plan_part",
            "tags",
            "noted_on",
            "author",
        ]
        read_only_fields = ["author"]


class ProjectSerializer(ScopedModelSerializer):
    class Meta:
        model = Project
        fields = [
            "id",
            "name",
            "funder",
            "programme",
            "number",
            "starts_on",
            "ends_on",
            "owner",
            "owner_name",
            "budget",
            "co_financing",
            "description",
        ]
        read_only_fields = fields
