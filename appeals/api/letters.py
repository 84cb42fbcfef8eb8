"""The answer's letter through the API: the PDF for the applicant and the staff who see the
appeal, and the public check of a letter by its verification code (appeals/letters)."""

from __future__ import annotations

from typing import Any, cast

from django.http import FileResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound, Throttled
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import User
from appeals.api.views import IsStaffMember
from appeals.letters.codes import CODE
from appeals.letters.issuance import letter_issue
from appeals.letters.verification import (
    VERDICT_MESSAGES,
    letter_by_code,
    letter_verify,
    lookup_allowed,
)
from appeals.models import Appeal, Letter
from appeals.selectors import appeals_for_staff, appeals_of_citizen
from core.clients import client_ip
from core.refusals import ActionRefused

PDF = OpenApiResponse(OpenApiTypes.BINARY, description="The letter, a signed PDF.")


def _pdf(appeal: Appeal) -> FileResponse:
    try:
        letter = letter_issue(appeal.pk)  # made now if the worker has not yet
    except ActionRefused:
        raise NotFound(_("This appeal has no answer yet, so there is no letter.")) from None
    response = FileResponse(
        letter.file.open("rb"), as_attachment=True, filename=f"{appeal.reference}.pdf",
        content_type="application/pdf",
    )  # fmt: skip
    response["Cache-Control"] = "private, no-store"
    return response


class AnyAccept(BaseContentNegotiation):
    """A PDF whatever the client accepts; errors, as everywhere, in JSON."""

    def select_parser(self, request: Request, parsers: Any) -> Any:
        return parsers[0] if parsers else None

    def select_renderer(self, request: Request, renderers: Any, format_suffix: Any = None) -> Any:
        return renderers[0], renderers[0].media_type


class MyLetter(APIView):
    content_negotiation_class = AnyAccept

    @extend_schema(responses={(200, "application/pdf"): PDF}, operation_id="appeal_letter")
    def get(self, request: Request, pk: int) -> FileResponse:
        """The answer as a signed PDF letter, with its verification code and QR code."""
        return _pdf(get_object_or_404(appeals_of_citizen(cast(User, request.user)), pk=pk))


class StaffLetter(APIView):
    permission_classes = [IsStaffMember]
    content_negotiation_class = AnyAccept

    @extend_schema(responses={(200, "application/pdf"): PDF}, operation_id="staff_appeal_letter")
    def get(self, request: Request, pk: int) -> FileResponse:
        """The letter of an appeal of the agencies the staff member sees."""
        return _pdf(get_object_or_404(appeals_for_staff(cast(User, request.user)), pk=pk))


class LetterFactsSerializer(serializers.Serializer[Letter]):
    """What the public learns of a letter: nothing about the person it was written to."""

    agency = serializers.CharField(source="agency.name", help_text="The body that wrote it.")
    issued_at = serializers.DateTimeField(help_text="The date of the answer.")
    sha256 = serializers.CharField(help_text="The SHA-256 of the letter's PDF.")
    signer = serializers.ChoiceField(choices=Letter.Signer.choices)
    replaced_sha256 = serializers.CharField(
        help_text="The SHA-256 of the version the head's signature replaced, or empty."
    )


class CopySerializer(serializers.Serializer[dict[str, Any]]):
    file = serializers.FileField(help_text="The PDF to check (at most 1 MB).")


class VerdictSerializer(serializers.Serializer[dict[str, Any]]):
    verdict = serializers.ChoiceField(
        choices=["matches", "replaced", "differs"],
        help_text="matches: this letter, unchanged; replaced: its earlier version, since "
        "signed by the head; differs: another or a changed file.",
    )  # fmt: skip
    message = serializers.CharField()


CODE_PARAMETER = OpenApiParameter(
    "code", str, OpenApiParameter.PATH, pattern=f"^{CODE.pattern}$",
    description="The verification code printed on the letter.",
)  # fmt: skip


def _letter(request: Request, code: str) -> Letter:
    if not lookup_allowed(client_ip(request._request)):
        raise Throttled(detail=_("Too many letters were looked up from your address."))
    letter = letter_by_code(code)
    if letter is None:
        raise NotFound(_("No letter has this verification code."))
    return letter


class VerifyLetter(APIView):
    permission_classes = [AllowAny]
    parser_classes = [MultiPartParser]

    @extend_schema(parameters=[CODE_PARAMETER], responses=LetterFactsSerializer,
                   operation_id="letter_facts")  # fmt: skip
    def get(self, request: Request, code: str) -> Response:
        """A letter's body, date, fingerprint and kind of signature: no personal data."""
        return Response(LetterFactsSerializer(_letter(request, code)).data)

    @extend_schema(parameters=[CODE_PARAMETER], request={"multipart/form-data": CopySerializer},
                   responses=VerdictSerializer, operation_id="letter_verify")  # fmt: skip
    def post(self, request: Request, code: str) -> Response:
        """Whether a PDF is this letter, unchanged: its SHA-256 and its signature."""
        letter = _letter(request, code)
        body = CopySerializer(data=request.data)
        body.is_valid(raise_exception=True)
        verdict = letter_verify(letter, body.validated_data["file"])
        return Response({"verdict": verdict.value, "message": str(VERDICT_MESSAGES[verdict])})
