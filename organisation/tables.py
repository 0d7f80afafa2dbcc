import django_tables2 as tables
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from vuxportal.tables import ATTRS, DateColumn, DateTimeColumn, Table, date_text

from .models import (
    HelpArticle,
    Project,
    Routine,
    ScanningNote,
    School,
    SupportRequest,
    User,
    WorkingGroup,
)


class SchoolTable(Table):
    name = tables.Column(linkify=True, verbose_name=_("Name"))
    code = tables.Column(verbose_name=_("Code"))
    student_places = tables.Column(verbose_name=_("Student places"))
    staff_count = tables.Column(verbose_name=_("Staff"), orderable=True)
    is_active = tables.BooleanColumn(verbose_name=_("Active"), yesno=(_("Yes"), _("No")))

    class Meta:
        model = School
        fields = ["name", "code", "student_places", "staff_count", "is_active"]
        attrs = ATTRS


class PersonTable(Table):
    name = tables.Column(
        accessor="display_name",
        verbose_name=_("Name"),
        linkify=True,
        order_by=("last_name", "first_name"),
    )
    email = tables.EmailColumn(verbose_name=_("Email"))
    title = tables.Column(verbose_name=_("Job title"))
    roles = tables.Column(verbose_name=_("Roles"), orderable=False, empty_values=())
    is_active = tables.BooleanColumn(verbose_name=_("Active"), yesno=(_("Yes"), _("No")))

    class Meta:
        model = User
        fields = ["name", "email", "title", "roles", "is_active"]
        attrs = ATTRS

    def render_roles(self, record):
        organisation_wide = format_html(" ({})", gettext("organisation-wide"))
        return format_html_join(
            "",
            '<span class="d-block">{}{}</span>',
            (
                (
                    self.label(m, "role"),
                    format_html(", {}", m.school.name) if m.school else organisation_wide,
                )
                for m in record.current_memberships
            ),
        )


class WorkingGroupTable(Table):
    name = tables.Column(linkify=True, verbose_name=_("Name"))
    area = tables.Column(verbose_name=_("Area"))
    convener = tables.Column(verbose_name=_("Convener"), order_by=("convener__last_name",))
    member_count = tables.Column(verbose_name=_("Members"))
    meeting_count = tables.Column(verbose_name=_("Meetings"))
    last_meeting = DateColumn(verbose_name=_("Last meeting"))

    class Meta:
        model = WorkingGroup
        fields = ["name", "area", "convener", "member_count", "meeting_count", "last_meeting"]
        attrs = ATTRS


class RoutineTable(Table):
    title = tables.Column(linkify=True, verbose_name=_("Title"))
    area = tables.Column(verbose_name=_("Area"))
    school = tables.Column(verbose_name=_("School"), default=_("Whole organisation"))
    owner = tables.Column(verbose_name=_("Owner"), order_by=("owner__last_name",))
    last_reviewed_on = DateColumn(verbose_name=_("Last reviewed"))
    next_review_on = tables.Column(verbose_name=_("Next review"), empty_values=())

    class Meta:
        model = Routine
        fields = ["title", "area", "school", "owner", "last_reviewed_on", "next_review_on"]
        attrs = ATTRS

    def render_next_review_on(self, record):
        next_review = date_text(record.next_review_on, "Y-m-d")
        if not record.is_due:
            return next_review
        due = format_html(
            '<span class="status-badge status-not_met">{}</span>', gettext("Due for review")
        )
        if record.next_review_on:
            return format_html('{} <span class="small">({})</span>', due, next_review)
        return due


class SupportRequestTable(Table):
    subject = tables.Column(linkify=True, verbose_name=_("Subject"))
    category = tables.Column(verbose_name=_("Category"))
    school = tables.Column(verbose_name=_("School"))
    requester = tables.Column(verbose_name=_("Requester"), order_by=("requester__last_name",))
    status = tables.Column(verbose_name=_("Status"), empty_values=())
    handled_by = tables.Column(
        accessor="handled_by_label", verbose_name=_("Handled by"), orderable=False
    )
    created = DateTimeColumn(verbose_name=_("Filed"), format="Y-m-d H:i")

    class Meta:
        model = SupportRequest
        fields = ["subject", "category", "school", "requester", "status", "handled_by", "created"]
        attrs = ATTRS

    def render_status(self, record):
        return format_html(
            '<span class="status-badge support-{}">{}</span>',
            record.status,
            self.label(record, "status"),
        )


class HelpArticleTable(Table):
    title = tables.Column(linkify=True, verbose_name=_("Question"))
    category = tables.Column(verbose_name=_("Category"))
    updated = DateColumn(verbose_name=_("Updated"))

    class Meta:
        model = HelpArticle
        fields = ["title", "category", "updated"]
        attrs = ATTRS


class ScanningNoteTable(Table):
    title = tables.Column(linkify=True, verbose_name=_("Title"))
    source = tables.Column(verbose_name=_("Source"))
    plan_part = tables.Column(verbose_name=_("Part of the plan"))
    tags = tables.Column(verbose_name=_("Tags"))
    noted_on = DateColumn(verbose_name=_("Date"))
    author = tables.Column(verbose_name=_("Author"), order_by=("author__last_name",))

    class Meta:
        model = ScanningNote
        fields = ["title", "source", "plan_part", "tags", "noted_on", "author"]
        attrs = ATTRS


class ProjectTable(Table):
    name = tables.Column(linkify=True, verbose_name=_("Name"))
    funder = tables.Column(verbose_name=_("Funder"))
    number = tables.Column(verbose_name=_("Project number"))
    starts_on = DateColumn(verbose_name=_("Starts on"), format="Y-m-d")
    ends_on = DateColumn(verbose_name=_("Ends on"), format="Y-m-d")
    budget = tables.Column(verbose_name=_("Budget (kr)"))

    class Meta:
        model = Project
        fields = ["name", "funder", "number", "starts_on", "ends_on", "budget"]
        attrs = ATTRS
