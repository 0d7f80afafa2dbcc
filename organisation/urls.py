from django.urls import path

from vuxportal.views.parts import PartStartView

from . import views

app_name = "organisation"

urlpatterns = [
    path("", PartStartView.as_view(part="organisation"), name="start"),
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
    # Working groups and their meetings
    path("arbetsgrupper/", views.WorkingGroupListView.as_view(), name="working_group_list"),
    path("arbetsgrupper/ny/", views.WorkingGroupCreateView.as_view(), name="working_group_create"),
    path(
        "arbetsgrupper/<int:pk>/",
        views.WorkingGroupDetailView.as_view(),
        name="working_group_detail",
    ),
    path(
        "arbetsgrupper/<int:pk>/andra/",
        views.WorkingGroupUpdateView.as_view(),
        name="working_group_update",
    ),
    path(
        "arbetsgrupper/<int:pk>/moten/nytt/", views.MeetingFormView.as_view(), name="meeting_create"
    ),
    path("moten/<int:pk>/", views.MeetingDetailView.as_view(), name="meeting_detail"),
    path("moten/<int:pk>/andra/", views.MeetingUpdateView.as_view(), name="meeting_update"),
    # Routines
    path("rutiner/", views.RoutineListView.as_view(), name="routine_list"),
    path("rutiner/ny/", views.RoutineCreateView.as_view(), name="routine_create"),
    path("rutiner/<int:pk>/", views.RoutineDetailView.as_view(), name="routine_detail"),
    path("rutiner/<int:pk>/andra/", views.RoutineUpdateView.as_view(), name="routine_update"),
    path("rutiner/<int:pk>/granskad/", views.RoutineReviewView.as_view(), name="routine_review"),
    # Support and help articles
    path("support/", views.SupportRequestListView.as_view(), name="support_list"),
    path("support/ny/", views.SupportRequestCreateView.as_view(), name="support_create"),
    path("support/<int:pk>/", views.SupportRequestDetailView.as_view(), name="support_detail"),
    path(
        "support/<int:pk>/hantera/",
        views.SupportRequestHandleView.as_view(),
        name="support_handle",
    ),
    path(
        "support/<int:pk>/bilaga/",
        views.SupportAttachmentView.as_view(),
        name="support_attachment",
    ),
    path(
        "support/<int:pk>/publicera/",
        views.HelpArticlePublishView.as_view(),
        name="support_publish",
    ),
    path("hjalpartiklar/", views.HelpArticleListView.as_view(), name="help_list"),
    path("hjalpartiklar/ny/", views.HelpArticleCreateView.as_view(), name="help_create"),
    path("hjalpartiklar/<int:pk>/", views.HelpArticleDetailView.as_view(), name="help_detail"),
    path(
        "hjalpartiklar/<int:pk>/andra/", views.HelpArticleUpdateView.as_view(), name="help_update"
    ),
    # Environmental scanning
    path("omvarldsbevakning/", views.ScanningNoteListView.as_view(), name="scanning_list"),
    path("omvarldsbevakning/ny/", views.ScanningNoteCreateView.as_view(), name="scanning_create"),
    path(
        "omvarldsbevakning/manadssammanstallning/",
        views.ScanningDigestView.as_view(),
        name="scanning_digest",
    ),
    path(
        "omvarldsbevakning/<int:pk>/",
        views.ScanningNoteDetailView.as_view(),
        name="scanning_detail",
    ),
    path(
        "omvarldsbevakning/<int:pk>/andra/",
        views.ScanningNoteUpdateView.as_view(),
        name="scanning_update",
    ),
    # Projects and what their participants' hours are worth
    path("projekt/", views.ProjectListView.as_view(), name="project_list"),
    path("projekt/ny/", views.ProjectCreateView.as_view(), name="project_create"),
    path("projekt/timkostnader/", views.HourlyCostsView.as_view(), name="hourly_costs"),
    path("projekt/<int:pk>/", views.ProjectDetailView.as_view(), name="project_detail"),
    path("projekt/<int:pk>/andra/", views.ProjectUpdateView.as_view(), name="project_update"),
    path("projekt/<int:pk>/excel/", views.ProjectExcelView.as_view(), name="project_excel"),
    # Who is responsible for what
    path("ansvar/", views.ResponsibilityView.as_view(), name="responsibilities"),
    path("ansvar/overlamna/<int:pk>/", views.HandOverView.as_view(), name="hand_over"),
]
