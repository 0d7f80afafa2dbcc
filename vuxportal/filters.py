"""Filters shared by the apps' FilterSets (pages and API alike).

Numbers in a query string are bounded before they reach the database: an id or a year
out of range is a 400 with a message, never a database error (the API is fuzzed).
"""

import django_filters
from django import forms

MAX_ID = 2**63 - 1


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
