from django.urls import reverse
from rest_framework import serializers

from goals.models import ReportingPeriod
from organisation.models import School
from vuxportal.api import ScopedModelSerializer, ScopedSerializer

from ..models import Report, ReportKind


class ReportSerializer(ScopedModelSerializer):
    pdf_url = serializers.SerializerMethodField()
    excel_url = serializers.SerializerMethodField()

    class Meta:
        model = Report
        fields = [
            "id",
            "kind",
            "period",
            "school",
            "is_draft",
            "status",
            "progress",
            "error",
            "attempts",
            "requested_by",
            "created",
            "started_at",
            "finished_at",
            "checksum",
            "pdf_url",
            "excel_url",
        ]
        read_only_fields = fields

    def _url(self, report, name) -> str | None:
        if report.status != Report.Status.DONE:
            return None
        request = self.context.get("request")
        url = reverse(name, args=[report.pk])
        return request.build_absolute_uri(url) if request else url

    # The API's own download routes, so a token reaches the files too.
    def get_pdf_url(self, report) -> str | None:
        return self._url(report, "report-pdf")

    def get_excel_url(self, report) -> str | None:
        return self._url(report, "report-excel")


class ReportRequestSerializer(ScopedSerializer):
    kind = serializers.ChoiceField(choices=ReportKind.choices)
    period = serializers.PrimaryKeyRelatedField(queryset=ReportingPeriod.objects.all())
    school = serializers.PrimaryKeyRelatedField(
        queryset=School.objects.all(), allow_null=True, required=False, default=None
    )
