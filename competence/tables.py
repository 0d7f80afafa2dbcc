import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from .models import Framework, PracticeExample, TrainingActivity, TrainingRecord

ATTRS = {"class": "table table-striped align-middle"}


class FrameworkTable(tables.Table):
    name = tables.Column(linkify=True, verbose_name=_("Name"))
    code = tables.Column(verbose_name=_("Code"))
    area_count = tables.Column(verbose_name=_("Areas"))
    is_active = tables.BooleanColumn(verbose_name=_("Active"), yesno=(_("Yes"), _("No")))

    class Meta:
        model = Framework
        fields = ["name", "code", "area_count", "is_active"]
        attrs = ATTRS


class ActivityTable(tables.Table):
    title = tables.Column(linkify=True, verbose_name=_("Title"))
    starts_at = tables.DateTimeColumn(verbose_name=_("Starts at"), format="Y-m-d H:i")
    format = tables.Column(verbose_name=_("Format"))
    series = tables.Column(verbose_name=_("Series"))
    hours = tables.Column(verbose_name=_("Hours"))
    enrolled_count = tables.Column(verbose_name=_("Enrolled"))
    capacity = tables.Column(verbose_name=_("Capacity"), default="–")

    class Meta:
        model = TrainingActivity
        fields = ["title", "starts_at", "format", "series", "hours", "enrolled_count", "capacity"]
        attrs = ATTRS


class TrainingRecordTable(tables.Table):
    date = tables.DateColumn(verbose_name=_("Date"), format="Y-m-d")
    title = tables.Column(linkify=True, verbose_name=_("Title"))
    kind = tables.Column(verbose_name=_("Kind"))
    hours = tables.Column(verbose_name=_("Hours"))
    confirmed = tables.BooleanColumn(
        accessor="is_confirmed",
        verbose_name=_("Confirmed"),
        yesno=(_("Yes"), _("No")),
        orderable=False,
    )

    class Meta:
        model = TrainingRecord
        fields = ["date", "title", "kind", "hours", "confirmed"]
        attrs = ATTRS


class StaffRecordTable(TrainingRecordTable):
    person = tables.Column(
        accessor="person__display_name",
        verbose_name=_("Person"),
        order_by=("person__last_name", "person__first_name"),
    )
    school = tables.Column(verbose_name=_("School"), default="–")
    confirm = tables.TemplateColumn(
        template_name="competence/partials/confirm_cell.html",
        verbose_name=_("Actions"),
        orderable=False,
    )

    class Meta(TrainingRecordTable.Meta):
        fields = ["person", "school", "date", "title", "kind", "hours", "confirmed", "confirm"]
        sequence = fields


class PracticeExampleTable(tables.Table):
    title = tables.Column(linkify=True, verbose_name=_("Title"))
    summary = tables.Column(verbose_name=_("Summary"), orderable=False)
    subject = tables.Column(verbose_name=_("Subject or course"))
    author = tables.Column(
        accessor="author__display_name",
        verbose_name=_("Author"),
        order_by=("author__last_name", "author__first_name"),
    )
    use_count = tables.Column(verbose_name=_("Used by"))

    class Meta:
        model = PracticeExample
        fields = ["title", "summary", "subject", "author", "use_count"]
        attrs = ATTRS
