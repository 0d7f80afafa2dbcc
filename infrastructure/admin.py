from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import AccessCount, Device, DeviceAudit, DeviceModel, Loan, Repair, Student, System


@admin.register(DeviceModel)
class DeviceModelAdmin(admin.ModelAdmin):
    list_display = ["manufacturer", "name", "kind", "expected_lifetime_years"]
    list_filter = ["kind"]


@admin.register(Device)
class DeviceAdmin(SimpleHistoryAdmin):
    list_display = ["asset_tag", "serial_number", "model", "school", "status"]
    list_filter = ["status", "school"]
    search_fields = ["asset_tag", "serial_number"]
    raw_id_fields = ["assigned_to"]
    list_select_related = ["model", "school"]


@admin.register(Student)
class StudentAdmin(SimpleHistoryAdmin):
    list_display = ["name", "reference", "school", "waiting_since", "pseudonymised_at"]
    list_filter = ["school"]


@admin.register(Loan)
class LoanAdmin(SimpleHistoryAdmin):
    list_display = ["device", "student", "lent_on", "due_on", "returned_on"]
    raw_id_fields = ["device", "student"]


admin.site.register(DeviceAudit)
admin.site.register(Repair, SimpleHistoryAdmin)
admin.site.register(System, SimpleHistoryAdmin)
admin.site.register(AccessCount)
