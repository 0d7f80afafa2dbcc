from rest_framework import serializers

from vuxportal.api import ScopedModelSerializer, ScopedSerializer

from ..models import Device, Loan, System


class DeviceSerializer(ScopedModelSerializer):
    class Meta:
        model = Device
        fields = [
            "id",
            "asset_tag",
            "serial_number",
            "model",
            "school",
            "location",
            "status",
            "purchased_on",
            "price",
            "warranty_ends_on",
            "assigned_to",
            "last_audited_on",
            "notes",
        ]
        # Status and assignment change through the services (assign, lend, repair).
        read_only_fields = ["status", "assigned_to", "last_audited_on"]


class DeviceBulkRowSerializer(ScopedSerializer):
    """One device of a bulk upsert; ``model`` and ``school`` are ids, looked up for all
    rows at once."""

    asset_tag = serializers.CharField(max_length=50)
    serial_number = serializers.CharField(max_length=100)
    model = serializers.IntegerField(min_value=1, max_value=2**31 - 1)
    school = serializers.IntegerField(min_value=1, max_value=2**31 - 1)
    location = serializers.CharField(max_length=100, allow_blank=True, required=False, default="")
    purchased_on = serializers.DateField(allow_null=True, required=False, default=None)
    price = serializers.DecimalField(
        max_digits=10, decimal_places=2, min_value=0, allow_null=True, required=False, default=None
    )
    warranty_ends_on = serializers.DateField(allow_null=True, required=False, default=None)
    notes = serializers.CharField(allow_blank=True, required=False, default="", max_length=5000)


class DeviceBulkResultSerializer(ScopedSerializer):
    count = serializers.IntegerField()
    results = DeviceSerializer(many=True)


class LoanSerializer(ScopedModelSerializer):
    """Loans without the student's personal data: only the student's id."""

    is_overdue = serializers.BooleanField(read_only=True)

    class Meta:
        model = Loan
        fields = [
            "id",
            "device",
            "student",
            "school",
            "lent_on",
            "due_on",
            "returned_on",
            "return_condition",
            "agreement_accepted_on",
            "is_overdue",
        ]


class SystemSerializer(ScopedModelSerializer):
    class Meta:
        model = System
        fields = ["id", "name", "kind", "purpose", "owner", "support_contact", "url", "is_active"]
