"""The portal's tables: django-tables2, with the body of the table drawn in one pass.

django-tables2 sorts, paginates and finds each cell's value (the accessor, a choice's
label, the column's default for an empty value, the link). Its template then draws every
cell through a dozen template lookups, works the cell's attributes out afresh and reads
the render method's signature again: on a 25-row page that was most of a list page's
time. ``Table.body`` draws the same rows with the same values in one pass, doing once per
column what is the same for each of its cells. ``generic/table.html`` draws the rest
(header, sort links, pagination) as before.

``DateColumn`` and ``DateTimeColumn`` replace django-tables2's, which compile a template
for every cell, with the same formats.
"""

from __future__ import annotations

from datetime import date, datetime
from functools import partial

import django_tables2 as tables
from django.core.exceptions import FieldDoesNotExist
from django.template import Context
from django.template.base import render_value_in_context
from django.templatetags.l10n import localize, unlocalize
from django.utils.encoding import force_str
from django.utils.formats import date_format
from django.utils.hashable import make_hashable
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import template_localtime
from django_tables2.rows import BoundRow
from django_tables2.utils import Accessor, AttributeDict, computed_values, signature

# Every table's attributes (Bootstrap's striped table).
ATTRS = {"class": "table table-striped align-middle"}

# The arguments django-tables2 offers a render method (``BoundRow._optional_cell_arguments``).
CELL_ARGUMENTS = frozenset({"value", "record", "column", "bound_column", "bound_row", "table"})

# The arguments it offers a function in ``Meta.row_attrs`` (``BoundRow.attrs``).
ROW_ARGUMENTS = frozenset({"table", "record"})

# How ``{{ cell }}`` shows a value: autoescaped, localised, in the current time zone.
_CELL_CONTEXT = Context(autoescape=True)


def date_text(value, format: str) -> str:
    """What the template filter ``{{ value|date:format }}`` shows."""
    if value in (None, ""):
        return ""
    return date_format(template_localtime(value), format)


class DateColumn(tables.Column):
    """A date, as django-tables2's ``DateColumn`` shows it (the ``date`` filter's format,
    ``SHORT_DATE_FORMAT`` unless told), without compiling a template for each cell."""

    def __init__(self, format=None, short=True, **kwargs):
        self.format = format or ("SHORT_DATE_FORMAT" if short else "DATE_FORMAT")
        super().__init__(**kwargs)

    def render(self, value):
        return date_text(value, self.format)

    def value(self, value):
        return value.isoformat() if isinstance(value, date) else value


class DateTimeColumn(DateColumn):
    """A date and time in the current time zone, as django-tables2's ``DateTimeColumn``."""

    def __init__(self, format=None, short=True, **kwargs):
        format = format or ("SHORT_DATETIME_FORMAT" if short else "DATETIME_FORMAT")
        super().__init__(format=format, **kwargs)

    def value(self, value):
        return value.isoformat(sep=" ") if isinstance(value, datetime) else value


def choice_labels(field) -> dict:
    """A field's choices as ``get_FOO_display`` shows them, translated once: that method
    hashes, and so translates, every label again for each row it shows."""
    return {make_hashable(value): force_str(label) for value, label in field.flatchoices}


def _computed(attrs) -> bool:
    """Whether an attrs dict holds a value worked out per cell (a callable)."""
    return any(callable(v) or (isinstance(v, dict) and _computed(v)) for v in attrs.values())


def _field_path(model, accessor) -> list | None:
    """The fields ``accessor`` walks from ``model`` when it walks nothing but fields
    (forward relations, then a field named as such), else ``None``."""
    accessor = Accessor(accessor)
    if model is None or accessor.callable_args or accessor.callable_kwargs:
        return None
    fields = []
    for bit in accessor.bits:
        if fields:
            if not fields[-1].many_to_one and not fields[-1].one_to_one:
                return None
            model = fields[-1].related_model
        try:
            field = model._meta.get_field(bit)
        except FieldDoesNotExist:
            return None
        if not field.concrete or field.many_to_many or field.name != bit:
            return None
        if field.is_relation and field.choices:
            return None
        fields.append(field)
    return fields or None


