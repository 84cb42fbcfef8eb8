"""What every API endpoint shares: one error shape (paging and throttling: api_policies)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from core.api_fields import only_unknown_references
from core.refusals import ActionRefused, KeyReused


class FindingSerializer(serializers.Serializer[dict[str, Any]]):
    code = serializers.CharField()
    message = serializers.CharField()


class ErrorDetailSerializer(serializers.Serializer[dict[str, Any]]):
    code = serializers.CharField()
    message = serializers.CharField()
    field_errors = serializers.DictField(child=serializers.ListField(child=serializers.CharField()))
    # Only of an answer the check against formal replies stopped (appeals/answer_gate.py).
    blocking = FindingSerializer(many=True, required=False, help_text="What stops the answer.")
    warnings = FindingSerializer(
        many=True, required=False, help_text="What the sender may override (override_warnings)."
    )


class ErrorSerializer(serializers.Serializer[dict[str, Any]]):
    """Every error the API returns: {"error": {"code", "message", "field_errors"}}."""

    error = ErrorDetailSerializer()


def _error(code: str, message: str, status_code: int, fields: Any = None) -> Response:
    return Response(error_body(code, message, fields), status=status_code)


def json_error(code: str, message: str, status_code: int) -> JsonResponse:
    """The one shape, outside DRF: for Django's own 404 and 500 under /api/, the lockout."""
    return JsonResponse(error_body(code, message), status=status_code)


def _messages(detail: Any) -> list[str]:
    """Every message of a field's errors, however nested (a list's items are by index)."""
    if isinstance(detail, dict):
        return [message for value in detail.values() for message in _messages(value)]
    if isinstance(detail, list | tuple):
        return [message for value in detail for message in _messages(value)]
    return [str(detail)]


def _flatten(detail: Any) -> dict[str, list[str]]:
    if isinstance(detail, dict):
        return {str(key): _messages(value) for key, value in detail.items()}
    return {"non_field_errors": _messages(detail)}


def error_body(code: str, message: str, fields: Any = None) -> dict[str, Any]:
    return {"error": {"code": code, "message": str(message), "field_errors": fields or {}}}


def exception_handler(error: Exception, context: dict[str, Any]) -> Response | None:
    """Translated by the request's language (Accept-Language), the same shape everywhere."""
    if isinstance(error, KeyReused):
        return _error("key_reused", error.message, status.HTTP_422_UNPROCESSABLE_ENTITY)
    if isinstance(error, ActionRefused):
        code = status.HTTP_403_FORBIDDEN if error.forbidden else status.HTTP_409_CONFLICT
        name = error.api_code or ("forbidden" if error.forbidden else "conflict")
        refused = _error(name, error.message, error.api_status or code)
        refused.data["error"].update(error.api_details())
        return refused
    if isinstance(error, Http404):
        error = exceptions.NotFound()
    elif isinstance(error, PermissionDenied):
        error = exceptions.PermissionDenied()
    response = drf_exception_handler(error, context)
    if response is None:
        return None
    if isinstance(error, exceptions.ValidationError) and only_unknown_references(error.detail):
        message = _("Something this request names does not exist.")
        return _error("not_found", message, 404, _flatten(error.detail))
    if isinstance(error, exceptions.ValidationError):
        return _error("invalid", _("Some fields are not valid."), 400, _flatten(error.detail))
    assert isinstance(error, exceptions.APIException)  # noqa: S101 - DRF handled it
    detail = error.detail if isinstance(error.detail, str) else str(error.detail)
    result = _error(str(error.default_code), detail, response.status_code)
    for header in ("Retry-After", "WWW-Authenticate"):
        if header in response:
            result[header] = response[header]
    return result
