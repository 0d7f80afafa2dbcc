"""Filters shared by the apps' FilterSets (pages and API alike).

Every app's FilterSet subclasses ``FilterSet`` here, which holds each filter to what the
API's schema says it takes: a boolean is ``true``/``false`` (or ``1``/``0``), an id a
whole number from 1, a date ``YYYY-MM-DD``; anything else is a form error (a 400 in the
API's error format; on a page, the filter form shows it). An empty value means "no
filter", as when a page's filter form is sent with a field left blank.

Numbers in a query string are bounded before they reach the database: an id or a year
out of range is a 400 with a message, never a database error (the API is fuzzed).
"""

import re

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django_filters import fields as filter_fields

MAX_ID = 2**63 - 1
ISO_DATE = "%Y-%m-%d"
ISO_DATETIMES = ["%Y-%m-%dT%H:%M:%S%z", "%Y-%m-%dT%H:%M:%S.%f%z", "%Y-%m-%dT%H:%M:%S"]
TRUE_VALUES = frozenset({"true", "1"})
FALSE_VALUES = frozenset({"false", "0"})
_DIGITS = re.compile(r"[0-9]+")


class BooleanSelect(forms.Select):
    """Yes, no or either. The blank choice sends an empty value, which filters nothing,
    so the page's form never sends a value the API would refuse."""

    def __init__(self, attrs=None):
        choices = [("", _("Unknown")), ("true", _("Yes")), ("false", _("No"))]
        super().__init__(attrs, choices=choices)

    def format_value(self, value):
        if value is True or value is False:
            value = "true" if value else "false"
        return super().format_value(value)


class StrictBooleanField(forms.NullBooleanField):
    """``true``/``false`` or ``1``/``0`` (any case); empty is no choice; anything else
    is an error rather than Django's silent "unknown"."""

    widget = BooleanSelect
    default_error_messages = {"invalid": _("Enter true or false.")}

    def to_python(self, value):
        if value is True or value is False or value is None:
            return value
        text = str(value).strip().lower()
        if text == "":
            return None
        if text in TRUE_VALUES:
            return True
        if text in FALSE_VALUES:
            return False
        raise ValidationError(self.error_messages["invalid"], code="invalid")

    def validate(self, value):
        pass


class IdChoiceField(filter_fields.ModelChoiceField):
    """A row chosen by its id: a malformed id is ``invalid_id``; a well-formed one that
    names no row the filter offers is ``invalid_choice`` (the API then lists nothing, as
    a filter on a value that matches no row does)."""

    default_error_messages = {"invalid_id": _("Enter an id: a whole number from 1.")}

    def to_python(self, value):
        if value not in self.empty_values:
            text = str(value).strip()
            if not _DIGITS.fullmatch(text) or not 1 <= int(text) <= MAX_ID:
                raise ValidationError(self.error_messages["invalid_id"], code="invalid_id")
            value = text
        return super().to_python(value)


def _harden(filter_) -> None:
    """Puts the strict field behind one filter (once; before its form field is built)."""
    if isinstance(filter_, django_filters.BooleanFilter):
        if filter_.field_class is forms.NullBooleanField:
            filter_.field_class = StrictBooleanField
    elif isinstance(filter_, django_filters.ModelChoiceFilter):
        if filter_.field_class is filter_fields.ModelChoiceField:
            filter_.field_class = IdChoiceField
    elif isinstance(filter_, django_filters.DateTimeFilter):
        filter_.extra.setdefault("input_formats", ISO_DATETIMES)
    elif isinstance(filter_, django_filters.DateFilter):
        filter_.extra.setdefault("input_formats", [ISO_DATE])
    else:
        return
    filter_.__dict__.pop("_field", None)


def harden(filterset) -> None:
    """Holds every filter of ``filterset`` to the strict fields above. ``FilterSet`` does
    it on creation; the API's filter backend does it again for a FilterSet that is not
    built on it, so an endpoint never takes less than its schema says."""
    for filter_ in filterset.filters.values():
        _harden(filter_)


class FilterSet(django_filters.FilterSet):
    """The base of every app's FilterSet (see the module's docstring)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        harden(self)

    def matches_nothing(self) -> bool:
        """Whether the only errors are well-formed ids that name no row on offer (out of
        scope included): the API answers those with an empty list, as it does for a
        number filter, where a page shows the form's error."""
        errors = self.form.errors.as_data()
        return bool(errors) and all(
            isinstance(self.form.fields.get(name), forms.ModelChoiceField)
            and all(error.code == "invalid_choice" for error in field_errors)
            for name, field_errors in errors.items()
        )


class IdFilter(django_filters.NumberFilter):
    """A row id (e.g. ``?school=3``)."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)


class YearFilter(django_filters.NumberFilter):
    """A calendar year (e.g. ``?year=2025``)."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1900)
        kwargs.setdefault("max_value", 2200)
        super().__init__(*args, **kwargs)


class SmallNumberFilter(django_filters.NumberFilter):
    """A small whole number such as a part of the plan."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("max_value", 32767)
        super().__init__(*args, **kwargs)
