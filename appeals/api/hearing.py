"""The hearing before a refusal and the answer check, through the API: the applicant's
objection (JSON, or multipart with files judged like the appeal's), and the staff's check of
an answer before it is sent. The hearings themselves are in the appeal's detail."""

from __future__ import annotations

from typing import Any, cast

from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import User
from appeals.answer_gate import answer_review, findings_data
from appeals.api.serializers import AppealDetailSerializer, clean_uploaded, files_field
from appeals.api.views import IsStaffMember
from appeals.hearings import current_hearing, hearing_object, objection_refusal
from appeals.models import TEXT_LIMIT, Appeal
from appeals.selectors import appeals_for_staff, appeals_of_citizen
from appeals.workflow import Action, check
from core.api import FindingSerializer
from core.api_fields import Text, by_media_type, for_body, parsers_for
from core.refusals import ActionRefused


class ObjectionSerializer(serializers.Serializer[dict[str, Any]]):
    """The applicant's objection to the intended refusal, with files in a multipart body."""

    text = Text(min_length=1, max_length=TEXT_LIMIT)
    attachments = files_field()

    def validate_attachments(self, value: list[Any]) -> list[Any]:
        return clean_uploaded(value, self.context["request"].user.pk)


class Objection(APIView):
    parser_classes = parsers_for(ObjectionSerializer)

    @extend_schema(
        request=by_media_type(ObjectionSerializer),
        responses=AppealDetailSerializer,
        operation_id="appeal_objection",
    )
    def post(self, request: Request, pk: int) -> Response:
        """Object to the intended refusal (the appeal's `hearings`), once, within its period."""
        applicant = cast(User, request.user)
        # Another citizen's appeal is not found, as if it did not exist.
        appeal = get_object_or_404(appeals_of_citizen(applicant), pk=pk)
        refusal = objection_refusal(appeal, applicant, current_hearing(appeal), timezone.now())
        if refusal is not None:  # before the files are read: they would count for nothing
            raise ActionRefused(refusal)
        data = for_body(request, ObjectionSerializer)
        body = data(data=request.data, context={"request": request})
        body.is_valid(raise_exception=True)
        updated = hearing_object(appeal_id=appeal.pk, actor=applicant, **body.validated_data)
        return Response(AppealDetailSerializer(updated).data)


class AnswerDraftSerializer(serializers.Serializer[dict[str, Any]]):
    kind = serializers.ChoiceField(choices=Appeal.AnswerKind.choices)
    text = Text(min_length=1, max_length=TEXT_LIMIT)


class AnswerCheckSerializer(serializers.Serializer[dict[str, Any]]):
    """What stops the answer (it cannot be sent), and what warns (send with override_warnings)."""

    blocking = FindingSerializer(many=True)
    warnings = FindingSerializer(many=True)


class AnswerCheck(APIView):
    permission_classes = [IsStaffMember]

    @extend_schema(
        request=AnswerDraftSerializer,
        responses=AnswerCheckSerializer,
        operation_id="staff_appeal_answer_check",
    )
    def post(self, request: Request, pk: int) -> Response:
        """Check an answer as `answer/` would, without sending it: for who may answer now."""
        actor = cast(User, request.user)
        appeal = get_object_or_404(appeals_for_staff(actor), pk=pk)
        check(actor, Action.ANSWER, appeal)
        body = AnswerDraftSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        found = answer_review(appeal, body.validated_data["kind"], body.validated_data["text"])
        blocking, warnings = findings_data(found.blocking), findings_data(found.warnings)
        return Response(AnswerCheckSerializer({"blocking": blocking, "warnings": warnings}).data)
