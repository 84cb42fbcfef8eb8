"""The topic proposed from the text as the citizen types (appeals/topics/): the form's
script asks here; without the script, the form's button fills the same in (new_appeal)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse, QueryDict
from django.views.decorators.http import require_POST

from accounts.models import User
from agencies.models import Region
from appeals.topics.features import TEXT_HEAD
from appeals.topics.proposing import Addressed, propose_addressed
from core.ids import query_id
from core.ratelimit import rate_take
from core.requests import AuthenticatedRequest


def addressed_from(data: QueryDict) -> Addressed:
    """What the text and region typed into the form propose (any text: none is an error)."""
    region_pk = query_id(data.get("region"))
    region = Region.objects.filter(pk=region_pk).first() if region_pk is not None else None
    return propose_addressed(str(data.get("text", ""))[:TEXT_HEAD], region=region)


def proposal_json(proposal: Addressed) -> dict[str, Any]:
    topics = [
        {
            "category": topic.category.pk,
            "name": topic.category.name,
            "confidence": round(topic.confidence, 3),
        }
        for topic in proposal.topics
    ]
    agency = proposal.agency
    return {
        "topics": topics,
        "agency": agency.pk if agency else None,
        "agency_name": agency.name if agency else "",
        "reason": proposal.reason,
    }


@login_required
@require_POST
def topic_proposal(request: AuthenticatedRequest[User]) -> JsonResponse:
    """The likeliest topics for the text typed and, with the region, the body for the first."""
    allowed = rate_take(
        f"topics:{request.user.pk}", amount=1, limit=settings.TOPIC_PROPOSALS_PER_HOUR,
        window=3600,
    ).allowed  # fmt: skip
    if not allowed:
        return JsonResponse({"topics": [], "agency": None, "agency_name": "", "reason": ""},
                            status=429)  # fmt: skip
    return JsonResponse(proposal_json(addressed_from(request.POST)))
