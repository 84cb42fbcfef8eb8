"""An appeal's status by its reference number and lookup code, for anyone who holds the code
(appeals/status_lookup.py): the same answers and limits as the page at /status/."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound, Throttled
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from appeals.models import Appeal
from appeals.status_lookup import ALPHABET, LookupRefused, LookupsExhausted, status_lookup
from core.api_fields import Text
from core.clients import client_ip

_GROUP = f"[{ALPHABET}{ALPHABET.lower()}]{{4}}"
CODE_PATTERN = rf"^{_GROUP}-?{_GROUP}$"


class AppealStatusQuerySerializer(serializers.Serializer[dict[str, Any]]):
    reference = Text(max_length=30, help_text="The appeal's reference number, ЖТ-2026-00001234.")
    code = serializers.RegexField(
        CODE_PATTERN, max_length=9,
        help_text="The lookup code shown once when the appeal was sent, in either case, with "
        "or without its dash; the reply to the POST that sent it carries it as lookup_code.",
    )  # fmt: skip


class AppealStatusSerializer(serializers.Serializer[Any]):
    """What the holder of the code learns: nothing about the person, no text."""

    reference = serializers.CharField()
    status = serializers.ChoiceField(choices=Appeal.Status.choices)
    status_label = serializers.CharField(help_text="The status, in the request's language.")
    agency = serializers.CharField(help_text="The body now responsible for the appeal.")
    received_at = serializers.DateTimeField()
    due_at = serializers.DateTimeField(help_text="The deadline the law sets, or as extended.")
    extended = serializers.BooleanField(help_text="Whether the deadline was extended.")
    overdue = serializers.BooleanField(help_text="Open past its deadline.")
    deadline_words = serializers.CharField(help_text="In or past the deadline, in words.")
    answered_at = serializers.DateTimeField(
        allow_null=True, help_text="When it was answered or closed; null while open."
    )


class StatusLookup(APIView):
    permission_classes = [AllowAny]

    @extend_schema(request=AppealStatusQuerySerializer, responses=AppealStatusSerializer,
                   operation_id="appeal_status")  # fmt: skip
    def post(self, request: Request) -> Response:
        """The status of an appeal, by its reference number and lookup code; no login.
        A wrong code and an unknown reference are one 404; too many lookups, 429."""
        query = AppealStatusQuerySerializer(data=request.data)
        query.is_valid(raise_exception=True)
        try:
            facts = status_lookup(client=client_ip(request._request), **query.validated_data)
        except LookupRefused as refused:
            raise NotFound(refused.message) from None
        except LookupsExhausted as exhausted:
            raise Throttled(exhausted.retry_after, detail=exhausted.message) from None
        return Response(AppealStatusSerializer(facts).data)
