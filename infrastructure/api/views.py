from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from vuxportal.api import ScopedViewSetMixin
from vuxportal.api_errors import ErrorSerializer, bulk_errors

from .. import services
from ..filters import DeviceFilterSet, LoanFilterSet, SystemFilterSet
from ..models import Device, Loan, System
from .serializers import (
    DeviceBulkResultSerializer,
    DeviceBulkRowSerializer,
    DeviceSerializer,
    LoanSerializer,
    SystemSerializer,
)


class DeviceViewSet(ScopedViewSetMixin, viewsets.ModelViewSet):
    queryset = Device.objects.select_related("model", "school")
    serializer_class = DeviceSerializer
    filterset_class = DeviceFilterSet
    ordering_fields = ["asset_tag", "purchased_on", "warranty_ends_on"]
    permission_required = "infrastructure.manage_devices"

    @extend_schema(
        summary="Create or update many devices by asset tag",
        description=(
            "Up to 1,000 devices in one transaction, with the file import's rules. A known "
            "asset tag at one of your schools updates that device (not its status or "
            "assignment); a new tag creates a device in stock. If any row is invalid "
            "(unknown model or school, a school not yours, a serial number or tag of "
            "another device, a tag or serial twice) nothing is written and the answer is "
            "400 with `errors` mapping each bad row's index to its field errors."
        ),
        request=DeviceBulkRowSerializer(many=True, allow_empty=False, max_length=1000),
        examples=[
            OpenApiExample(
                "Two laptops",
                value=[
                    {
                        "asset_tag": "VUX-10001",
                        "serial_number": "PF3ABC01",
                        "model": 1,
                        "school": 1,
                        "location": "B204",
                        "purchased_on": "2025-08-15",
                        "price": "8990.00",
                        "warranty_ends_on": "2028-08-15",
                        "notes": "",
                    },
                    {
                        "asset_tag": "VUX-10002",
                        "serial_number": "PF3ABC02",
                        "model": 1,
                        "school": 1,
                    },
                ],
                request_only=True,
            ),
            OpenApiExample(
                "A bad row",
                value={
                    "status": 400,
                    "code": "invalid",
                    "detail": "Begäran innehåller fel.",
                    "errors": {"1": {"serial_number": ["Serienummer ”PF3ABC01” finns redan."]}},
                },
                response_only=True,
                status_codes=["400"],
            ),
        ],
        responses={
            200: DeviceBulkResultSerializer,
            400: OpenApiResponse(ErrorSerializer, description="Invalid rows"),
        },
    )
    @action(detail=False, methods=["post"], url_path="bulk")
    def bulk(self, request):
        rows = DeviceBulkRowSerializer(
            data=request.data, many=True, allow_empty=False, max_length=1000
        )
        if not rows.is_valid():
            raise serializers.ValidationError(bulk_errors(rows.errors))
        # Bad rows (RowErrors) become a 400 by row index in the shared exception handler.
        devices = services.devices_bulk_upsert(
            rows=[dict(row) for row in rows.validated_data], user=request.user
        )
        body = DeviceSerializer(devices, many=True, context={"request": request}).data
        return Response({"count": len(devices), "results": body})


class LoanViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    queryset = Loan.objects.all()
    serializer_class = LoanSerializer
    filterset_class = LoanFilterSet
    ordering_fields = ["lent_on", "due_on"]
    permission_required = "infrastructure.view_students"


class SystemViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """The IT systems (Skolplattformen, BER, Microsoft 365, the LMS …) with their owners."""

    queryset = System.objects.all()
    serializer_class = SystemSerializer
    filterset_class = SystemFilterSet
    ordering_fields = ["name", "kind"]
    permission_required = "infrastructure.view_systems"
