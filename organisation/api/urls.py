from .views import MembershipViewSet, PersonViewSet, SchoolViewSet

ROUTES = [
    ("schools", SchoolViewSet, "school"),
    ("people", PersonViewSet, "person"),
    ("memberships", MembershipViewSet, "membership"),
]
