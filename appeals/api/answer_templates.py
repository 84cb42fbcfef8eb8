"""The answer templates an appeal may use, filled in for it: for its body's executors and
heads, who then send the answer through the answer action like any other."""

from __future__ import annotations

from typing import Any, cast

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import User
from appeals.answer_templates import may_use_templates, render_template, templates_for
from appeals.api.views import IsStaffMember
from appeals.models import AnswerTemplate
from appeals.selectors import appeals_for_staff


class FilledTemplateSerializer(serializers.ModelSerializer[AnswerTemplate]):
    category: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="code", read_only=True, allow_null=True,
        help_text="The topic it is written for; null: any topic.",
    )  # fmt: skip
    text = serializers.SerializerMethodField(help_text="Filled in for the appeal.")

    class Meta:
        model = AnswerTemplate
        fields = ("id", "title", "language", "category", "text")
        read_only_fields = fields

    def get_text(self, template: AnswerTemplate) -> str:
        return render_template(template, self.context["appeal"])


class AppealTemplates(APIView):
    permission_classes = [IsStaffMember]

    @extend_schema(
        responses=FilledTemplateSerializer(many=True), operation_id="staff_appeal_templates"
    )
    def get(self, request: Request, pk: int) -> Response:
        """The body's templates for this appeal, its topic's first, each filled in."""
        user = cast(User, request.user)
        appeal = get_object_or_404(
            appeals_for_staff(user).select_related("agency", "applicant", "executor", "category"),
            pk=pk,
        )
        if not may_use_templates(user, appeal):
            raise PermissionDenied(_("Only those who may answer the appeal use its templates."))
        templates = templates_for(appeal).select_related("category")
        data = FilledTemplateSerializer(templates, many=True, context={"appeal": appeal}).data
        return Response(data)
