from django.contrib import admin

from .models import Report


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ["__str__", "status", "progress", "requested_by", "created"]
    list_filter = ["status", "kind"]
    readonly_fields = ["key", "snapshot", "checksum", "attempts"]
