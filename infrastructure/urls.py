from django.urls import path

from . import views

app_name = "infrastructure"

urlpatterns = [
    path("enheter/", views.DeviceListView.as_view(), name="device_list"),
    path("enheter/export/", views.DeviceExportView.as_view(), name="device_export"),
    path("enheter/ny/", views.DeviceCreateView.as_view(), name="device_create"),
    path("enheter/importera/", views.DeviceImportView.as_view(), name="device_import"),
    path("enheter/<int:pk>/", views.DeviceDetailView.as_view(), name="device_detail"),
    path("enheter/<int:pk>/andra/", views.DeviceUpdateView.as_view(), name="device_update"),
    path("enheter/<int:pk>/tilldela/", views.DeviceAssignView.as_view(), name="device_assign"),
    path(
        "enheter/<int:pk>/ta-tillbaka/",
        views.DeviceTakeBackView.as_view(),
        name="device_take_back",
    ),
    path("enheter/<int:pk>/utrangera/", views.DeviceRetireView.as_view(), name="device_retire"),
    path("modeller/", views.DeviceModelListView.as_view(), name="devicemodel_list"),
    path("modeller/ny/", views.DeviceModelCreateView.as_view(), name="devicemodel_create"),
    path(
        "modeller/<int:pk>/andra/",
        views.DeviceModelUpdateView.as_view(),
        name="devicemodel_update",
    ),
    path("elever/", views.StudentListView.as_view(), name="student_list"),
    path("elever/ny/", views.StudentCreateView.as_view(), name="student_create"),
    path("elever/vantelista/", views.WaitingListView.as_view(), name="waiting_list"),
    path("elever/visningslogg/", views.StudentAccessLogView.as_view(), name="student_access_log"),
    path("elever/<int:pk>/", views.StudentDetailView.as_view(), name="student_detail"),
    path("elever/<int:pk>/andra/", views.StudentUpdateView.as_view(), name="student_update"),
    path("elever/<int:pk>/vanta/", views.StudentWaitView.as_view(), name="student_wait"),
    path(
        "elever/<int:pk>/ta-bort-fran-vantelista/",
        views.StudentUnwaitView.as_view(),
        name="student_unwait",
    ),
    path("lan/", views.LoanListView.as_view(), name="loan_list"),
    path("lan/nytt/", views.LoanCreateView.as_view(), name="loan_create"),
    path("lan/<int:pk>/", views.LoanDetailView.as_view(), name="loan_detail"),
    path("lan/<int:pk>/aterlamna/", views.LoanReturnView.as_view(), name="loan_return"),
    path("lan/<int:pk>/laneavtal.pdf", views.LoanAgreementView.as_view(), name="loan_agreement"),
    path("inventering/", views.AuditListView.as_view(), name="audit_list"),
    path("inventering/ny/", views.AuditCreateView.as_view(), name="audit_create"),
    path("inventering/<int:pk>/", views.AuditDetailView.as_view(), name="audit_detail"),
    path("inventering/<int:pk>/skanna/", views.AuditScanView.as_view(), name="audit_scan"),
    path("inventering/<int:pk>/avsluta/", views.AuditCompleteView.as_view(), name="audit_complete"),
    path("reparationer/", views.RepairListView.as_view(), name="repair_list"),
    path("reparationer/ny/", views.RepairCreateView.as_view(), name="repair_create"),
    path("reparationer/<int:pk>/avsluta/", views.RepairCloseView.as_view(), name="repair_close"),
    path("livscykel/", views.LifecycleView.as_view(), name="lifecycle"),
    path("tackning/", views.CoverageView.as_view(), name="coverage"),
    path("system/", views.SystemListView.as_view(), name="system_list"),
    path("system/nytt/", views.SystemCreateView.as_view(), name="system_create"),
    path("system/<int:pk>/", views.SystemDetailView.as_view(), name="system_detail"),
    path("system/<int:pk>/andra/", views.SystemUpdateView.as_view(), name="system_update"),
    path(
        "system/<int:pk>/behorigheter/",
        views.AccessCountCreateView.as_view(),
        name="accesscount_create",
    ),
]
