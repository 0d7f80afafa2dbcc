from django import forms
from django.utils.translation import gettext_lazy as _

from vuxportal.forms import DateInput
from vuxportal.roles import Role

from .models import Membership, School, User


class SchoolForm(forms.ModelForm):
    class Meta:
        model = School
        fields = ["name", "code", "address", "student_places", "is_active"]


class PersonInviteForm(forms.Form):
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


class PersonForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["first_name", "last_name", "email", "title", "language"]


class MembershipForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["role", "school", "starts_on"]
        widgets = {"starts_on": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = School.objects.active()
