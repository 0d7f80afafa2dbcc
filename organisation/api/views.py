from rest_framework import viewsets

from vuxportal.api import ScopedViewSetMixin

from ..filters import (
    PersonFilterSet,
    ProjectFilterSet,
    RoutineFilterSet,
    ScanningNoteFilterSet,
    SchoolFilterSet,
    SupportRequestFilterSet,
    WorkingGroupFilterSet,
)
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
from .serializers import (
    MembershipSerializer,
    PersonSerializer,
    ProjectSerializer,
    RoutineSerializer,
    ScanningNoteSerializer,
    SchoolSerializer,
    SupportRequestSerializer,
    WorkingGroupSerializer,
)


class SchoolViewSet(ScopedViewSetMixin, viewsets.ModelViewSet):
    queryset = School.objects.all()
    serializer_class = SchoolSerializer
    filterset_class = SchoolFilterSet
    ordering_fields = ["name", "code"]
    permission_required = {
        "read": "organisation.view_school_list",
        "write": "organisation.manage_schools",
    }


class PersonViewSet(ScopedViewSetMixin, viewsets.ModelViewSet):
    queryset = User.objects.all()
    serializer_class = PersonSerializer
    filterset_class = PersonFilterSet
    ordering_fields = ["last_name", "email"]
    permission_required = {
        "read": "organisation.view_people",
        "write": "organisation.manage_people",
    }


class MembershipViewSet(ScopedViewSetMixin, viewsets.ModelViewSet):
    queryset = Membership.objects.select_related("school")
    serializer_class = MembershipSerializer
    filterset_fields = ["role", "school", "user"]
    ordering_fields = ["starts_on"]
    permission_required = {
        "read": "organisation.view_people",
        "write": "organisation.manage_people",
    }


class WorkingGroupViewSet(ScopedViewSetMixin, viewsets.ModelViewSet):
    queryset = WorkingGroup.objects.prefetch_related("members")
    serializer_class = WorkingGroupSerializer
    filterset_class = WorkingGroupFilterSet
    ordering_fields = ["name"]
    permission_required = {
        "read": "organisation.view_working_groups",
        "create": "organisation.manage_working_groups",
        "write": "organisation.change_working_groups",
    }


class RoutineViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    queryset = Routine.objects.all()
    serializer_class = RoutineSerializer
    filterset_class = RoutineFilterSet
    ordering_fields = ["title", "next_review_on"]
    permission_required = "organisation.view_routines"


class SupportRequestViewSet(ScopedViewSetMixin, viewsets.ModelViewSet):
    """Requests the user may see; POST files a new one (routed like on the page)."""

    queryset = SupportRequest.objects.all()
    serializer_class = SupportRequestSerializer
    filterset_class = SupportRequestFilterSet
    ordering_fields = ["created", "status"]
    permission_required = "organisation.use_support"
    http_method_names = ["get", "post", "head", "options"]


class ScanningNoteViewSet(ScopedViewSetMixin, viewsets.ModelViewSet):
    queryset = ScanningNote.objects.all()
    serializer_class = ScanningNoteSerializer
    filterset_class = ScanningNoteFilterSet
    ordering_fields = ["noted_on", "title"]
    permission_required = {
        "read": "organisation.view_scanning",
        "write": "organisation.add_scanning",
    }

    def perform_create(self, serializer):
        serializer.save(author=self.request.user)


class ProjectViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    queryset = Project.objects.all()
    serializer_class = ProjectSerializer
    filterset_class = ProjectFilterSet
    ordering_fields = ["name", "starts_on"]
    permission_required = "organisation.view_projects"
