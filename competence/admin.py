"""Django admin for frameworks: areas, competences and levels edited inline."""

from django.contrib import admin

from .models import Area, Competence, Framework, Level


class LevelInline(admin.TabularInline):
    model = Level
    extra = 0


class AreaInline(admin.TabularInline):
    model = Area
    extra = 0
    show_change_link = True


class CompetenceInline(admin.TabularInline):
    model = Competence
    extra = 0


@admin.register(Framework)
class FrameworkAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "is_active"]
    inlines = [LevelInline, AreaInline]


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin):
    list_display = ["__str__", "framework"]
    list_filter = ["framework"]
    inlines = [CompetenceInline]
