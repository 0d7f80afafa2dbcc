from django import forms
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vuxportal.forms import DateInput, SchoolChoiceMixin, ScopedForm, ScopedModelForm
from vuxportal.roles import Role
from vuxportal.scoping import access_of

from .models import (
    Decision,
    HelpArticle,
    Meeting,
    Membership,
    Project,
    Routine,
    ScanningNote,
    School,
    SupportRequest,
    User,
    WorkingGroup,
)
from .responsibilities import responsibilities
from .services import MAX_DESCRIPTION_CHARS


class SchoolForm(ScopedModelForm):
    class Meta:
        model = School
        fields = ["name", "code", "address", "student_places", "is_active"]


class PersonInviteForm(ScopedForm):
    scope_model = Membership
    email = forms.EmailField(label=_("Email address"))
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    title = forms.CharField(label=_("Job title"), max_length=120, required=False)
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    school = forms.ModelChoiceField(
        label=_("School"),
        queryset=School.objects.active(),
        required=False,
        help_text=_("Leave empty for an organisation-wide role."),
    )
    send_invitation = forms.BooleanField(
        label=_("Email an invitation with a link to choose a password"),
        required=False,
        initial=True,
    )


class PersonForm(ScopedModelForm):
    class Meta:
        model = User
        fields = ["first_name", "last_name", "email", "title", "language"]


class MembershipForm(ScopedModelForm):
    class Meta:
        model = Membership
        fields = ["role", "school", "starts_on"]
        widgets = {"starts_on": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = School.objects.active()


def _https_urls(field, **kwargs):
    """Model form fields as usual; links typed without a scheme get https://."""
    from django.db import models

    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)


# --- Working groups, meetings, decisions ----------------------------------------------------


def _people():
    # The base form narrows this to the people the user may pick (``choosable_by``).
    return User.objects.active().order_by("last_name", "first_name")


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.display_name} ({obj.email})"


class PeopleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.display_name} ({obj.email})"


class WorkingGroupForm(ScopedModelForm):
    convener = PersonChoiceField(label=_("Convener"), queryset=_people(), required=False)
    members = PeopleChoiceField(
        label=_("Members"),
        queryset=_people(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 10}),
        help_text=_("Members can come from every school. Hold Ctrl (or ⌘) to choose several."),
    )

    class Meta:
        model = WorkingGroup
        fields = ["name", "area", "purpose", "convener", "members", "is_active"]
        widgets = {"purpose": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Querysets are evaluated per form, so new people show up without a restart.
        self.fields["convener"].queryset = _people()
        self.fields["members"].queryset = _people()


class MeetingForm(ScopedModelForm):
    class Meta:
        model = Meeting
        fields = ["held_on", "agenda", "minutes"]
        widgets = {
            "held_on": DateInput(),
            "agenda": forms.Textarea(attrs={"rows": 4}),
            "minutes": forms.Textarea(attrs={"rows": 6}),
        }


class DecisionForm(ScopedModelForm):
    responsible = PersonChoiceField(label=_("Responsible"), queryset=_people(), required=False)

    class Meta:
        model = Decision
        fields = ["text", "responsible", "due_on"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2}), "due_on": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].required = False  # empty rows of the formset are skipped
        self.fields["responsible"].queryset = _people()


