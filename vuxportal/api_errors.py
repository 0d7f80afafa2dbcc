"""The API's one error format (``REST_FRAMEWORK["EXCEPTION_HANDLER"]``).

Kept apart from ``vuxportal.api``: DRF imports the permission classes while its own
``views`` module loads, so that module cannot import ``rest_framework.views``.
"""

from django.utils.translation import gettext as _
from rest_framework.views import exception_handler as drf_exception_handler


def exception_handler(exc, context):
    """Every error answers with the same body: ``status``, ``code``, ``detail`` and, for
    invalid input, ``errors`` (field → messages, as DRF gives them)."""
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
