from .views import (
    MembershipViewSet,
    PersonViewSet,
    RoutineViewSet,
    ScanningNoteViewSet,
    SchoolViewSet,
    SupportRequestViewSet,
    WorkingGroupViewSet,
)

ROUTES = [
    ("schools", SchoolViewSet, "school"),
    ("people", PersonViewSet, "person"),
    ("memberships", MembershipViewSet, "membership"),
    ("working-groups", WorkingGroupViewSet, "workinggroup"),
    ("routines", RoutineViewSet, "routine"),
    ("support-requests", SupportRequestViewSet, "supportrequest"),
    ("scanning-notes", ScanningNoteViewSet, "scanningnote"),
]
