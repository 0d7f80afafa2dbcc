from django.urls import path

from vuxportal.views.parts import PartStartView

from . import views

app_name = "competence"

urlpatterns = [
    path("", PartStartView.as_view(part="competence"), name="start"),
    path("ramverk/", views.FrameworkListView.as_view(), name="framework_list"),
    path("ramverk/nytt/", views.FrameworkCreateView.as_view(), name="framework_create"),
    path("ramverk/<int:pk>/", views.FrameworkDetailView.as_view(), name="framework_detail"),
    path("ramverk/<int:pk>/andra/", views.FrameworkUpdateView.as_view(), name="framework_update"),
    path(
        "ramverk/<int:framework_pk>/omraden/<int:pk>/",
        views.AreaUpdateView.as_view(),
        name="area_update",
    ),
    path("sjalvskattning/", views.SelfAssessmentListView.as_view(), name="self_assessment_list"),
    path(
        "sjalvskattning/<int:pk>/",
        views.SelfAssessmentEditView.as_view(),
        name="self_assessment_edit",
    ),
    path("oversikt/", views.AggregateView.as_view(), name="aggregate"),
    path("behov/", views.NeedsView.as_view(), name="needs"),
    path("min-plan/", views.MyPlanView.as_view(), name="plan_mine"),
    path("planer/", views.PlanListView.as_view(), name="plan_list"),
    path("planer/<int:pk>/", views.PlanDetailView.as_view(), name="plan_detail"),
    path("planer/<int:pk>/kommentera/", views.PlanCommentView.as_view(), name="plan_comment"),
    path("utbildningar/", views.ActivityListView.as_view(), name="activity_list"),
    path("utbildningar/ny/", views.ActivityCreateView.as_view(), name="activity_create"),
    path(
        "utbildningar/utvardering/",
        views.EvaluationResultsView.as_view(),
        name="evaluation_results",
    ),
    path("utbildningar/<int:pk>/", views.ActivityDetailView.as_view(), name="activity_detail"),
    path(
        "utbildningar/<int:pk>/andra/", views.ActivityUpdateView.as_view(), name="activity_update"
    ),
    path("utbildningar/<int:pk>/anmal/", views.EnrolView.as_view(), name="activity_enrol"),
    path("utbildningar/<int:pk>/avboka/", views.CancelView.as_view(), name="activity_cancel"),
    path(
        "utbildningar/<int:pk>/kalender.ics", views.ActivityIcsView.as_view(), name="activity_ics"
    ),
    path(
        "utbildningar/<int:pk>/stall-in/",
        views.ActivityCancelSessionView.as_view(),
        name="activity_cancel_session",
    ),
    path(
        "utbildningar/<int:pk>/narvaro/", views.AttendanceView.as_view(), name="activity_attendance"
    ),
    path(
        "utbildningar/<int:pk>/utvardera/", views.EvaluateView.as_view(), name="activity_evaluate"
    ),
    path("logg/", views.RecordListView.as_view(), name="record_list"),
    path("logg/ny/", views.RecordCreateView.as_view(), name="record_create"),
    path("logg/personal/", views.StaffRecordListView.as_view(), name="staff_records"),
    path("logg/<int:pk>/", views.RecordDetailView.as_view(), name="record_detail"),
    path("logg/<int:pk>/andra/", views.RecordUpdateView.as_view(), name="record_update"),
    path("logg/<int:pk>/bekrafta/", views.RecordConfirmView.as_view(), name="record_confirm"),
    path("logg/<int:pk>/intyg/", views.CertificateView.as_view(), name="record_certificate"),
    path(
        "logg/<int:pk>/deltagarintyg.pdf",
        views.AttendanceCertificateView.as_view(),
        name="record_attendance_certificate",
    ),
    path("exempel/", views.ExampleListView.as_view(), name="example_list"),
    path("exempel/nytt/", views.ExampleCreateView.as_view(), name="example_create"),
    path("exempel/<int:pk>/", views.ExampleDetailView.as_view(), name="example_detail"),
    path("exempel/<int:pk>/andra/", views.ExampleUpdateView.as_view(), name="example_update"),
    path("exempel/<int:pk>/anvant/", views.ExampleUseView.as_view(), name="example_use"),
    path("exempel/<int:pk>/bilaga/", views.AttachmentView.as_view(), name="example_attachment"),
]
