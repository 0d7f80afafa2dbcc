from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from organisation.models import School
from vuxportal.forms import DateInput, ScopedModelForm

from . import selectors, services
from .models import (
    Action,
    ActionPlan,
    AssessmentStatus,
    Goal,
    Indicator,
    Measurement,
    Prerequisite,
    PrerequisiteFollowUp,
    ReportingPeriod,
)


def value_field(indicator: Indicator, *, label, required: bool = False) -> forms.DecimalField:
    """A number field that accepts Swedish decimals ("12,5") and explains its range."""
    maximum = indicator.max_value()
    messages = {
        "invalid": _("Enter a number, for example 12 or 12,5."),
        "min_value": _("The value cannot be negative."),
        "max_value": _("A percentage must be between 0 and 100."),
        "max_digits": _("The number is too large."),
        "max_decimal_places": _("Use at most two decimals."),
    }
    return forms.DecimalField(
        label=label,
        required=required,
        min_value=Decimal(0),
        max_value=maximum,
        max_digits=12,
        decimal_places=2,
        localize=True,
        error_messages=messages,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )


class ReportForm(forms.Form):
    """One school's (or the organisation's) report for a period: the manual indicators'
    values with comments, and per goal an assessment. Field names carry the id:
    ``value_<indicator>``, ``comment_<indicator>``, ``status_<goal>``, ``reason_<goal>``,
    ``analysis_<goal>``, ``next_steps_<goal>``."""

    def __init__(self, *args, state: selectors.ReportState, submitting=False, **kwargs):
        super().__init__(*args, **kwargs)
        # A draft may leave override reasons for later; submitting requires them.
        self.submitting = submitting
        # The report as the page worked it out once (``selectors.report_state``).
        self.state = state
        self.goals = state.goals
        self.manual = state.manual
        for indicator in self.manual:
            self.fields[f"value_{indicator.pk}"] = value_field(
                indicator, label=_("Value (%(unit)s)") % {"unit": indicator.get_unit_display()}
            )
            self.fields[f"comment_{indicator.pk}"] = forms.CharField(
                label=_("Comment"),
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        for goal in self.goals:
            self.fields[f"status_{goal.pk}"] = forms.ChoiceField(
                label=_("Status"), choices=AssessmentStatus.choices
            )
            self.fields[f"reason_{goal.pk}"] = forms.CharField(
                label=_("Reason for another status than the suggested"),
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            self.fields[f"analysis_{goal.pk}"] = forms.CharField(
                label=_("Analysis"), required=False, widget=forms.Textarea(attrs={"rows": 3})
            )
            self.fields[f"next_steps_{goal.pk}"] = forms.CharField(
                label=_("Next steps"), required=False, widget=forms.Textarea(attrs={"rows": 3})
            )
        self.suggestions = state.suggestions()
        # What is saved, else the suggested status (from the state: no query).
        self.initial = {**self.initial_from_state(), **self.initial}

    def typed_values(self) -> dict[int, Decimal | None]:
        return {i.pk: self.cleaned_data.get(f"value_{i.pk}") for i in self.manual}

    def initial_from_state(self) -> dict:
        """What the fields start with: the saved values and assessments, else the
        suggested status."""
        state, initial = self.state, {}
        for indicator_id, m in state.measurements.items():
            if m.source == Measurement.Source.MANUAL:
                initial[f"value_{indicator_id}"] = m.value
                initial[f"comment_{indicator_id}"] = m.comment
        for goal in self.goals:
            a = state.assessments.get(goal.pk)
            initial[f"status_{goal.pk}"] = a.status if a else self.suggestions[goal.pk]
            if a:
                initial[f"reason_{goal.pk}"] = a.override_reason
                initial[f"analysis_{goal.pk}"] = a.analysis
                initial[f"next_steps_{goal.pk}"] = a.next_steps
        return initial

    def measurement_inputs(self) -> list[services.MeasurementInput]:
        data = self.cleaned_data
        return [
            services.MeasurementInput(
                indicator=i,
                value=data.get(f"value_{i.pk}"),
                comment=data.get(f"comment_{i.pk}", ""),
            )
            for i in self.manual
        ]

    def assessment_inputs(self) -> list[services.AssessmentInput]:
        data = self.cleaned_data
        return [
            services.AssessmentInput(
                goal=g,
                status=data[f"status_{g.pk}"],
                analysis=data.get(f"analysis_{g.pk}", ""),
                next_steps=data.get(f"next_steps_{g.pk}", ""),
                override_reason=data.get(f"reason_{g.pk}", ""),
            )
            for g in self.goals
        ]

    def sections(self) -> list[dict]:
        """Per goal, its indicators' rows and its assessment fields, for the template."""
        state, by_goal = self.state, self.state.indicators_by_goal()
        sections = []
        for goal in self.goals:
            rows = [
                {
                    "indicator": indicator,
                    "target": state.targets.get(indicator.pk),
                    "value": state.values.get(indicator.pk),
                    "measurement": state.measurements.get(indicator.pk),
                    "value_field": None
                    if indicator.is_automatic
                    else self[f"value_{indicator.pk}"],
                    "comment_field": (
                        None if indicator.is_automatic else self[f"comment_{indicator.pk}"]
                    ),
                }
                for indicator in by_goal.get(goal.pk, [])
            ]
            suggested = self.suggestions[goal.pk]
            sections.append(
                {
                    "goal": goal,
                    "rows": rows,
                    "suggested": suggested,
                    "suggested_label": AssessmentStatus(suggested).label,
                    "assessment": state.assessments.get(goal.pk),
                    "status_field": self[f"status_{goal.pk}"],
                    "reason_field": self[f"reason_{goal.pk}"],
                    "analysis_field": self[f"analysis_{goal.pk}"],
                    "next_steps_field": self[f"next_steps_{goal.pk}"],
                }
            )
        return sections

    def clean(self):
        cleaned = super().clean()
        # The suggestion follows what was just typed; an invalid value counts as missing.
        self.suggestions = self.state.suggestions(self.typed_values())
        for goal in self.goals:
            status = cleaned.get(f"status_{goal.pk}")
            reason = (cleaned.get(f"reason_{goal.pk}") or "").strip()
            suggested = self.suggestions[goal.pk]
            if self.submitting and status and status != suggested and not reason:
                self.add_error(
                    f"reason_{goal.pk}",
                    _("You chose another status than the suggested (%(suggested)s). Write why.")
                    % {"suggested": AssessmentStatus(suggested).label},
                )
        return cleaned


class DashboardFilterForm(forms.Form):
    """School and period filter, showing what the request context chose; its choices
    come from the lists the context already loaded, so rendering it runs no query."""

    school = forms.TypedChoiceField(label=_("School"), required=False, coerce=int)
    period = forms.TypedChoiceField(label=_("Period"), required=False, coerce=int)

    def __init__(self, *, context, **kwargs):
        super().__init__(**kwargs)
        self.fields["school"].choices = [("", _("Whole organisation"))] + [
            (s.pk, s.name) for s in context.schools
        ]
        self.fields["period"].choices = [(p.pk, str(p)) for p in reversed(context.periods)]
        self.initial = {
            "school": context.school.pk if context.school else "",
            "period": context.period.pk if context.period else "",
        }
        for field in self.fields.values():
            field.widget.attrs["data-autosubmit"] = ""


class PlanForm(ScopedModelForm):
    class Meta:
        model = ActionPlan
        fields = [
            "title",
            "starts_year",
            "ends_year",
            "vision",
            "model_basis",
            "summary",
            "decided_on",
            "decided_by",
        ]
        widgets = {"decided_on": DateInput()}


class PlanCopyForm(forms.Form):
    title = forms.CharField(label=_("Title of the new plan"), max_length=200)
    starts_year = forms.IntegerField(label=_("First year"), min_value=2000, max_value=2100)
    ends_year = forms.IntegerField(label=_("Last year"), min_value=2000, max_value=2100)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("starts_year"), cleaned.get("ends_year")
        if start and end and end < start:
            self.add_error("ends_year", _("The last year cannot be before the first."))
        return cleaned


class GoalForm(ScopedModelForm):
    class Meta:
        model = Goal
        fields = ["number", "title", "description", "part", "responsible"]


class IndicatorForm(ScopedModelForm):
    """An indicator with one target field per year of its plan."""

    class Meta:
        model = Indicator
        fields = [
            "name",
            "description",
            "unit",
            "direction",
            "kind",
            "metric_key",
            "per_school",
            "baseline",
            "baseline_year",
            "order",
        ]

    def __init__(self, *args, goal, **kwargs):
        super().__init__(*args, **kwargs)
        from vuxportal.metrics import metrics

        self.goal = goal
        self.instance.goal = goal
        self.fields["metric_key"] = forms.ChoiceField(
            label=_("Metric"),
            required=False,
            choices=[("", _("None (entered by hand)")), *metrics.choices()],
            help_text=_("For automatic indicators: the metric computed from live data."),
        )
        self.fields["baseline"].localize = True
        self.fields["baseline"].widget = forms.TextInput(attrs={"inputmode": "decimal"})
        self.years = list(range(goal.plan.starts_year, goal.plan.ends_year + 1))
        existing = {}
        if self.instance.pk:
            existing = {t.year: t.value for t in self.instance.targets.all()}
        for year in self.years:
            self.fields[f"target_{year}"] = value_field(
                self.instance, label=_("Target %(year)s") % {"year": year}
            )
            self.fields[f"target_{year}"].initial = existing.get(year)

    def clean(self):
        cleaned = super().clean()
        unit = cleaned.get("unit")
        if unit == Indicator.Unit.PERCENT:
            for year in self.years:
                value = cleaned.get(f"target_{year}")
                if value is not None and value > 100:
                    self.add_error(f"target_{year}", _("A percentage must be between 0 and 100."))
        return cleaned

    def targets(self) -> dict[int, Decimal | None]:
        return {year: self.cleaned_data.get(f"target_{year}") for year in self.years}


class ActionForm(ScopedModelForm):
    class Meta:
        model = Action
        fields = [
            "title",
            "description",
            "goals",
            "prerequisite",
            "schools",
            "responsible",
            "responsible_group",
            "starts_on",
            "due_on",
            "status",
            "progress",
        ]
        widgets = {
            "starts_on": DateInput(),
            "due_on": DateInput(),
            "goals": forms.CheckboxSelectMultiple,
            "schools": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.plan = plan
        # New links go to goals in use; the ones the action already has stay (the base
        # form keeps what the object refers to).
        self.fields["goals"].queryset = plan.goals.in_use()
        self.fields["prerequisite"].queryset = plan.prerequisites.all()
        self.fields["schools"].queryset = School.objects.active()


class ActionUpdateForm(forms.Form):
    text = forms.CharField(label=_("What has happened?"), widget=forms.Textarea(attrs={"rows": 3}))
    progress = forms.IntegerField(
        label=_("Progress (%)"), min_value=0, max_value=100, required=False
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("Unchanged")), *Action.Status.choices], required=False
    )


class PeriodForm(ScopedModelForm):
    class Meta:
        model = ReportingPeriod
        fields = ["year", "kind", "deadline"]
        widgets = {"deadline": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["deadline"].required = False
        self.fields["deadline"].help_text = _("Leave empty for the usual deadline.")


class PrerequisiteForm(ScopedModelForm):
    """A prerequisite and, for an open period, how it stands there (optional)."""

    period = forms.ModelChoiceField(
        label=_("Period"),
        queryset=ReportingPeriod.objects.open().order_by("sort_key"),
        required=False,
        help_text=_("The follow-up is recorded for this period; closed periods are frozen."),
    )
    status = forms.ChoiceField(
        label=_("Status in the period"),
        choices=[("", _("Not followed up")), *PrerequisiteFollowUp.Status.choices],
        required=False,
    )
    comment = forms.CharField(
        label=_("Comment on the follow-up"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    class Meta:
        model = Prerequisite
        fields = ["number", "text", "part", "responsible"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, period: ReportingPeriod | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if period is not None and not period.is_closed:
            self.fields["period"].initial = period.pk
            follow_up = (
                self.instance.follow_ups.filter(period=period).first() if self.instance.pk else None
            )
            if follow_up is not None:
                self.fields["status"].initial = follow_up.status
                self.fields["comment"].initial = follow_up.comment

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status") and not cleaned.get("period"):
            self.add_error("period", _("Choose the period the status is for."))
        return cleaned

    def follow_up(self) -> services.FollowUpInput | None:
        data = self.cleaned_data
        if not data.get("status"):
            return None
        return services.FollowUpInput(
            period=data["period"], status=data["status"], comment=data.get("comment", "")
        )


class ConfirmForm(forms.Form):
    """A destructive step's confirmation: the page says what it affects, the button
    confirms."""


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is it withdrawn?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept with the history and shown where it still appears."),
    )
