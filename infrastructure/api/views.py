from rest_framework import viewsets

from vuxportal.api import ScopedViewSetMixin

from ..filters import DeviceFilterSet, LoanFilterSet, SystemFilterSet
from ..models import Device, Loan, System
from .serializers import DeviceSerializer, LoanSerializer, SystemSerializer


class DeviceViewSet(ScopedViewSetMixin, viewsets.ModelViewSet):
    queryset = Device.objects.select_related("model", "school")
    serializer_class = DeviceSerializer
    filterset_class = DeviceFilterSet
    ordering_fields = ["asset_tag", "purchased_on", "warranty_ends_on"]
    permission_required = "infrastructure.manage_devices"
    http_method_names = ["get", "post", "patch", "head", "options"]


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
