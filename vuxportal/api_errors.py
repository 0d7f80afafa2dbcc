"""The API's one error format (``REST_FRAMEWORK["EXCEPTION_HANDLER"]``).

Kept apart from ``vuxportal.api``: DRF imports the permission classes while its own
``views`` module loads, so that module cannot import ``rest_framework.views``.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from rest_framework import serializers
from rest_framework.views import exception_handler as drf_exception_handler

from .bulk import RowErrors


def exception_handler(exc, context):
    """Every error answers with the same body: ``status``, ``code``, ``detail`` and, for
    invalid input, ``errors`` (field → messages, as DRF gives them).

    A service's Django ``ValidationError`` is invalid input too: translated here, once, so
    no viewset catches it (the pages' counterpart is ``ServiceFormMixin``)."""
    if isinstance(exc, RowErrors):
        # A bulk write: the bad rows by index, as the row serializers' own errors are.
        exc = serializers.ValidationError(
            {str(index): errors for index, errors in exc.rows.items()}, code="invalid_rows"
        )
    elif isinstance(exc, DjangoValidationError):
        exc = serializers.ValidationError(
            exc.message_dict if hasattr(exc, "error_dict") else exc.messages
        )
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    data = response.data
    if isinstance(data, dict) and set(data) == {"detail"}:
        detail = data["detail"]
        body = {"code": getattr(detail, "code", "error"), "detail": str(detail)}
    else:
        errors = data if isinstance(data, dict) else {"non_field_errors": data}
        body = {"code": "invalid", "detail": _("The request has errors."), "errors": errors}
    response.data = {"status": response.status_code, **body}
    return response


def bulk_errors(errors) -> dict:
    """A ``many=True`` serializer's errors in the shared format: the index of each bad
    row (as a string) → its field errors; valid rows are left out."""
    if isinstance(errors, dict):  # not a list at all, or too many/no rows
        return errors
    return {str(index): row for index, row in enumerate(errors) if row}


class ErrorSerializer(serializers.Serializer):
    """The body of every error answer: its status, a code, a message and, for invalid
    input, the errors by field."""

    status = serializers.IntegerField(min_value=400, max_value=599)
    code = serializers.CharField(help_text="E.g. invalid, not_found, permission_denied.")
    detail = serializers.CharField()
    errors = serializers.DictField(
        child=serializers.JSONField(),
        required=False,
        help_text="For invalid input: field → messages; for bulk writes row index → fields.",
    )


def error_response_schema():
    return ErrorSerializer