class _Caller:
    """``call_with_appropriate(fn, arguments)`` for a cell's (or a row's) arguments, with
    the signature of ``fn`` read once rather than for every cell."""

    def __init__(self, fn, offered=CELL_ARGUMENTS):
        self.fn = fn
        wanted, catch_all = signature(fn)
        self.wanted = None if catch_all else wanted
        # django-tables2 leaves out a function that asks for more than it offers.
        self.callable = catch_all is not None or offered.issuperset(wanted)

    def __call__(self, arguments: dict):
        if not self.callable:
            return None
        if self.wanted is None:
            return self.fn(**arguments)
        return self.fn(**{name: arguments[name] for name in self.wanted})


class _Column:
    """What is the same for every cell of one column in one rendering."""

    def __init__(self, bound_column, model):
        column = bound_column.column
        self.bound_column = bound_column
        self.default = bound_column.default
        self.empty_values = column.empty_values
        self.render = _Caller(bound_column.render)
        # Column.render gives the value back as it is.
        self.plain = getattr(bound_column.render, "__func__", None) is tables.Column.render
        self.link = link = bound_column.link
        if link is not None:
            self._plan_link(link, bound_column)
        self.localize = bound_column.localize
        source = {**bound_column._table.attrs, **column.attrs}
        td = source.get("td", source.get("cell", {}))
        self.td = None if _computed(td) else self._td_html()
        # A render method that asks for neither the value nor a default for an empty
        # one (``empty_values=()``) needs no value looked up.
        wanted = self.render.wanted
        self.valueless = not (wanted is None or "value" in wanted or self.empty_values or self.link)
        self.path = _field_path(model, bound_column.accessor)
        if self.path is not None:
            *head, last = self.path
            self.head = [field.name for field in head]
            self.last = last.name
            self.labels = choice_labels(last) if last.choices else None

    def _plan_link(self, link, bound_column):
        """How ``LinkTransform`` finds the cell's link, read once: from a function
        (``linkify=callable``), a ``get_absolute_url`` along an accessor (``linkify=True``)
        or, for ``reverse()`` arguments, by django-tables2 itself."""
        self.url = _Caller(link.url) if callable(link.url) else None
        self.url_accessor = None
        if self.url is None and link.reverse_args.get("viewname") is None:
            accessor = link.accessor if link.accessor is not None else bound_column.name
            self.url_accessor = Accessor(accessor)
        # The <a>'s own attributes, worked out once unless they are per cell; the href
        # comes last, as LinkTransform puts it.
        attrs = link.attrs or {}
        self.a_attrs = None
        if not _computed(attrs) and "href" not in attrs:
            html = AttributeDict(attrs).as_html()
            self.a_attrs = mark_safe(f"{html} " if html else "")

    def _absolute_url(self, record):
        """``LinkTransform.compose_url`` for ``linkify=True``."""
        context = self.url_accessor.resolve(record)
        if not hasattr(context, "get_absolute_url"):
            if not hasattr(record, "get_absolute_url"):
                message = f"for linkify=True, '{context}' must have a method get_absolute_url"
                raise TypeError(message)
            context = record
        return context.get_absolute_url()

    def _linked(self, content, arguments):
        """``LinkTransform.__call__``."""
        if self.url is not None:
            href = self.url(arguments)
        elif self.url_accessor is not None:
            href = self._absolute_url(arguments["record"])
        else:
            return self.link(content, **arguments)
        if href is None:
            return content
        if self.a_attrs is None:
            attrs = AttributeDict(computed_values(self.link.attrs or {}, kwargs=arguments))
            attrs["href"] = href
            return format_html("<a {}>{}</a>", attrs.as_html(), content)
        return format_html('<a {}href="{}">{}</a>', self.a_attrs, href, content)

    def _td_html(self) -> str:
        html = self.bound_column.attrs["td"].as_html()
        return format_html("<td {}>", html) if html else mark_safe("<td>")

    def value(self, record):
        """What ``BoundRow._get_and_render_with`` finds for a field path, read directly."""
        for name in self.head:
            record = getattr(record, name)
            if record is None:
                return None
        value = getattr(record, self.last)
        if self.labels is not None:
            value = self.labels.get(make_hashable(value), value)
        return value

    def call_render(self, row, bound_column, value=None):
        """``BoundRow._call_render``, with signatures read once per column."""
        arguments = row._optional_cell_arguments(bound_column, value)
        content = value if self.plain else self.render(arguments)
        return self._linked(content, arguments) if self.link else content

    def cell(self, row, direct: bool) -> str:
        bound_column = self.bound_column
        if self.valueless:
            content = self.call_render(row, bound_column)
        elif direct and self.path is not None:
            value = self.value(row.record)
            if value in self.empty_values:
                content = self.default
            else:
                content = self.call_render(row, bound_column, value)
        else:
            content = row._get_and_render_with(
                bound_column, render_func=partial(self.call_render, row), default=self.default
            )
        td = self.td
        if td is None:
            # Attributes worked out from the record and the cell, as ``BoundRow.items``
            # leaves them for ``BoundColumn.attrs``.
            bound_column.current_value, bound_column.current_record = content, row.record
            td = self._td_html()
        if self.localize is not None:
            content = localize(content) if self.localize else unlocalize(content)
        return f"{td}{render_value_in_context(content, _CELL_CONTEXT)}</td>"


