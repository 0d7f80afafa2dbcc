"""The API side of scoping: a permission class and a viewset mixin; and what holds every
endpoint to its schema (``vuxportal.schema`` documents the same rules).

Anonymous requests get 401/403 from DRF, a missing role permission 403, and querysets
go through the same ``visible_to``/``editable_by`` as the pages (404 out of scope).
Bodies take each value in the JSON type the schema gives and are checked against the
model's constraints; filters, orderings and pages take only what the schema allows.
"""

import copy
import datetime
import re

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_filters import utils as filter_utils
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import filters, negotiation, permissions, serializers
from rest_framework.pagination import PageNumberPagination
from rest_framework.relations import ManyRelatedField, RelatedField
from rest_framework.settings import api_settings

from .filters import MAX_ID, FilterSet, harden
from .scoping import scoped_choices

_WHOLE_NUMBER = re.compile(r"[0-9]+")
# The schema of an id in a query string (``extend_schema(parameters=[OpenApiParameter(name,
# ID_PARAMETER)])``), as ``whole_number_param`` and the FilterSets' ids read it.
ID_PARAMETER = {"type": "integer", "minimum": 1, "maximum": MAX_ID}


class ScopedPermission(permissions.BasePermission):
    """Requires sign-in, then the viewset's ``permission_required`` for the request.

    ``permission_required`` is a django-rules permission name, or a dict mapping the
    ``"read"``/``"write"`` kind of request (or a viewset action) to one.
    """

    def has_permission(self, request, view) -> bool:
        if not request.user or not request.user.is_authenticated:
            return False
        required = permission_required_for(view, request.method)
        if required is None:
            return True
        return request.user.has_perm(required)


def permission_required_for(view, method: str) -> str | None:
    """The rules permission ``view`` wants for a ``method`` request (its action's, else
    its kind's), or ``None``."""
    required = getattr(view, "permission_required", None)
    if isinstance(required, dict):
        kind = "read" if method in permissions.SAFE_METHODS else "write"
        required = required.get(getattr(view, "action", None), required.get(kind))
    return required


class ScopedViewSetMixin:
    """Reads see ``visible_to(user)``, writes only ``editable_by(user)``."""

    # Updates are partial (PATCH) everywhere, and nothing is deleted through the API: the
    # pages end memberships, deactivate people and close records so history stays whole.
    # A viewset that allows less narrows this further.
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.request.method in permissions.SAFE_METHODS:
            return queryset.visible_to(self.request.user)
        return queryset.editable_by(self.request.user)


