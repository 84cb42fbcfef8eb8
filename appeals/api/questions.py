"""The applicant's reply to a question of the body, through the API: JSON, or multipart with
files judged like the appeal's. The questions themselves are in the appeal's detail."""

from __future__ import annotations

from typing import Any, cast

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import User
from appeals.api.serializers import AppealDetailSerializer, clean_uploaded, files_field
from appeals.models import TEXT_LIMIT, Question
from appeals.questions import question_reply, reply_refusal
from core.api_fields import Text, by_media_type, for_body, parsers_for
from core.refusals import ActionRefused


class ReplySerializer(serializers.Serializer[dict[str, Any]]):
    """A reply: its text, or for a document asked for, the files alone (multipart)."""

    text = Text(required=False, default="", allow_blank=True, max_length=TEXT_LIMIT)
    attachments = files_field()

    def validate_attachments(self, value: list[Any]) -> list[Any]:
        return clean_uploaded(value, self.context["request"].user.pk)


class Reply(APIView):
    parser_classes = parsers_for(ReplySerializer)

    @extend_schema(
        request=by_media_type(ReplySerializer),
        responses=AppealDetailSerializer,
        operation_id="appeal_question_reply",
    )
    def post(self, request: Request, pk: int, question_id: int) -> Response:
        """Reply to a question of the body, once, while the appeal is open."""
        # Another citizen's question is not found, as if it did not exist.
        question = get_object_or_404(
            Question.objects.select_related("appeal"),
            pk=question_id, appeal_id=pk, appeal__applicant_id=request.user.pk,
        )  # fmt: skip
        applicant = cast(User, request.user)
        refusal = reply_refusal(applicant, question, question.appeal)
        if refusal is not None:  # before the files are read: they would count for nothing
            raise ActionRefused(refusal)
        data = for_body(request, ReplySerializer)(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        question_reply(question_id=question.pk, actor=applicant, **data.validated_data)
        question.appeal.refresh_from_db()
        return Response(AppealDetailSerializer(question.appeal).data)
