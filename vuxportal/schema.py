"""The OpenAPI schema, generated once for every endpoint (``DEFAULT_SCHEMA_CLASS``).

``PortalAutoSchema`` documents what drf-spectacular cannot see by itself, from the view
and its classes, so a new endpoint is documented by the same rules without a decorator:

- every status code an operation can answer besides its success: 400 when it takes a
  query string or a body, 401, 403 when a permission can refuse it (or a signed-in
  browser's write lacks its CSRF token), 404 for a detail route or a page past the last,
  406, 415 when it takes a body, 429 when it is throttled; each a shared response in
  ``components/responses`` with the one error body of ``vuxportal.api_errors``;
- query parameters as strictly as ``vuxportal.filters`` reads them: ids and years are
  integers with their bounds, an empty value is no filter (``allowEmptyValue``), text
  holds no NUL character;
- bodies as DRF reads them: text that must not be blank holds a visible character, a
  decimal is a number written with at most its digits, a list of rows its length;
- email addresses as the portal keeps them: people's addresses may hold å, ä and ö
  (``idn-email``); a new one is checked by Django's validator, which wants the part before
  the @ in ASCII (the domain may be internationalised).
"""

from __future__ import annotations

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from drf_spectacular.contrib.django_filters import DjangoFilterExtension
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import ResolvedComponent, is_list_serializer
from rest_framework import permissions, serializers
from rest_framework.authentication import SessionAuthentication
from rest_framework.relations import ManyRelatedField

from .api import PortalFilterBackend, ScopedPermission, permission_required_for
from .api_errors import ErrorSerializer
from .filters import MAX_ID

NO_NUL = "^[^\\u0000]*$"
# A visible character: Python's str.strip() (which DRF applies) also removes U+001C–U+001F.
NOT_BLANK = "^[^\\u0000]*[^\\s\\u0000\\u001c-\\u001f][^\\u0000]*$"
ASCII_LOCAL_PART = "^[\\u0021-\\u007e]+@[^@\\s]+$"

# code: (component name, description, headers)
ERROR_RESPONSES = {
    "400": ("BadRequest", _("Invalid input: the query string or the body (see `errors`)."), {}),
    "401": (
        "Unauthorized",
        _("No valid token (or signed-in session)."),
        {
            "WWW-Authenticate": {
                "required": True,
                "schema": {"type": "string"},
                "description": _("How to authenticate: a bearer token."),
            }
        },
    ),
    "403": ("Forbidden", _("Signed in, but this is not permitted for you."), {}),
    "404": ("NotFound", _("No such object for you, or no such page of the list."), {}),
    "406": ("NotAcceptable", _("The Accept header asks for a format the API does not give."), {}),
    "415": ("UnsupportedMediaType", _("The body is not JSON."), {}),
    "429": (
        "TooManyRequests",
        _("Too many requests with this token; try again later."),
        {
            "Retry-After": {
                "schema": {"type": "integer", "minimum": 0},
                "description": _("Seconds until the token may be used again."),
            }
        },
    ),
}


class TokenAuthenticationScheme(OpenApiAuthenticationExtension):
    target_class = "vuxportal.tokens.TokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "A personal API token (vux_…), created under “API-nycklar”.",
        }


class PortalFilterExtension(DjangoFilterExtension):
    """django-filter's parameters, typed as ``vuxportal.filters`` checks them."""

    target_class = PortalFilterBackend
    priority = 1

    def resolve_filter_field(self, auto_schema, model, filterset_class, field_name, filter_field):
        parameters = super().resolve_filter_field(
            auto_schema, model, filterset_class, field_name, filter_field
        )
        for parameter in parameters:
            parameter["schema"] = filter_schema(filter_field, parameter["schema"])
        return parameters


def filter_schema(filter_field, schema: dict) -> dict:
    """The schema of one filter's query parameter, from the form field that reads it."""
    field_class = filter_field.field_class
    extra = filter_field.extra
    if isinstance(filter_field, django_filters.ModelChoiceFilter) and "$ref" not in schema:
        return {"type": "integer", "minimum": 1, "maximum": MAX_ID}
    if issubclass(field_class, forms.IntegerField) and "enum" not in schema:
        schema = {"type": "integer"}
        for keyword, kwarg in (("minimum", "min_value"), ("maximum", "max_value")):
            if extra.get(kwarg) is not None:
                schema[keyword] = extra[kwarg]
        return schema
    if schema.get("type") == "string" and not ({"enum", "format", "pattern"} & set(schema)):
        return {**schema, "pattern": NO_NUL}
    return schema


