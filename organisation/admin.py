from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    Decision,
    HelpArticle,
    Meeting,
    Membership,
    Routine,
    ScanningNote,
    School,
    SupportReply,
    SupportRequest,
    User,
    WorkingGroup,
)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["school"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "is_active", "is_staff"]
    search_fields = ["email", "first_name", "last_name"]
    inlines = [MembershipInline]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Personal info"), {"fields": ("first_name", "last_name", "title", "language")}),
        (
            _("Permissions"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)


@admin.register(School)
class SchoolAdmin(SimpleHistoryAdmin):
    list_display = ["name", "code", "student_places", "is_active"]
    search_fields = ["name", "code"]
    list_filter = ["is_active"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "school", "starts_on", "ends_on"]
    list_filter = ["role", "school"]
    search_fields = ["user__email", "user__last_name"]
    autocomplete_fields = ["user", "school"]


class DecisionInline(admin.TabularInline):
    model = Decision
    extra = 0
    autocomplete_fields = ["responsible"]


@admin.register(WorkingGroup)
class WorkingGroupAdmin(SimpleHistoryAdmin):
    list_display = ["name", "area", "convener", "is_active"]
    list_filter = ["area", "is_active"]
    search_fields = ["name"]
    autocomplete_fields = ["convener", "members"]


@admin.register(Meeting)
class MeetingAdmin(SimpleHistoryAdmin):
    list_display = ["group", "held_on"]
    list_filter = ["group"]
    inlines = [DecisionInline]


@admin.register(Routine)
class RoutineAdmin(SimpleHistoryAdmin):
    list_display = ["title", "area", "owner", "last_reviewed_on", "next_review_on", "is_active"]
    list_filter = ["area", "is_active"]
    search_fields = ["title"]
    autocomplete_fields = ["owner", "school"]


class SupportReplyInline(admin.StackedInline):
    model = SupportReply
    extra = 0
    autocomplete_fields = ["author"]


@admin.register(SupportRequest)
class SupportRequestAdmin(SimpleHistoryAdmin):
    list_display = ["subject", "category", "school", "status", "created", "resolved_at"]
    list_filter = ["status", "category", "school"]
    search_fields = ["subject"]
    autocomplete_fields = ["requester", "school", "handling_group"]
    inlines = [SupportReplyInline]


@admin.register(HelpArticle)
class HelpArticleAdmin(SimpleHistoryAdmin):
    list_display = ["title", "category", "updated"]
    list_filter = ["category"]
    search_fields = ["title", "body"]


@admin.register(ScanningNote)
class ScanningNoteAdmin(SimpleHistoryAdmin):
    list_display = ["title", "source", "plan_part", "noted_on", "author"]
    list_filter = ["plan_part"]
    search_fields = ["title", "summary", "tags"]
