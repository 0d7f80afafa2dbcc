from rest_framework import viewsets

from vuxportal.api import ScopedViewSetMixin

from ..filters import PersonFilterSet, SchoolFilterSet
from ..models import Membership, School, User
from .serializers import MembershipSerializer, PersonSerializer, SchoolSerializer


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
    http_method_names = ["get", "post", "put", "patch", "head", "options"]


class MembershipViewSet(ScopedViewSetMixin, viewsets.ModelViewSet):
    queryset = Membership.objects.select_related("school")
    serializer_class = MembershipSerializer
    filterset_fields = ["role", "school", "user"]
    ordering_fields = ["starts_on"]
    permission_required = {
        "read": "organisation.view_people",
        "write": "organisation.manage_people",
    }