class PortalAutoSchema(AutoSchema):
    """drf-spectacular's AutoSchema with the rules in the module's docstring."""

    def get_operation(self, path, path_regex, path_prefix, method, registry):
        operation = super().get_operation(path, path_regex, path_prefix, method, registry)
        if operation is None:
            return None
        for parameter in operation.get("parameters", []):
            # An empty value is the same as leaving the parameter out (a page's filter form
            # sends its blank fields so).
            if parameter["in"] == "query" and not parameter.get("required"):
                parameter["allowEmptyValue"] = True
        responses = operation["responses"]
        for code in self._error_codes(operation):
            responses.setdefault(code, self._error_response(code))
        return operation

    # --- the status codes ---------------------------------------------------------------

    def _error_codes(self, operation) -> list[str]:
        view = self.view
        codes = []
        takes_query = any(p["in"] == "query" for p in operation.get("parameters", []))
        if takes_query or "requestBody" in operation:
            codes.append("400")
        checks = [p for p in view.get_permissions() if not isinstance(p, permissions.AllowAny)]
        if checks and view.get_authenticators():
            codes.append("401")
        if self._can_forbid(checks):
            codes.append("403")
        if "{" in self.path or self._paginates():
            codes.append("404")
        codes.append("406")
        if "requestBody" in operation:
            codes.append("415")
        if view.get_throttles():
            codes.append("429")
        return codes

    def _can_forbid(self, checks) -> bool:
        unsafe = self.method not in permissions.SAFE_METHODS
        if unsafe and any(
            isinstance(a, SessionAuthentication) for a in self.view.get_authenticators()
        ):
            return True  # a browser session's write without its CSRF token
        for check in checks:
            if not isinstance(check, (ScopedPermission, permissions.IsAuthenticated)):
                return True
            if isinstance(check, ScopedPermission) and permission_required_for(
                self.view, self.method
            ):
                return True
        return False

    def _paginates(self) -> bool:
        return self._is_list_view() and self._get_paginator() is not None

    def _error_response(self, code: str) -> dict:
        name, description, headers = ERROR_RESPONSES[code]
        error = self.resolve_serializer(ErrorSerializer, "response").ref
        response = {
            "description": str(description),
            "content": {"application/json": {"schema": error}},
        }
        if headers:
            response["headers"] = {
                header: {**spec, "description": str(spec["description"])}
                for header, spec in headers.items()
            }
        component = ResolvedComponent(
            name=name, type=ResolvedComponent.RESPONSE, schema=response, object=name
        )
        self.registry.register_on_missing(component)
        return component.ref

    # --- bodies ----------------------------------------------------------------------------

    def _map_basic_serializer(self, serializer, direction):
        schema = super()._map_basic_serializer(serializer, direction)
        if type(serializer).__dict__.get("__doc__") is None:
            # Not the docstring of ScopedModelSerializer, which drf-spectacular inherits.
            schema.pop("description", None)
        return schema

    def _map_serializer_field(self, field, direction, bypass_extensions=False):
        schema = super()._map_serializer_field(field, direction, bypass_extensions)
        if not isinstance(schema, dict) or "$ref" in schema:
            return schema
        ids = schema.get("items", {}) if isinstance(field, ManyRelatedField) else schema
        if isinstance(field, ManyRelatedField | serializers.PrimaryKeyRelatedField):
            if ids.get("type") == "integer":
                ids.setdefault("minimum", 1)
        elif isinstance(field, serializers.EmailField):
            schema["format"] = "idn-email"
            if direction == "request":
                schema["pattern"] = ASCII_LOCAL_PART
        elif isinstance(field, serializers.DecimalField) and schema.get("type") == "string":
            pattern = decimal_pattern(field)
            if direction == "request" and field.allow_null:
                pattern = f"^(?:{pattern[1:-1]})?$"  # DRF reads "" as null there
            schema["pattern"] = pattern
        elif (
            direction == "request"
            and isinstance(field, serializers.CharField)
            and schema.get("type") == "string"
            and not ({"enum", "format", "pattern"} & set(schema))
        ):
            schema["pattern"] = NO_NUL if field.allow_blank else NOT_BLANK
        return schema

    def _get_request_for_media_type(self, serializer, direction="request"):
        schema, required = super()._get_request_for_media_type(serializer, direction)
        if is_list_serializer(serializer) and isinstance(schema, dict):
            # A list of rows (bulk writes): DRF's ListSerializer's own bounds.
            if not getattr(serializer, "allow_empty", True):
                schema["minItems"] = 1
            if getattr(serializer, "min_length", None) is not None:
                schema["minItems"] = serializer.min_length
            if getattr(serializer, "max_length", None) is not None:
                schema["maxItems"] = serializer.max_length
        return schema, required

    def _get_examples(self, serializer, direction, media_type, status_code=None, extras=None):
        examples = super()._get_examples(serializer, direction, media_type, status_code, extras)
        if direction == "request" and is_list_serializer(serializer):
            # An example of a list of rows is written as that list; drf-spectacular would
            # wrap it in another one.
            for example in examples.values():
                value = example.get("value")
                if isinstance(value, list) and len(value) == 1 and isinstance(value[0], list):
                    example["value"] = value[0]
        return examples


def decimal_pattern(field: serializers.DecimalField) -> str:
    """What DRF's DecimalField takes as text: at least one digit, at most its whole and
    decimal digits, a minus sign only where negative values are allowed."""
    whole, places = field.max_whole_digits, field.decimal_places
    sign = "-?" if field.min_value is None or field.min_value < 0 else ""
    integer = "\\d+" if whole is None else f"\\d{{1,{whole}}}"
    if not places:
        return f"^{sign}{integer}$"
    fraction = f"\\.\\d{{1,{places}}}"
    if whole == 0:
        return f"^{sign}(?:0|0?{fraction})$"
    return f"^{sign}(?:{integer}(?:\\.\\d{{0,{places}}})?|{fraction})$"
