"""The problem clusters' part of the every-page walk (test_every_page.py): a cluster of the
walk's appeals with a proposed change of rules, its back-office pages for the head and the
controller, and the public problem questions."""

from __future__ import annotations

from collections.abc import Sequence

from django.urls import reverse
from django.utils import timezone

from appeals.models import Appeal
from listening.models import ClusterMember, ProblemCluster, RuleChange
from tests.conftest import People
from tests.e2e.walk import Stop, submit_empty


def build_cluster(people: People, appeals: Sequence[Appeal]) -> ProblemCluster:
    """The walk's appeals (one applicant's) in a cluster counted as of three people, so
    that the public pages show it: the pages' look is walked here, not the counting."""
    now, first = timezone.now(), appeals[0]
    cluster = ProblemCluster.objects.create(
        agency_id=first.agency_id, category_id=first.category_id, region_id=first.region_id,
        created_at=now, last_appeal_at=now, appeals=len(appeals), applicants=3,
    )  # fmt: skip
    for appeal in appeals:
        ClusterMember.objects.create(
            cluster=cluster, appeal=appeal, applicant_id=appeal.applicant_id, joined_at=now
        )
    RuleChange.objects.create(
        cluster=cluster, proposal="Согласовывать графики промывки сетей с ОСИ.",
        proposed_by=people.head, proposed_at=now,
    )  # fmt: skip
    return cluster


def public_stops(cluster: ProblemCluster) -> list[Stop]:
    return [
        Stop(reverse("problems:index")),
        Stop(reverse("problems:body", args=[cluster.agency.code])),
        Stop(reverse("problems:region", args=["KZ-75"])),
    ]


def head_stops(cluster: ProblemCluster) -> list[Stop]:
    answer = reverse("listening:answer", args=[cluster.pk])
    change = RuleChange.objects.get(cluster=cluster)
    return [
        Stop(reverse("listening:clusters")),
        Stop(reverse("listening:cluster", args=[cluster.pk])),
        Stop(answer), Stop(answer, "after an empty submit", then=submit_empty),
        Stop(reverse("listening:move", args=[change.pk])),
    ]  # fmt: skip


def controller_stops(cluster: ProblemCluster) -> list[Stop]:
    return [Stop(reverse("listening:cluster", args=[cluster.pk]), "as the controller")]