def _is_integer(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _json_type_error(field, value):
    """``(field, error key, message arguments)`` when ``value`` is not of the JSON type the
    schema gives ``field``, else ``None``. DRF itself would take ``"5"`` for a number, ``1``
    for a boolean or ``5`` for a text; the API takes only what its schema says."""
    if isinstance(
        field, ManyRelatedField | serializers.ListField | serializers.MultipleChoiceField
    ):
        if not isinstance(value, list):
            return field, "not_a_list", {"input_type": type(value).__name__}
        child = getattr(field, "child_relation", None) or getattr(field, "child", None)
        if child is None:
            return None
        return next(filter(None, (_json_type_error(child, item) for item in value)), None)
    if isinstance(field, serializers.ChoiceField):
        keys = list(field.choices)
        if keys and all(_is_integer(key) for key in keys):
            ok = _is_integer(value)
        elif keys and all(isinstance(key, str) for key in keys):
            ok = isinstance(value, str)
        else:
            return None
        return None if ok else (field, "invalid_choice", {"input": value})
    if isinstance(field, serializers.PrimaryKeyRelatedField):
        if _is_integer(value):
            return None
        return field, "incorrect_type", {"data_type": type(value).__name__}
    if isinstance(field, serializers.BooleanField):
        ok = isinstance(value, bool)
    elif isinstance(field, serializers.CharField):
        ok = isinstance(value, str)
    elif isinstance(field, serializers.IntegerField):
        ok = _is_integer(value)
    elif isinstance(field, serializers.FloatField):
        ok = _is_integer(value) or isinstance(value, float)
    elif isinstance(field, serializers.DecimalField) and getattr(
        field, "coerce_to_string", api_settings.COERCE_DECIMAL_TO_STRING
    ):
        ok = isinstance(value, str)
    else:
        return None
    return None if ok else (field, "invalid", {})


class ScopedSerializerMixin:
    """Each writable relation field's queryset is narrowed to what the request's user may
    pick for ``scope_model`` (``Meta.model`` by default): the same ``scoped_choices`` as the
    forms, so an id outside the scope answers exactly like a missing one.

    A value of the wrong JSON type (see ``_json_type_error``) is refused with the field's
    own message, beside the other fields' errors."""

    scope_model = None

    def to_internal_value(self, data):
        wrong = self._json_type_errors(data) if isinstance(data, dict) else {}
        if not wrong:
            return super().to_internal_value(data)
        try:
            super().to_internal_value(data)
        except serializers.ValidationError as error:
            # The other fields' errors too, as DRF gives them all at once.
            others = error.detail if isinstance(error.detail, dict) else {}
            raise serializers.ValidationError({**others, **wrong}) from error
        raise serializers.ValidationError(wrong)

    def _json_type_errors(self, data) -> dict:
        errors = {}
        for field in self._writable_fields:
            value = data.get(field.field_name)
            wrong = None if value is None else _json_type_error(field, value)
            if wrong is not None:
                failing, key, arguments = wrong
                try:
                    failing.fail(key, **arguments)
                except serializers.ValidationError as error:
                    errors[field.field_name] = error.detail
        return errors

    def get_scope_model(self):
        return self.scope_model or getattr(getattr(self, "Meta", None), "model", None)

    def get_fields(self):
        fields = super().get_fields()
        user = getattr(self.context.get("request"), "user", None)
        for_model = self.get_scope_model()
        for field in fields.values():
            relation = field.child_relation if isinstance(field, ManyRelatedField) else field
            if isinstance(relation, RelatedField) and relation.queryset is not None:
                relation.queryset = scoped_choices(relation.queryset, user, for_model)
        return fields


class PortalDateTimeField(serializers.DateTimeField):
    """Times in Stockholm time, as everywhere in the portal, except where that zone's
    offset is not whole minutes (local mean time before 1900): RFC 3339 has no seconds in
    an offset, so those are given in UTC."""

    def enforce_timezone(self, value):
        value = super().enforce_timezone(value)
        offset = value.utcoffset()
        if offset is not None and offset.total_seconds() % 60:
            return value.astimezone(datetime.UTC)
        return value

    def to_internal_value(self, value):
        parsed = super().to_internal_value(value)
        try:
            parsed.astimezone(datetime.UTC)
        except OverflowError:
            # The first or last hours of year 1 or 9999: no UTC time to store.
            self.fail("invalid", format="YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z]")
        return parsed


class ConstraintsMixin:
    """The model's constraints are checked before saving, after the serializer's own
    validation (which covers plain unique fields and sets): a write they refuse is a 400
    with the constraint's message, not a database error. That includes what DRF leaves to
    the database, such as an end before a start, a unique set that holds only under a
    condition, or a case-insensitive email. A serializer that leaves uniqueness to its
    service (``Meta.validators = []``) keeps doing so."""

    def run_validation(self, data=serializers.empty):
        attrs = super().run_validation(data)
        model = getattr(getattr(self, "Meta", None), "model", None)
        if model is not None and isinstance(attrs, dict):
            self._validate_constraints(model, attrs)
        return attrs

    def _validate_constraints(self, model, attrs):
        fields = model._meta.concrete_fields
        candidate = copy.copy(self.instance) if self.instance is not None else model()
        for field in fields:
            if field.name in attrs:
                setattr(candidate, field.name, attrs[field.name])
        # A new row's fields that this write neither sets nor defaults (the view or a
        # service fills them in) are left out, with every constraint that reads them.
        exclude = set()
        if self.instance is None:
            exclude = {
                f.name for f in fields if f.name not in attrs and not f.has_default() and not f.null
            }
        skip_unique = getattr(self.Meta, "validators", None) == []
        try:
            for constraint in model._meta.constraints:
                if skip_unique and isinstance(constraint, models.UniqueConstraint):
                    continue
                constraint.validate(model, candidate, exclude=exclude)
        except DjangoValidationError as error:
            raise serializers.ValidationError(serializers.as_serializer_error(error)) from error


class ScopedSerializer(ScopedSerializerMixin, serializers.Serializer):
    """The base of every API serializer that is not a ModelSerializer."""


class ScopedModelSerializer(ConstraintsMixin, ScopedSerializerMixin, serializers.ModelSerializer):
    """The base of every API ModelSerializer."""

    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.DateTimeField: PortalDateTimeField,
    }


