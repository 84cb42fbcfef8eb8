"""Problem clusters in the public-PII scan (test_public_pii.py): the scan's appeals, whose
every field repeats their applicants' details, grouped into clusters per body (one answered
as a whole with the details in its answer, one with a proposed change of rules that repeats
them, one too small to be shown); every public route of the problem questions is listed
with the addresses the scan reads. Public there: topics, counts, status and dates only."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils import timezone

from accounts.models import User
from appeals.models import Appeal
from listening.models import ClusterMember, ProblemCluster, RuleChange
from ratings.models import RankingSnapshot
from tests.security.public_urls import Urls


def _cluster(appeals: Sequence[Appeal], **fields: object) -> ProblemCluster:
    now, first = timezone.now(), appeals[0]
    cluster = ProblemCluster.objects.create(
        agency_id=first.agency_id, category=first.category, region=first.region,
        created_at=now, last_appeal_at=now, appeals=len(appeals),
        applicants=len({a.applicant_id for a in appeals}), **fields,
    )  # fmt: skip
    ClusterMember.objects.bulk_create(
        ClusterMember(cluster=cluster, appeal=a, applicant_id=a.applicant_id, joined_at=now)
        for a in appeals
    )
    return cluster


def plant_clusters(details: str) -> None:
    """Each body's appeals in clusters; `details` (a person's) in every staff-written text."""
    by_agency: dict[int, list[Appeal]] = {}
    for appeal in Appeal.objects.order_by("pk"):
        by_agency.setdefault(appeal.agency_id, []).append(appeal)
    someone = User.objects.filter(memberships__isnull=False).first()
    assert someone is not None
    for number, appeals in enumerate(by_agency.values()):
        one_each = list({a.applicant_id: a for a in appeals}.values())
        if len(one_each) < 2:
            continue
        small = _cluster(one_each[:1])  # below the minimum: never shown
        RuleChange.objects.create(
            cluster=small, proposal=details, proposed_by=someone, proposed_at=timezone.now()
        )
        rest = [a for a in appeals if a != one_each[0]]
        if number % 2:
            _cluster(rest, status="answered", answered_at=timezone.now(), answer_text=details,
                     answered_by=someone)  # fmt: skip
            continue
        cluster = _cluster(rest, status="rule_change")
        RuleChange.objects.create(
            cluster=cluster, proposal=details, proposed_by=someone, proposed_at=timezone.now(),
            status="rejected", outcome=details, decided_at=timezone.now(),
        )  # fmt: skip


def body_urls(_: list[RankingSnapshot]) -> list[str]:
    bodies = ProblemCluster.objects.values_list("agency__code", "agency_id").distinct()
    return [f"/problems/body/{value}/" for pair in bodies for value in pair]


def region_urls(_: list[RankingSnapshot]) -> list[str]:
    regions = ProblemCluster.objects.values_list("region__code", flat=True).distinct()
    return [f"/problems/region/{code}/" for code in regions if code]


def index_urls(_: list[RankingSnapshot]) -> list[str]:
    return ["/problems/"]


LISTENING_PUBLIC: dict[str, Urls] = {
    "problems/": index_urls,
    "problems/body/<str:code>/": body_urls,
    "problems/region/<str:code>/": region_urls,
}