class _RowAttributes:
    """``BoundRow.attrs.as_html()`` with the signatures of the functions in
    ``Meta.row_attrs`` read once rather than for every row."""

    def __init__(self, table):
        self.attrs = {
            name: _Caller(value, ROW_ARGUMENTS) if callable(value) else value
            for name, value in table.row_attrs.items()
        }

    def html(self, row) -> str:
        if type(row) is not BoundRow:  # a pinned row has attributes of its own
            return row.attrs.as_html()
        arguments = {"table": row.table, "record": row.record}
        attrs = {}
        for name, value in self.attrs.items():
            if isinstance(value, _Caller):
                value = value(arguments)
            attrs[name] = computed_values(value, arguments) if isinstance(value, dict) else value
        odd_even = row.get_even_odd_css_class()
        attrs["class"] = f"{attrs['class']} {odd_even}" if attrs.get("class") else odd_even
        return AttributeDict(attrs).as_html()


class Table(tables.Table):
    """A django-tables2 table whose rows ``generic/table.html`` draws with ``body``.

    Everything django-tables2 offers for a cell works (accessors, ``render_<column>``,
    ``linkify``, ``default``, ``attrs`` with callables); ``get_column_class_names`` is
    asked once per column, as it is given no record. (A table's ``Meta`` does not inherit
    its parent's: each table sets ``attrs = ATTRS``.)
    """

    def label(self, instance, name: str):
        """``instance.get_<name>_display()``, with the labels worked out once per table."""
        known = self.__dict__.setdefault("_choice_labels", {})
        key = (type(instance), name)
        if key not in known:
            field = instance._meta.get_field(name)
            known[key] = (field.attname, choice_labels(field))
        attname, labels = known[key]
        value = getattr(instance, attname)
        return labels.get(make_hashable(value), value)

    def body(self) -> SafeString:
        """The ``<tr>`` of every row on the page, with its cells."""
        model = self.data.model
        columns = [_Column(bound_column, model) for bound_column in self.columns]
        row_attributes = _RowAttributes(self)
        rows = []
        for row in self.paginated_rows:
            # A model instance's fields are read directly; anything else (dicts, other
            # accessors) the way django-tables2 reads it.
            direct = model is not None and isinstance(row.record, model)
            cells = "".join([column.cell(row, direct) for column in columns])
            rows.append(f"<tr {row_attributes.html(row)}>{cells}</tr>")
        return mark_safe("\n".join(rows))
