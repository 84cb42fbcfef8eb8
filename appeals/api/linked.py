"""The staff's appeal in the API with its repeats and parallels (appeals/linked.py): the same
outline and the same limits as the back-office page."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.models import Visitor
from appeals.api.serializers import AppealDetailSerializer
from appeals.linked import Linked, lead_of, linked_appeals
from appeals.models import Appeal


class LinkedSerializer(serializers.Serializer[Linked]):
    """Subject, text and answer are null where the reader may not see the other appeal."""

    reference = serializers.CharField(source="other.reference")
    agency = serializers.CharField(source="other.agency.code")
    kind = serializers.ChoiceField(choices=["repeat", "parallel"])
    similarity = serializers.FloatField()
    later = serializers.BooleanField(help_text="The other appeal arrived after this one.")
    received_at = serializers.DateTimeField(source="other.received_at")
    status = serializers.CharField(source="other.status")
    subject = serializers.SerializerMethodField()
    text = serializers.SerializerMethodField()
    answer_text = serializers.SerializerMethodField()

    def _readable(self, linked: Linked, field: str) -> str | None:
        return getattr(linked.other, field) if linked.readable else None

    def get_subject(self, linked: Linked) -> str | None:
        return self._readable(linked, "subject")

    def get_text(self, linked: Linked) -> str | None:
        return self._readable(linked, "text")

    def get_answer_text(self, linked: Linked) -> str | None:
        return self._readable(linked, "answer_text")


class StaffAppealDetailSerializer(AppealDetailSerializer):
    """An appeal as its body's staff read it: with the applicant's appeals on the same matter
    and, when joined to one, that appeal's answer."""

    linked = serializers.SerializerMethodField()
    joined_to = serializers.SerializerMethodField()

    class Meta(AppealDetailSerializer.Meta):
        fields = (*AppealDetailSerializer.Meta.fields, "linked", "joined_to")

    def _reader(self) -> Visitor:
        reader: Visitor = self.context["reader"]
        return reader

    @extend_schema_field(LinkedSerializer(many=True))
    def get_linked(self, appeal: Appeal) -> list[Any]:
        shown: Any = linked_appeals(appeal, self._reader())
        return list(LinkedSerializer(shown, many=True).data)

    @extend_schema_field(serializers.DictField(allow_null=True))
    def get_joined_to(self, appeal: Appeal) -> dict[str, Any] | None:
        """The lead's reference, status and, once answered, its answer."""
        lead = lead_of(appeal)
        if lead is None:
            return None
        answered = lead.status == Appeal.Status.ANSWERED
        return {
            "reference": lead.reference, "agency": lead.agency.code, "status": lead.status,
            "answer_text": lead.answer_text if answered else None,
        }  # fmt: skip