def whole_number_param(request, name: str, *, minimum=1, maximum=MAX_ID, default=None):
    """A query parameter that must be a whole number in range; absent or empty is the
    default. Anything else is a 400 (never a silent default, never a 404)."""
    raw = request.query_params.get(name, "").strip()
    if raw == "":
        return default
    if not _WHOLE_NUMBER.fullmatch(raw) or not minimum <= int(raw) <= maximum:
        raise serializers.ValidationError(
            {
                name: [
                    _("Enter a whole number from %(min)s to %(max)s.")
                    % {"min": minimum, "max": maximum}
                ]
            },
            code="invalid",
        )
    return int(raw)


class PortalPagination(PageNumberPagination):
    """50 rows a page; clients may ask for up to 500 with ``?page_size=``. A page number
    or size that is not a whole number in range is a 400; a page past the last is a 404."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500
    max_page = MAX_ID

    def get_page_size(self, request):
        return whole_number_param(
            request,
            self.page_size_query_param,
            minimum=1,
            maximum=self.max_page_size,
            default=self.page_size,
        )

    def get_page_number(self, request, paginator):
        return whole_number_param(
            request, self.page_query_param, minimum=1, maximum=self.max_page, default=1
        )

    def get_schema_operation_parameters(self, view):
        page, size = super().get_schema_operation_parameters(view)
        page["schema"] = {"type": "integer", "minimum": 1, "maximum": self.max_page}
        size["schema"] = {"type": "integer", "minimum": 1, "maximum": self.max_page_size}
        return [page, size]


class PortalFilterBackend(DjangoFilterBackend):
    """The app's FilterSet, held to the strict fields of ``vuxportal.filters``: an invalid
    filter is a 400 in the shared error format. A well-formed id that names no row the
    user may see filters to nothing, as a number filter would; it is no error."""

    filterset_base = FilterSet

    def filter_queryset(self, request, queryset, view):
        filterset = self.get_filterset(request, queryset, view)
        if filterset is None:
            return queryset
        harden(filterset)
        if not filterset.is_valid():
            if FilterSet.matches_nothing(filterset):
                return queryset.none()
            raise filter_utils.translate_validation(filterset.errors)
        return filterset.qs


class PortalOrderingFilter(filters.OrderingFilter):
    """``?ordering=`` takes the view's ``ordering_fields``, each optionally with ``-``,
    separated by commas. An unknown field is a 400, not silently the default order."""

    def get_ordering(self, request, queryset, view):
        raw = request.query_params.get(self.ordering_param, "")
        if raw == "":
            return self.get_default_ordering(view)
        terms = raw.split(",")
        valid = [
            name for name, _label in self.get_valid_fields(queryset, view, {"request": request})
        ]
        unknown = [term for term in terms if term.removeprefix("-") not in valid]
        if unknown:
            raise serializers.ValidationError(
                {
                    self.ordering_param: [
                        _("Cannot order by %(fields)s. Choose among: %(valid)s.")
                        % {"fields": ", ".join(unknown), "valid": ", ".join(valid)}
                    ]
                }
            )
        return terms

    def get_schema_operation_parameters(self, view):
        [parameter] = super().get_schema_operation_parameters(view)
        fields = getattr(view, "ordering_fields", None)
        if isinstance(fields, list | tuple) and fields:
            names = "|".join(re.escape(f if isinstance(f, str) else f[0]) for f in fields)
            parameter["schema"]["pattern"] = f"^-?(?:{names})(?:,-?(?:{names}))*$"
            parameter["description"] = _(
                "Order by %(fields)s; a minus sign first reverses the order, a comma "
                "separates several."
            ) % {"fields": ", ".join(f if isinstance(f, str) else f[0] for f in fields)}
        return [parameter]


class PortalContentNegotiation(negotiation.DefaultContentNegotiation):
    """``?format=`` picks a renderer only when one has that name, so a filter called
    ``format`` (a training session's format) stays a filter instead of a 404."""

    def select_renderer(self, request, renderers, format_suffix=None):
        self._suffix = format_suffix
        return super().select_renderer(request, renderers, format_suffix)

    def filter_renderers(self, renderers, format):
        matching = [renderer for renderer in renderers if renderer.format == format]
        if matching or getattr(self, "_suffix", None):
            return super().filter_renderers(renderers, format)
        return renderers
