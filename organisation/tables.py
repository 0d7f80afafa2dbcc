import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from .models import School, User


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
