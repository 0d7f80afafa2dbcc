from django import forms
from django.utils.translation import gettext_lazy as _
from django_celery_beat.models import PeriodicTask

from goals.models import ReportingPeriod
from organisation.models import School
from vuxportal.forms import ScopedForm
from vuxportal.scoping import may_act_for_school

from .models import Report, ReportKind


class ReportRequestForm(ScopedForm):
    # The schools offered (and accepted) are those the user may compile reports for.
    scope_model = Report

    kind = forms.ChoiceField(label=_("Kind of report"), choices=ReportKind.choices)
    period = forms.ModelChoiceField(
        label=_("Period"), queryset=ReportingPeriod.objects.order_by("-sort_key")
    )
    school = forms.ModelChoiceField(
        label=_("School"),
        queryset=School.objects.filter(is_active=True),
        required=False,
        empty_label=_("Whole organisation"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not may_act_for_school(self.user, Report, None):
            self.fields["school"].required = True
            self.fields["school"].empty_label = None
            self.fields["school"].help_text = _("You can compile the reports of your schools.")


CRON_HELP = _("Cron syntax: a number, * for every, */5 for every fifth, 1-5 for a range.")


class ScheduleForm(forms.ModelForm):
    minute = forms.CharField(label=_("Minute"), max_length=60, help_text=CRON_HELP)
    hour = forms.CharField(label=_("Hour"), max_length=60)
    day_of_week = forms.CharField(
        label=_("Day of the week"), max_length=60, help_text=_("0 or 7 = Sunday, 1 = Monday.")
    )

    class Meta:
        model = PeriodicTask
        fields = ["enabled"]
        labels = {"enabled": _("Enabled")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        crontab = self.instance.crontab
        if crontab is not None:
            self.initial.update(
                minute=crontab.minute, hour=crontab.hour, day_of_week=crontab.day_of_week
            )
