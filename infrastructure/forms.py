from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from organisation.models import User
from vuxportal.forms import DateInput, SchoolChoiceMixin, ScopedForm, ScopedModelForm

from .models import AccessCount, Device, DeviceAudit, DeviceModel, Loan, Repair, Student, System
from .selectors import assignable_staff
from .services import default_due_on


class DeviceModelForm(ScopedModelForm):
    class Meta:
        model = DeviceModel
        fields = ["manufacturer", "name", "kind", "expected_lifetime_years", "replacement_price"]


class DeviceForm(SchoolChoiceMixin, ScopedModelForm):
    class Meta:
        model = Device
        fields = [
            "asset_tag",
            "serial_number",
            "model",
            "school",
            "location",
            "purchased_on",
            "price",
            "warranty_ends_on",
            "notes",
        ]
        widgets = {"purchased_on": DateInput(), "warranty_ends_on": DateInput()}


class AssignForm(ScopedForm):
    scope_model = Device
    user = forms.ModelChoiceField(label=_("Member of staff"), queryset=User.objects.none())

    def __init__(self, *args, device, **kwargs):
        super().__init__(*args, **kwargs)
        # The service's rule (``device_assign``), so the choices are exactly who it accepts.
        staff = assignable_staff(school_ids=[device.school_id])
        self.fields["user"].queryset = User.objects.filter(
            is_active=True, pk__in=staff.values("user_id")
        ).order_by("last_name", "first_name")


class StudentForm(SchoolChoiceMixin, ScopedModelForm):
    class Meta:
        model = Student
        fields = ["name", "reference", "school", "email", "phone"]


class WaitingListForm(forms.Form):
    need = forms.CharField(
        label=_("Need"),
        max_length=300,
        required=False,
        help_text=_("For example: needs a laptop for distance courses."),
    )


class LoanForm(ScopedForm):
    scope_model = Loan
    device = forms.ModelChoiceField(label=_("Device"), queryset=Device.objects.none())
    student = forms.ModelChoiceField(label=_("Student"), queryset=Student.objects.none())
    lent_on = forms.DateField(label=_("Lent on"), widget=DateInput())
    due_on = forms.DateField(label=_("Due on"), widget=DateInput())
    agreement_accepted = forms.BooleanField(
        label=_("The student has read and accepted the loan agreement"), required=False
    )
    notes = forms.CharField(
        label=_("Notes"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["device"].queryset = (
            Device.objects.editable_by(self.user)
            .filter(status=Device.Status.IN_STOCK)
            .select_related("model")
            .order_by("asset_tag")
        )
        self.fields["student"].queryset = Student.objects.editable_by(self.user).filter(
            pseudonymised_at__isnull=True
        )
        today = timezone.localdate()
        self.fields["lent_on"].initial = today
        self.fields["due_on"].initial = default_due_on(today)


class LoanReturnForm(forms.Form):
    returned_on = forms.DateField(label=_("Returned on"), widget=DateInput())
    condition = forms.ChoiceField(label=_("Condition on return"), choices=Loan.Condition.choices)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["returned_on"].initial = timezone.localdate()


class AuditForm(SchoolChoiceMixin, ScopedModelForm):
    class Meta:
        model = DeviceAudit
        fields = ["school", "location", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 2})}


class AuditScanForm(forms.Form):
    tags = forms.CharField(
        label=_("Asset tags"),
        widget=forms.Textarea(attrs={"rows": 4, "autocomplete": "off"}),
        help_text=_("Scan or type the asset tags, one per line (a scanner ends each with Enter)."),
    )

    def clean_tags(self):
        return [line.strip() for line in self.cleaned_data["tags"].replace(",", "\n").splitlines()]


class RepairForm(ScopedModelForm):
    device = forms.ModelChoiceField(label=_("Device"), queryset=Device.objects.none())

    class Meta:
        model = Repair
        fields = ["device", "problem", "vendor", "under_warranty"]
        widgets = {"problem": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["device"].queryset = (
            Device.objects.editable_by(self.user)
            .filter(status__in=(Device.Status.IN_STOCK, Device.Status.ASSIGNED))
            .select_related("model")
        )


class RepairCloseForm(forms.Form):
    outcome = forms.CharField(label=_("Outcome"), max_length=300)
    cost = forms.DecimalField(
        label=_("Cost"), max_digits=10, decimal_places=2, required=False, min_value=0
    )
    retire = forms.BooleanField(label=_("The device cannot be repaired: retire it"), required=False)


class SystemForm(ScopedModelForm):
    url = forms.URLField(label=_("address"), required=False, assume_scheme="https")

    class Meta:
        model = System
        fields = ["name", "kind", "purpose", "owner", "support_contact", "url", "is_active"]
        widgets = {"purpose": forms.Textarea(attrs={"rows": 3})}


class AccessCountForm(SchoolChoiceMixin, ScopedModelForm):
    class Meta:
        model = AccessCount
        fields = ["school", "counted_on", "with_access", "should_have_access"]
        widgets = {"counted_on": DateInput()}

    def clean(self):
        cleaned = super().clean()
        with_access = cleaned.get("with_access")
        should = cleaned.get("should_have_access")
        if with_access is not None and should is not None and with_access > should:
            self.add_error(
                "with_access",
                _("More people have access than should have it; check the numbers."),
            )
        return cleaned
