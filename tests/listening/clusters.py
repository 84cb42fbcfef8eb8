"""Problem clusters for the tests, made with the ORM until the clustering job makes them:
appeals of different citizens to one body, sent and brought on through the real services."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from django.test import Client
from django.utils import timezone

from accounts.models import User
from agencies.models import Agency, Category
from appeals.models import Appeal
from appeals.services import appeal_assign, appeal_register
from listening.models import ClusterMember, ProblemCluster
from tests.conftest import People, client_for, submit_appeal
from tests.factories import UserFactory


def cluster_of(
    appeals: Sequence[Appeal], *, status: str = ProblemCluster.Status.OPEN,
    joined: Sequence[datetime.timedelta] = (), category: Category | None = None,
) -> ProblemCluster:  # fmt: skip
    """A cluster of these appeals (of their first's body, region and topic); `joined` says
    how long ago each joined (default: an hour)."""
    now, first = timezone.now(), appeals[0]
    ago = list(joined) + [datetime.timedelta(hours=1)] * (len(appeals) - len(joined))
    cluster = ProblemCluster.objects.create(
        agency_id=first.agency_id, category=category or first.category, region=first.region,
        status=status, created_at=now - max(ago), last_appeal_at=now - min(ago),
        appeals=len(appeals), applicants=len({a.applicant_id for a in appeals}),
    )  # fmt: skip
    for appeal, age in zip(appeals, ago, strict=True):
        ClusterMember.objects.create(
            cluster=cluster, appeal=appeal, applicant_id=appeal.applicant_id,
            joined_at=now - age,
        )  # fmt: skip
    return cluster


def citizens(count: int) -> list[User]:
    return [UserFactory.create() for _ in range(count)]


def appeals_to(agency: Agency, applicants: Sequence[User]) -> list[Appeal]:
    return [submit_appeal(applicant, agency) for applicant in applicants]


def in_progress(people: People, appeal: Appeal) -> Appeal:
    appeal = appeal_register(appeal_id=appeal.pk, actor=people.registrar)
    return appeal_assign(appeal_id=appeal.pk, actor=people.head, executor=people.executor)


def client_in_english(user: User) -> Client:
    """A session of `user` whose pages are in English (the refusals' words are read)."""
    client = client_for(user)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client
