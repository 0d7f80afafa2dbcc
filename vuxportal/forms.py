"""Forms shared by every app: scoped relation fields, and Bootstrap markup with errors
linked to their fields."""

from django import forms
from django.core.exceptions import FieldDoesNotExist
from django.forms.boundfield import BoundField
from django.forms.forms import DeclarativeFieldsMetaclass
from django.forms.models import ModelFormMetaclass
from django.forms.renderers import TemplatesSetting

from .scoping import scoped_choices


class _ScopesAfterInit(type):
    """Scopes a form's relation fields once its whole ``__init__`` chain has run.

    Subclasses set their own querysets in ``__init__`` (active schools, a plan's goals);
    scoping after that, in one place, narrows whatever they set to what the user may pick,
    so a new field or form is in scope without a line of its own.
    """

    def __call__(cls, *args, **kwargs):
        form = super().__call__(*args, **kwargs)
        form.scope_relation_fields()
        return form


class ScopedFormMixin:
    """Every ``ModelChoiceField`` (and multiple-choice field) offers, and accepts, only the
    rows ``user`` may pick for ``scope_model`` (the ModelForm's model by default). An id
    outside that scope is refused with the same "not one of the available choices" as an
    id that does not exist."""

    scope_model = None

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def get_scope_model(self):
        if self.scope_model is not None:
            return self.scope_model
        meta = getattr(self, "_meta", None)
        return getattr(meta, "model", None)

    def scope_relation_fields(self) -> None:
        for_model = self.get_scope_model()
        for name, field in self.fields.items():
            if isinstance(field, forms.ModelChoiceField):
                choices = scoped_choices(field.queryset, self.user, for_model)
                kept = self._current_ids(name)
                if kept:
                    # What the object already refers to stays choosable, so editing it
                    # never drops a value the user could not have picked themselves.
                    choices = choices | field.queryset.filter(pk__in=kept)
                field.queryset = choices

    def _current_ids(self, name: str) -> list:
        instance = getattr(self, "instance", None)
        if instance is None or instance.pk is None:
            return []
        try:
            model_field = instance._meta.get_field(name)
        except FieldDoesNotExist:
            return []
        if model_field.many_to_many:
            return list(getattr(instance, name).values_list("pk", flat=True))
        if model_field.many_to_one or model_field.one_to_one:
            value = getattr(instance, model_field.attname)
            return [value] if value is not None else []
        return []


class SchoolChoiceMixin:
    """For forms with a ``school`` field: active schools only (the base then narrows them to
    the user's own), and the only one preselected when the user works with just one."""

    def scope_relation_fields(self) -> None:
        field = self.fields["school"]
        field.queryset = field.queryset.filter(is_active=True)
        super().scope_relation_fields()
        if not self.is_bound:
            schools = list(field.queryset[:2])
            if len(schools) == 1:
                field.initial = schools[0]


class ScopedFormMetaclass(_ScopesAfterInit, DeclarativeFieldsMetaclass):
    pass


class ScopedModelFormMetaclass(_ScopesAfterInit, ModelFormMetaclass):
    pass


class ScopedForm(ScopedFormMixin, forms.Form, metaclass=ScopedFormMetaclass):
    """The base of every portal form that is not a ModelForm; takes ``user=``."""


class ScopedModelForm(ScopedFormMixin, forms.ModelForm, metaclass=ScopedModelFormMetaclass):
    """The base of every portal ModelForm; takes ``user=``."""


class PortalBoundField(BoundField):
    """Adds Bootstrap's classes to each widget, and ``is-invalid`` when it has errors."""

    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        widget = widget or self.field.widget
        if isinstance(widget, forms.CheckboxInput | forms.RadioSelect):
            css = "form-check-input"
        elif isinstance(widget, forms.CheckboxSelectMultiple):
            css = ""
        elif isinstance(widget, forms.Select | forms.SelectMultiple):
            css = "form-select"
        else:
            css = "form-control"
        if self.errors and css:
            css += " is-invalid"
        existing = widget.attrs.get("class", "")
        attrs["class"] = " ".join(c for c in (existing, attrs.get("class", ""), css) if c)
        return attrs


class PortalFormRenderer(TemplatesSetting):
    form_template_name = "forms/div.html"
    field_template_name = "forms/field.html"
    bound_field_class = PortalBoundField


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None, format="%Y-%m-%d"):
        super().__init__(attrs, format=format)
