from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.ReportListView.as_view(), name="report_list"),
    path("ny/", views.ReportRequestView.as_view(), name="report_request"),
    path("<int:pk>/", views.ReportDetailView.as_view(), name="report_detail"),
    path("<int:pk>/status/", views.ReportStatusView.as_view(), name="report_status"),
    path("<int:pk>/pdf/", views.ReportDownloadView.as_view(file_field="pdf"), name="report_pdf"),
    path(
        "<int:pk>/excel/",
        views.ReportDownloadView.as_view(file_field="excel"),
        name="report_excel",
    ),
    path("<int:pk>/kompilera-igen/", views.ReportRetryView.as_view(), name="report_retry"),
    path("scheman/", views.ScheduleListView.as_view(), name="schedule_list"),
    path("scheman/<int:pk>/", views.ScheduleUpdateView.as_view(), name="schedule_update"),
]
