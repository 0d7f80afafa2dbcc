from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from vuxportal.api import ScopedViewSetMixin

from .. import services
from ..filters import ReportFilterSet
from ..models import Report
from ..views import report_file_response
from .serializers import ReportRequestSerializer, ReportSerializer


class ReportViewSet(
    ScopedViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Reports the user may see; POST asks for one (idempotent: the same request returns
    the same report) and a worker compiles it."""

    queryset = Report.objects.with_list_columns()
    serializer_class = ReportSerializer
    filterset_class = ReportFilterSet
    ordering_fields = ["created"]
    permission_required = {"read": "reports.view_reports", "write": "reports.request_report"}

    @extend_schema(
        request=ReportRequestSerializer,
        responses={
            201: ReportSerializer,
            200: OpenApiResponse(
                ReportSerializer, description="The same report was asked for before."
            ),
        },
    )
    def create(self, request, *args, **kwargs):
        incoming = ReportRequestSerializer(data=request.data, context={"request": request})
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        existed = Report.objects.filter(
            kind=data["kind"], period=data["period"], school=data["school"]
        ).exists()
        report = services.report_request(**data, requested_by=request.user)
        report.refresh_from_db()
        return Response(
            ReportSerializer(report, context={"request": request}).data,
            status=status.HTTP_200_OK if existed else status.HTTP_201_CREATED,
        )

    def _download(self, file_field):
        return report_file_response(self.get_object(), file_field)

    @extend_schema(
        summary="Download the compiled PDF",
        responses={
            (200, "application/pdf"): OpenApiTypes.BINARY,
            404: OpenApiResponse(description="No such report, or it is not compiled yet."),
        },
    )
    @action(detail=True, methods=["get"])
    def pdf(self, request, pk=None):
        return self._download("pdf")

    @extend_schema(
        summary="Download the compiled Excel workbook",
        responses={
            (
                200,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            ): OpenApiTypes.BINARY,
            404: OpenApiResponse(description="No such report, or it is not compiled yet."),
        },
    )
    @action(detail=True, methods=["get"])
    def excel(self, request, pk=None):
        return self._download("excel")
