"""API viewsets: the same scoping, FilterSets and services as the pages. A service's
``ValidationError`` is left to the API's exception handler (``vuxportal.api_errors``),
which answers 400 in the shared format."""

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import viewsets

from goals.context import request_context
from vuxportal.api import ID_PARAMETER, ScopedViewSetMixin, whole_number_param
from vuxportal.query import count_related

from .. import needs, services
from ..filters import (
    ActivityFilterSet,
    FrameworkFilterSet,
    PracticeExampleFilterSet,
    TrainingRecordFilterSet,
)
from ..models import (
    Area,
    DevelopmentPlan,
    Enrolment,
    Framework,
    PracticeExample,
    PracticeUse,
    TrainingActivity,
    TrainingRecord,
)
from .serializers import (
    DevelopmentPlanSerializer,
    EnrolmentSerializer,
    FrameworkSerializer,
    NeedSerializer,
    PracticeExampleSerializer,
    TrainingActivitySerializer,
    TrainingRecordSerializer,
)


class FrameworkViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    queryset = Framework.objects.prefetch_related(
        "levels", Prefetch("areas", queryset=Area.objects.prefetch_related("competences"))
    )
    serializer_class = FrameworkSerializer
    filterset_class = FrameworkFilterSet
    ordering_fields = ["name"]
    permission_required = "competence.view_frameworks"


class TrainingActivityViewSet(ScopedViewSetMixin, viewsets.ModelViewSet):
    queryset = TrainingActivity.objects.prefetch_related("competences").annotate(
        enrolled_count=count_related(Enrolment.objects.active(), "activity")
    )
    serializer_class = TrainingActivitySerializer
    filterset_class = ActivityFilterSet
    ordering_fields = ["starts_at", "title"]
    permission_required = {
        "read": "competence.view_activities",
        "create": "competence.manage_activities",
        "write": "competence.view_activities",  # changes: only what editable_by allows
    }

    def perform_create(self, serializer):
        saved = serializer.save(organiser=self.request.user)
        # Read back through the list's queryset so the answer carries enrolled_count too.
        serializer.instance = self.queryset.get(pk=saved.pk)

    def perform_update(self, serializer):
        # As on the page: a change of time or place is sent out as an updated event.
        before = {name: getattr(serializer.instance, name) for name in services.CALENDAR_FIELDS}
        activity = serializer.save()
        changed = [name for name, value in before.items() if getattr(activity, name) != value]
        services.activity_update(activity=activity, changed_fields=changed, by=self.request.user)


class EnrolmentViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    queryset = Enrolment.objects.all()
    serializer_class = EnrolmentSerializer
    filterset_fields = ["activity", "status", "attendance"]
    ordering_fields = ["enrolled_at"]
    permission_required = "competence.enrol"


class TrainingRecordViewSet(ScopedViewSetMixin, viewsets.ModelViewSet):
    """Reads: one's own log, leaders their school's staff; writes: one's own entries."""

    queryset = TrainingRecord.objects.prefetch_related("competences")
    serializer_class = TrainingRecordSerializer
    filterset_class = TrainingRecordFilterSet
    ordering_fields = ["date", "hours"]
    permission_required = "competence.log_training"

    def _save(self, serializer, record=None):
        data = {**serializer.validated_data}
        if record is not None:
            for name in ("date", "title", "hours", "kind", "reflection"):
                data.setdefault(name, getattr(record, name))
            data.setdefault("competences", list(record.competences.all()))
        serializer.instance = services.record_save(
            person=self.request.user,
            record=record,
            date=data["date"],
            title=data["title"],
            hours=data["hours"],
            kind=data["kind"],
            competences=data.get("competences", []),
            reflection=data.get("reflection", ""),
        )

    def perform_create(self, serializer):
        self._save(serializer)

    def perform_update(self, serializer):
        self._save(serializer, record=serializer.instance)


class PracticeExampleViewSet(ScopedViewSetMixin, viewsets.ModelViewSet):
    queryset = (
        PracticeExample.objects.select_related("author")
        .prefetch_related("competences")
        .annotate(use_count=count_related(PracticeUse.objects, "example"))
    )
    serializer_class = PracticeExampleSerializer
    filterset_class = PracticeExampleFilterSet
    ordering_fields = ["published_at", "title"]
    permission_required = "competence.share_practice"

    def _save(self, serializer, example=None):
        data = {**serializer.validated_data}
        competences = data.pop("competences", None)
        if competences is None:
            competences = list(example.competences.all()) if example else []
        saved = services.example_save(
            author=self.request.user, example=example, competences=competences, **data
        )
        # Read back through the list's queryset so the answer carries use_count too.
        serializer.instance = self.queryset.get(pk=saved.pk)

    def perform_create(self, serializer):
        self._save(serializer)

    def perform_update(self, serializer):
        self._save(serializer, example=serializer.instance)


# --- Needs and development plans (issue 16) ---------------------------------------------------


class NeedViewSet(viewsets.GenericViewSet):
    """The needs analysis as aggregates (``?school=``, ``?period=``): leaders their own
    schools, administrators every school; withheld below the minimum group size. The
    scope comes from ``needs.need_schools`` (the same as the page): no model rows here."""

    serializer_class = NeedSerializer
    permission_required = "competence.view_aggregates"
    filter_backends = []

    @extend_schema(
        parameters=[
            OpenApiParameter("school", ID_PARAMETER, description=_("School")),
            OpenApiParameter("period", ID_PARAMETER, description=_("Period")),
        ]
    )
    def list(self, request):
        # Checked as the FilterSets' ids are: malformed is a 400; one that names no school
        # or period the user may see lists nothing.
        asked = {name: whole_number_param(request, name) for name in ("school", "period")}
        ctx = request_context(request)
        schools, school, all_schools = needs.need_schools(request.user, ctx)
        if school is not None:
            school_ids = {school.pk}
        else:
            school_ids = None if all_schools else {s.pk for s in schools}
        unknown_school = asked["school"] is not None and school is None
        unknown_period = (
            asked["period"] is not None and getattr(ctx.period, "pk", None) != asked["period"]
        )
        rows = []
        if not (unknown_school or unknown_period):
            rows = needs.needs_for(period=ctx.period, school_ids=school_ids).rows
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


class DevelopmentPlanViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """One's own development plans only, even for leaders (they read their staff's on the
    pages)."""

    queryset = DevelopmentPlan.objects.select_related("period").prefetch_related(
        "focus", "comments"
    )
    serializer_class = DevelopmentPlanSerializer
    filterset_fields = ["period"]
    ordering_fields = ["created"]
    permission_required = "competence.self_assess"

    def get_queryset(self):
        return super().get_queryset().filter(person=self.request.user)
