from django.urls import path

from . import views

app_name = "organisation"

urlpatterns = [
    path("skolor/", views.SchoolListView.as_view(), name="school_list"),
    path("skolor/ny/", views.SchoolCreateView.as_view(), name="school_create"),
    path("skolor/<int:pk>/", views.SchoolDetailView.as_view(), name="school_detail"),
    path("skolor/<int:pk>/andra/", views.SchoolUpdateView.as_view(), name="school_update"),
    path("personer/", views.PersonListView.as_view(), name="person_list"),
    path("personer/bjud-in/", views.PersonInviteView.as_view(), name="person_invite"),
    path("personer/importera/", views.StaffImportView.as_view(), name="staff_import"),
    path("personer/<int:pk>/", views.PersonDetailView.as_view(), name="person_detail"),
    path("personer/<int:pk>/andra/", views.PersonUpdateView.as_view(), name="person_update"),
    path(
        "personer/<int:pk>/avsluta/", views.PersonDeactivateView.as_view(), name="person_deactivate"
    ),
    path("personer/<int:pk>/roller/", views.MembershipAddView.as_view(), name="membership_add"),
    path(
        "personer/<int:pk>/roller/<int:membership_pk>/avsluta/",
        views.MembershipEndView.as_view(),
        name="membership_end",
    ),
]
