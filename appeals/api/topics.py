"""The topic proposed from an appeal's text (appeals/topics/), as the form proposes it: for
apps that help a citizen write. Public, like the routing proposal; limited per address."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from agencies.api.views import AgencySerializer
from agencies.models import Region
from appeals.topics.features import TEXT_HEAD
from appeals.topics.proposing import propose_addressed
from core.api_fields import Text
from core.api_policies import WriteThrottle


class ProposalThrottle(WriteThrottle):
    """Asked while typing, so more often than writes: its own count (TOPIC_PROPOSALS_PER_HOUR)."""

    scope = "topics"

    def get_rate(self) -> str:
        return f"{settings.TOPIC_PROPOSALS_PER_HOUR}/hour"


class ProposalQuerySerializer(serializers.Serializer[dict[str, Any]]):
    text = Text(
        allow_blank=True,
        help_text=f"The appeal's text as typed so far; only its first {TEXT_HEAD} characters "
        "are read.",
    )  # fmt: skip
    region = Text(
        required=False, allow_blank=True, max_length=10,
        help_text="The region's ISO code, KZ-75: the competent body is proposed for it.",
    )  # fmt: skip


class ProposedTopicSerializer(serializers.Serializer[Any]):
    category = serializers.IntegerField(source="category.pk", help_text="A subcategory's id.")
    code = serializers.CharField(source="category.code")
    name = serializers.CharField(source="category.name", help_text="In the request's language.")
    confidence = serializers.FloatField(help_text="0–1: how sure the model is.")


class ProposalSerializer(serializers.Serializer[Any]):
    topics = ProposedTopicSerializer(
        many=True, help_text="Up to three, best first; none when the text says too little."
    )
    agency = AgencySerializer(allow_null=True, help_text="For the first topic in the region.")
    reason = serializers.CharField()


class TopicProposal(APIView):
    permission_classes = [AllowAny]
    throttle_classes = [ProposalThrottle]

    @extend_schema(request=ProposalQuerySerializer, responses=ProposalSerializer,
                   operation_id="topic_proposal")  # fmt: skip
    def post(self, request: Request) -> Response:
        """The likeliest topics for a text and, given a region, the body competent for the
        first. Any text is answered: in another language or too short, with no topics."""
        query = ProposalQuerySerializer(data=request.data)
        query.is_valid(raise_exception=True)
        code = query.validated_data.get("region") or ""
        region = Region.objects.filter(code=code).first() if code else None
        proposal = propose_addressed(query.validated_data["text"][:TEXT_HEAD], region=region)
        body = {"topics": proposal.topics, "agency": proposal.agency, "reason": proposal.reason}
        return Response(ProposalSerializer(body).data)
