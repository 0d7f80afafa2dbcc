import django_tables2 as tables
from django.middleware.csrf import get_token
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from vuxportal.tables import ATTRS, DateColumn, DateTimeColumn, Table

from .models import Framework, PracticeExample, TrainingActivity, TrainingRecord


class FrameworkTable(Table):
    name = tables.Column(linkify=True, verbose_name=_("Name"))
    code = tables.Column(verbose_name=_("Code"))
    area_count = tables.Column(verbose_name=_("Areas"))
    is_active = tables.BooleanColumn(verbose_name=_("Active"), yesno=(_("Yes"), _("No")))

    class Meta:
        model = Framework
        fields = ["name", "code", "area_count", "is_active"]
        attrs = ATTRS


class ActivityTable(Table):
    title = tables.Column(linkify=True, verbose_name=_("Title"))
    starts_at = DateTimeColumn(verbose_name=_("Starts at"), format="Y-m-d H:i")
    format = tables.Column(verbose_name=_("Format"))
    series = tables.Column(verbose_name=_("Series"))
    hours = tables.Column(verbose_name=_("Hours"))
    enrolled_count = tables.Column(verbose_name=_("Enrolled"))
    capacity = tables.Column(verbose_name=_("Capacity"), default="–")

    class Meta:
        model = TrainingActivity
        fields = ["title", "starts_at", "format", "series", "hours", "enrolled_count", "capacity"]
        attrs = ATTRS


class TrainingRecordTable(Table):
    date = DateColumn(verbose_name=_("Date"), format="Y-m-d")
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
    confirm = tables.Column(verbose_name=_("Actions"), orderable=False, empty_values=())

    class Meta(TrainingRecordTable.Meta):
        fields = ["person", "school", "date", "title", "kind", "hours", "confirmed", "confirm"]
        sequence = fields

    def render_confirm(self, record):
        if record.is_confirmed:
            return gettext("Confirmed")
        return format_html(
            '<form method="post" action="{}">'
            '<input type="hidden" name="csrfmiddlewaretoken" value="{}">'
            '<input type="hidden" name="next" value="{}">'
            '<button type="submit" class="btn btn-sm btn-outline-primary">{}'
            '<span class="visually-hidden"> {}, {}</span></button></form>',
            reverse("competence:record_confirm", args=[record.pk]),
            get_token(self.request),
            self.request.get_full_path(),
            gettext("Confirm"),
            record.title,
            record.person.display_name,
        )


class PracticeExampleTable(Table):
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