class BaseDecisionFormSet(forms.BaseFormSet):
    """The decisions recorded with a meeting. Given the meeting's date (known once the
    meeting form is valid), no decision may fall due before it: the error goes on the row
    that has it, where the service could only name the field."""

    def __init__(self, *args, held_on=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.held_on = held_on

    def clean(self):
        super().clean()
        if not self.held_on:
            return
        for form in self.forms:
            due_on = getattr(form, "cleaned_data", {}).get("due_on")
            if due_on and due_on < self.held_on:
                form.add_error("due_on", _("The due date cannot be before the meeting."))

    def rows(self) -> list[dict]:
        """The filled-in rows as the service takes them (empty rows are skipped)."""
        return [
            {key: form.cleaned_data[key] for key in ("text", "responsible", "due_on")}
            for form in self.forms
            if form.cleaned_data.get("text", "").strip()
        ]


DecisionFormSet = forms.formset_factory(
    DecisionForm, formset=BaseDecisionFormSet, extra=3, max_num=20
)


# --- Routines -------------------------------------------------------------------------------


class RoutineForm(ScopedModelForm):
    owner = PersonChoiceField(label=_("Owner"), queryset=_people(), required=False)

    class Meta:
        model = Routine
        formfield_callback = _https_urls
        fields = [
            "title",
            "area",
            "school",
            "owner",
            "description",
            "link",
            "last_reviewed_on",
            "review_interval_months",
            "is_active",
        ]
        widgets = {
            "last_reviewed_on": DateInput(),
            "description": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = School.objects.active()
        self.fields["owner"].queryset = _people()
        self.fields["review_interval_months"].min_value = 1
        self.fields["review_interval_months"].max_value = 60
        self.fields["review_interval_months"].validators += [
            MinValueValidator(1),
            MaxValueValidator(60),
        ]

    def clean_last_reviewed_on(self):
        value = self.cleaned_data.get("last_reviewed_on")
        if value and value > timezone.localdate():
            raise forms.ValidationError(_("The review date cannot be in the future."))
        return value


# --- Support --------------------------------------------------------------------------------


class SupportRequestForm(SchoolChoiceMixin, ScopedModelForm):
    class Meta:
        model = SupportRequest
        fields = ["category", "school", "subject", "description", "attachment"]
        widgets = {"description": forms.Textarea(attrs={"rows": 6})}
        help_texts = {
            "subject": _("A few words, e.g. “Cannot sign in to the learning platform”."),
            "description": _(
                "What happened, what you expected and what you have tried. Never write "
                "passwords here."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["subject"].error_messages["required"] = _("Write a short subject.")
        self.fields["description"].error_messages["required"] = _(
            "Describe what you need help with."
        )
        self.fields["category"].error_messages["required"] = _("Choose a category.")
        self.fields["school"].error_messages["required"] = _("Choose your school.")
        self.fields["description"].max_length = MAX_DESCRIPTION_CHARS
        self.fields["description"].validators.append(
            MaxLengthValidator(
                MAX_DESCRIPTION_CHARS,
                message=_("The description is too long: at most %(limit_value)d characters."),
            )
        )

    def clean_subject(self):
        value = self.cleaned_data["subject"].strip()
        if not value:
            raise forms.ValidationError(_("Write a short subject."))
        return value

    def clean_description(self):
        value = self.cleaned_data["description"].strip()
        if not value:
            raise forms.ValidationError(_("Describe what you need help with."))
        return value


class SupportReplyForm(forms.Form):
    body = forms.CharField(
        label=_("Message"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=MAX_DESCRIPTION_CHARS,
        error_messages={"required": _("Write a message.")},
    )
    status = forms.ChoiceField(
        label=_("New status"),
        required=False,
        choices=[("", _("Keep the status")), *SupportRequest.Status.choices],
    )

    def __init__(self, *args, is_handler: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not is_handler:
            del self.fields["status"]


class SupportHandleForm(ScopedModelForm):
    class Meta:
        model = SupportRequest
        fields = ["status", "handling_group"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["handling_group"].queryset = WorkingGroup.objects.filter(is_active=True)
        self.fields["handling_group"].empty_label = _("IT staff at the school")


class HelpArticlePublishForm(ScopedModelForm):
    class Meta:
        model = HelpArticle
        fields = ["title", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 8})}
        help_texts = {
            "title": _("Phrase it as a question others may have."),
            "body": _("Write the answer so that anyone can follow it; leave out names."),
        }


class HelpArticleForm(ScopedModelForm):
    class Meta:
        model = HelpArticle
        fields = ["title", "category", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 8})}


# --- Scanning -------------------------------------------------------------------------------


class ScanningNoteForm(ScopedModelForm):
    class Meta:
        model = ScanningNote
        formfield_callback = _https_urls
        fields = ["title", "source", "link", "summary", "plan_part", "tags", "noted_on"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 5}), "noted_on": DateInput()}


# --- Responsibilities -----------------------------------------------------------------------


class HandOverForm(ScopedForm):
    # Handing over moves every kind of responsibility; the people to hand over to are
    # those an administrator (who alone may hand over) may pick for any of them.
    scope_model = Membership

    to_person = PersonChoiceField(
        label=_("Hand everything over to"), queryset=_people(), empty_label=_("Choose a person")
    )

    def __init__(self, *args, from_person, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_person"].queryset = _people().exclude(pk=from_person.pk)


class ResponsibilityFilterForm(forms.Form):
    """A read-only filter of the responsibility page, which every role reads whole: it
    offers the names already on the page (no emails) and changes nothing."""

    is_filter = True

    person = forms.ModelChoiceField(
        label=_("Person"), queryset=User.objects.all(), required=False, empty_label=_("Everyone")
    )
    school = forms.ModelChoiceField(
        label=_("School"), queryset=School.objects.all(), required=False, empty_label=_("All")
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # The people who are responsible for something, and oneself: a list of everyone
        # would be thousands of names. Administrators also see leavers, to hand them over.
        people = User.objects.filter(responsibilities.responsible_people_q() | Q(pk=user.pk))
        if not access_of(user).is_administrator:
            people = people.filter(is_active=True)
        # Only what the option's label needs; "pk" keeps namesakes in a stable order.
        self.fields["person"].queryset = people.only(
            "first_name", "last_name", "email", "is_active"
        ).order_by("last_name", "first_name", "pk")


class ProjectForm(ScopedModelForm):
    owner = PersonChoiceField(label=_("Project owner"), queryset=_people(), required=False)

    class Meta:
        model = Project
        fields = [
            "name",
            "funder",
            "programme",
            "number",
            "starts_on",
            "ends_on",
            "owner",
            "owner_name",
            "budget",
            "co_financing",
            "description",
        ]
        widgets = {
            "starts_on": DateInput(),
            "ends_on": DateInput(),
            "description": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = _people()


class HourlyCostsForm(ScopedForm):
    """One amount per role (kr per hour); empty means the role's hours are not valued."""

    def __init__(self, *args, current: dict, **kwargs):
        super().__init__(*args, **kwargs)
        for role, label in Role.choices:
            self.fields[role] = forms.DecimalField(
                label=label,
                required=False,
                min_value=0,
                max_digits=8,
                decimal_places=2,
                initial=current.get(role),
                help_text=_("kr per hour, e.g. salary with social costs"),
            )
