import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

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


class SchoolTable(tables.Table):
    name = tables.Column(linkify=True, verbose_name=_("Name"))
    code = tables.Column(verbose_name=_("Code"))
    student_places = tables.Column(verbose_name=_("Student places"))
    staff_count = tables.Column(verbose_name=_("Staff"), orderable=True)
    is_active = tables.BooleanColumn(verbose_name=_("Active"), yesno=(_("Yes"), _("No")))

    class Meta:
        model = School
        fields = ["name", "code", "student_places", "staff_count", "is_active"]
        attrs = {"class": "table table-striped align-middle"}


class PersonTable(tables.Table):
    name = tables.Column(
        accessor="display_name",
        verbose_name=_("Name"),
        linkify=True,
        order_by=("last_name", "first_name"),
    )
    email = tables.EmailColumn(verbose_name=_("Email"))
    title = tables.Column(verbose_name=_("Job title"))
    roles = tables.TemplateColumn(
        template_name="organisation/partials/roles_cell.html",
        verbose_name=_("Roles"),
        orderable=False,
    )
    is_active = tables.BooleanColumn(verbose_name=_("Active"), yesno=(_("Yes"), _("No")))

    class Meta:
        model = User
        fields = ["name", "email", "title", "roles", "is_active"]
        attrs = {"class": "table table-striped align-middle"}


class WorkingGroupTable(tables.Table):
    name = tables.Column(linkify=True, verbose_name=_("Name"))
    area = tables.Column(verbose_name=_("Area"))
    convener = tables.Column(verbose_name=_("Convener"), order_by=("convener__last_name",))
    member_count = tables.Column(verbose_name=_("Members"))
    meeting_count = tables.Column(verbose_name=_("Meetings"))
    last_meeting = tables.DateColumn(verbose_name=_("Last meeting"))

    class Meta:
        model = WorkingGroup
        fields = ["name", "area", "convener", "member_count", "meeting_count", "last_meeting"]
        attrs = {"class": "table table-striped align-middle"}


class RoutineTable(tables.Table):
    title = tables.Column(linkify=True, verbose_name=_("Title"))
    area = tables.Column(verbose_name=_("Area"))
    school = tables.Column(verbose_name=_("School"), default=_("Whole organisation"))
    owner = tables.Column(verbose_name=_("Owner"), order_by=("owner__last_name",))
    last_reviewed_on = tables.DateColumn(verbose_name=_("Last reviewed"))
    next_review_on = tables.TemplateColumn(
        template_name="organisation/partials/routine_review_cell.html",
        verbose_name=_("Next review"),
    )

    class Meta:
        model = Routine
        fields = ["title", "area", "school", "owner", "last_reviewed_on", "next_review_on"]
        attrs = {"class": "table table-striped align-middle"}


class SupportRequestTable(tables.Table):
    subject = tables.Column(linkify=True, verbose_name=_("Subject"))
    category = tables.Column(verbose_name=_("Category"))
    school = tables.Column(verbose_name=_("School"))
    requester = tables.Column(verbose_name=_("Requester"), order_by=("requester__last_name",))
    status = tables.TemplateColumn(
        template_name="organisation/partials/support_status_cell.html", verbose_name=_("Status")
    )
    handled_by = tables.Column(
        accessor="handled_by_label", verbose_name=_("Handled by"), orderable=False
    )
    created = tables.DateTimeColumn(verbose_name=_("Filed"), format="Y-m-d H:i")

    class Meta:
        model = SupportRequest
        fields = ["subject", "category", "school", "requester", "status", "handled_by", "created"]
        attrs = {"class": "table table-striped align-middle"}


class HelpArticleTable(tables.Table):
    title = tables.Column(linkify=True, verbose_name=_("Question"))
    category = tables.Column(verbose_name=_("Category"))
    updated = tables.DateColumn(verbose_name=_("Updated"))

    class Meta:
        model = HelpArticle
        fields = ["title", "category", "updated"]
        attrs = {"class": "table table-striped align-middle"}


class ScanningNoteTable(tables.Table):
    title = tables.Column(linkify=True, verbose_name=_("Title"))
    source = tables.Column(verbose_name=_("Source"))
    plan_part = tables.Column(verbose_name=_("Part of the plan"))
    tags = tables.Column(verbose_name=_("Tags"))
    noted_on = tables.DateColumn(verbose_name=_("Date"))
    author = tables.Column(verbose_name=_("Author"), order_by=("author__last_name",))

    class Meta:
        model = ScanningNote
        fields = ["title", "source", "plan_part", "tags", "noted_on", "author"]
        attrs = {"class": "table table-striped align-middle"}


class ProjectTable(tables.Table):
    name = tables.Column(linkify=True, verbose_name=_("Name"))
    funder = tables.Column(verbose_name=_("Funder"))
    number = tables.Column(verbose_name=_("Project number"))
    starts_on = tables.DateColumn(verbose_name=_("Starts on"), format="Y-m-d")
    ends_on = tables.DateColumn(verbose_name=_("Ends on"), format="Y-m-d")
    budget = tables.Column(verbose_name=_("Budget (kr)"))

    class Meta:
        model = Project
        fields = ["name", "funder", "number", "starts_on", "ends_on", "budget"]
        attrs = {"class": "table table-striped align-middle"}
