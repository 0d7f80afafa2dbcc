from django.urls import path

from vuxportal.views.parts import PartStartView

from .views import audits, coverage, devices, loans, repairs, students, systems

app_name = "infrastructure"

urlpatterns = [
    path("", PartStartView.as_view(part="infrastructure"), name="start"),
    path("enheter/", devices.DeviceListView.as_view(), name="device_list"),
    path("enheter/export/", devices.DeviceExportView.as_view(), name="device_export"),
    path("enheter/ny/", devices.DeviceCreateView.as_view(), name="device_create"),
    path("enheter/importera/", devices.DeviceImportView.as_view(), name="device_import"),
    path("enheter/<int:pk>/", devices.DeviceDetailView.as_view(), name="device_detail"),
    path("enheter/<int:pk>/andra/", devices.DeviceUpdateView.as_view(), name="device_update"),
    path("enheter/<int:pk>/tilldela/", devices.DeviceAssignView.as_view(), name="device_assign"),
    path(
        "enheter/<int:pk>/ta-tillbaka/",
        devices.DeviceTakeBackView.as_view(),
        name="device_take_back",
    ),
    path("enheter/<int:pk>/utrangera/", devices.DeviceRetireView.as_view(), name="device_retire"),
    path("modeller/", devices.DeviceModelListView.as_view(), name="devicemodel_list"),
    path("modeller/ny/", devices.DeviceModelCreateView.as_view(), name="devicemodel_create"),
    path(
        "modeller/<int:pk>/andra/",
        devices.DeviceModelUpdateView.as_view(),
        name="devicemodel_update",
    ),
    path("elever/", students.StudentListView.as_view(), name="student_list"),
    path("elever/ny/", students.StudentCreateView.as_view(), name="student_create"),
    path("elever/vantelista/", students.WaitingListView.as_view(), name="waiting_list"),
    path(
        "elever/visningslogg/", students.StudentAccessLogView.as_view(), name="student_access_log"
    ),
    path("elever/<int:pk>/", students.StudentDetailView.as_view(), name="student_detail"),
    path("elever/<int:pk>/andra/", students.StudentUpdateView.as_view(), name="student_update"),
    path("elever/<int:pk>/vanta/", students.StudentWaitView.as_view(), name="student_wait"),
    path(
        "elever/<int:pk>/ta-bort-fran-vantelista/",
        students.StudentUnwaitView.as_view(),
        name="student_unwait",
    ),
    path("lan/", loans.LoanListView.as_view(), name="loan_list"),
    path("lan/nytt/", loans.LoanCreateView.as_view(), name="loan_create"),
    path("lan/<int:pk>/", loans.LoanDetailView.as_view(), name="loan_detail"),
    path("lan/<int:pk>/aterlamna/", loans.LoanReturnView.as_view(), name="loan_return"),
    path("lan/<int:pk>/laneavtal.pdf", loans.LoanAgreementView.as_view(), name="loan_agreement"),
    path("inventering/", audits.AuditListView.as_view(), name="audit_list"),
    path("inventering/ny/", audits.AuditCreateView.as_view(), name="audit_create"),
    path("inventering/<int:pk>/", audits.AuditDetailView.as_view(), name="audit_detail"),
    path("inventering/<int:pk>/skanna/", audits.AuditScanView.as_view(), name="audit_scan"),
    path(
        "inventering/<int:pk>/avsluta/", audits.AuditCompleteView.as_view(), name="audit_complete"
    ),
    path("reparationer/", repairs.RepairListView.as_view(), name="repair_list"),
    path("reparationer/ny/", repairs.RepairCreateView.as_view(), name="repair_create"),
    path("reparationer/<int:pk>/avsluta/", repairs.RepairCloseView.as_view(), name="repair_close"),
    path("livscykel/", coverage.LifecycleView.as_view(), name="lifecycle"),
    path("tackning/", coverage.CoverageView.as_view(), name="coverage"),
    path("system/", systems.SystemListView.as_view(), name="system_list"),
    path("system/nytt/", systems.SystemCreateView.as_view(), name="system_create"),
    path("system/<int:pk>/", systems.SystemDetailView.as_view(), name="system_detail"),
    path("system/<int:pk>/andra/", systems.SystemUpdateView.as_view(), name="system_update"),
    path(
        "system/<int:pk>/behorigheter/",
        systems.AccessCountCreateView.as_view(),
        name="accesscount_create",
    ),
]
