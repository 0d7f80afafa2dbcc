from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from goals.models import Action
from goals.selectors import active_plan
from vuxportal.forms import DateInput, SchoolChoiceMixin, ScopedForm, ScopedModelForm
from vuxportal.roles import Role

from .models import (
    ActivityEvaluation,
    Area,
    Competence,
    Framework,
    Level,
    PracticeExample,
    TrainingActivity,
    TrainingRecord,
)


def https_urls(field, **kwargs):
    """Links typed without a scheme get https:// (Django 6's default, chosen now)."""
    if isinstance(field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return field.formfield(**kwargs)


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


def _competence_field(label=None):
    return forms.ModelMultipleChoiceField(
        label=label or _("Competences"),
        queryset=Competence.objects.filter(area__framework__is_active=True).select_related(
            "area__framework"
        ),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )


def _action_field():
    """The goal action a session or an example serves: the active plan's actions in use (the
    base form then narrows them to what the user may pick)."""
    plan = active_plan()
    return forms.ModelChoiceField(
        label=_("Action in the plan"),
        queryset=Action.objects.in_use().filter(plan=plan).order_by("title")
        if plan
        else Action.objects.none(),
        required=False,
        help_text=_("The action of the digitalisation plan this serves."),
    )


class FrameworkForm(ScopedModelForm):
    audience_roles = forms.MultipleChoiceField(
        label=_("Audience"),
        choices=Role.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Roles asked to self-assess this framework; none ticked means everyone."),
    )

    class Meta:
        model = Framework
        fields = ["name", "code", "description", "is_active", "audience_roles", "target_level"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        levels = list(self.instance.levels.all()) if self.instance.pk else []
        if levels:
            # On a framework with a scale, the target is picked among its levels.
            self.fields["target_level"] = forms.TypedChoiceField(
                label=_("Target level"),
                choices=[("", "–")] + [(lv.value, str(lv)) for lv in levels],
                coerce=int,
                empty_value=None,
                required=False,
                help_text=_("The level everyone should reach, e.g. B1."),
            )


class SelfAssessmentForm(forms.Form):
    """One choice per competence on the framework's scale, plus a reflection."""

    def __init__(self, *args, framework, competences, levels, initial_levels=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.framework = framework
        choices = [(lv.value, str(lv)) for lv in levels]
        self.groups = []
        initial_levels = initial_levels or {}
        current_area = None
        for competence in competences:
            name = f"c{competence.pk}"
            self.fields[name] = forms.TypedChoiceField(
                label=str(competence),
                choices=choices,
                coerce=int,
                widget=forms.RadioSelect,
                initial=initial_levels.get(competence.pk),
                help_text=competence.description,
                error_messages={"required": _("Choose a level for this competence.")},
            )
            if competence.area_id != current_area:
                self.groups.append((competence.area, []))
                current_area = competence.area_id
            self.groups[-1][1].append(name)
        self.fields["reflection"] = forms.CharField(
            label=_("Reflection"),
            widget=forms.Textarea(attrs={"rows": 4}),
            required=False,
            help_text=_("What do you want to develop next, and how?"),
        )

    def grouped(self):
        return [(area, [self[name] for name in names]) for area, names in self.groups]

    def levels(self) -> dict[int, int]:
        return {
            int(name[1:]): value
            for name, value in self.cleaned_data.items()
            if name.startswith("c") and name[1:].isdigit()
        }


class ActivityForm(SchoolChoiceMixin, ScopedModelForm):
    audience_roles = forms.MultipleChoiceField(
        label=_("Audience"),
        choices=Role.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    competences = _competence_field(_("Competences and TPACK domains"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"] = _action_field()

    class Meta:
        model = TrainingActivity
        formfield_callback = https_urls
        fields = [
            "title",
            "description",
            "format",
            "series",
            "starts_at",
            "ends_at",
            "hours",
            "place",
            "online_url",
            "audience_roles",
            "competences",
            "action",
            "capacity",
            "school",
        ]
        widgets = {"starts_at": DateTimeInput(), "ends_at": DateTimeInput()}

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends < starts:
            self.add_error("ends_at", _("The session cannot end before it starts."))
        return data


class AttendanceForm(forms.Form):
    def __init__(self, *args, enrolments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attended"] = forms.MultipleChoiceField(
            label=_("Attended"),
            choices=[(e.pk, e.person.display_name) for e in enrolments],
            required=False,
            widget=forms.CheckboxSelectMultiple,
        )


class EvaluationForm(ScopedModelForm):
    SCORES = [(i, str(i)) for i in range(1, 6)]
    overall = forms.TypedChoiceField(
        label=_("Overall, how good was the session? (1 = poor, 5 = very good)"),
        choices=SCORES,
        coerce=int,
        widget=forms.RadioSelect,
    )
    relevance = forms.TypedChoiceField(
        label=_("How relevant was it to my teaching? (1 = not at all, 5 = very)"),
        choices=SCORES,
        coerce=int,
        widget=forms.RadioSelect,
    )
    will_use = forms.TypedChoiceField(
        label=_("Will I use it in my work?"),
        choices=ActivityEvaluation.WillUse.choices,
        coerce=int,
        widget=forms.RadioSelect,
    )

    class Meta:
        model = ActivityEvaluation
        fields = ["overall", "relevance", "will_use", "comment"]
        widgets = {"comment": forms.Textarea(attrs={"rows": 3})}


class TrainingRecordForm(ScopedModelForm):
    competences = _competence_field()

    class Meta:
        model = TrainingRecord
        fields = ["date", "title", "hours", "kind", "competences", "reflection", "certificate"]
        widgets = {"date": DateInput(), "reflection": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Sessions are logged by attendance, not by hand.
        self.fields["kind"].choices = [
            c for c in self.fields["kind"].choices if c[0] != TrainingRecord.Kind.SESSION
        ]
        self.fields["hours"].widget.attrs["min"] = "0"

    def clean_hours(self):
        hours = self.cleaned_data.get("hours")
        if hours is not None and hours < 0:
            raise ValidationError(_("Hours cannot be negative."))
        return hours


class PracticeExampleForm(ScopedModelForm):
    competences = _competence_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"] = _action_field()

    class Meta:
        model = PracticeExample
        formfield_callback = https_urls
        fields = [
            "title",
            "summary",
            "body",
            "subject",
            "tools",
            "competences",
            "action",
            "link",
            "attachment",
            "is_published",
        ]
        widgets = {"body": forms.Textarea(attrs={"rows": 8})}


LevelFormSet = forms.inlineformset_factory(
    Framework,
    Level,
    fields=["value", "code", "name", "description"],
    extra=1,
    can_delete=True,
    widgets={"description": forms.TextInput()},
)
AreaFormSet = forms.inlineformset_factory(
    Framework,
    Area,
    fields=["number", "name", "description"],
    extra=1,
    can_delete=True,
    widgets={"description": forms.TextInput()},
)
CompetenceFormSet = forms.inlineformset_factory(
    Area,
    Competence,
    fields=["order", "code", "name", "description"],
    extra=2,
    can_delete=True,
    widgets={"description": forms.TextInput()},
)


# --- Development plans (issue 16) -------------------------------------------------------------


class DevelopmentPlanForm(ScopedForm):
    """Up to three focus competences and a note; the view hands in the competences of the
    frameworks meant for the person (``plans.focus_choices``), the service checks again."""

    focus = forms.ModelMultipleChoiceField(
        label=_("Focus competences"),
        queryset=Competence.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Pick up to three. Your lowest ratings are suggested."),
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What you want to develop, and how."),
    )

    def __init__(self, *args, competences, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["focus"].queryset = competences
        self.fields["focus"].label_from_instance = lambda c: (
            f"{c.area.framework.name}: {c.code} {c.name}"
        )


class PlanCommentForm(ScopedForm):
    text = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}))
