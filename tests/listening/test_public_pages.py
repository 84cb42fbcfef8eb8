"""The public problem questions: per body, per region and their index show clusters'
topics, sizes, status, dates and their proposals' status; never anything of the people or
their appeals; and no cluster of fewer different applicants than the minimum."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from appeals.models import Appeal
from listening.models import ProblemCluster
from listening.proposals import rule_change_move, rule_change_propose
from tests.conftest import People, submit_appeal
from tests.factories import UserFactory
from tests.listening.clusters import cluster_of

pytestmark = pytest.mark.django_db
SECRET_SUBJECT = "Жалоба Жанибека Секретова"
SECRET_TEXT = "Я, Жанибек Секретов, ИИН 900315400123, живу по адресу ул. Тайная, 7, кв. 13."


def plant(people: People, applicants: int) -> tuple[ProblemCluster, list[Appeal]]:
    users = [UserFactory.create(full_name=f"Жанибек Секретов {n}") for n in range(applicants)]
    appeals = [
        submit_appeal(u, people.agency, subject=SECRET_SUBJECT, text=SECRET_TEXT) for u in users
    ]
    return cluster_of(appeals), appeals


def pages(cluster: ProblemCluster) -> list[str]:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    urls = [
        reverse("problems:index"),
        reverse("problems:body", args=[cluster.agency.code]),
        reverse("problems:body", args=[cluster.agency_id]),
        reverse("problems:region", args=[cluster.region.code]),  # type: ignore[union-attr]
    ]
    answers = [client.get(url) for url in urls]
    assert [a.status_code for a in answers] == [200] * len(urls)
    return [a.content.decode() for a in answers]


def test_the_pages_show_topics_and_counts_never_people(people: People) -> None:
    cluster, appeals = plant(people, 3)
    change = rule_change_propose(
        cluster_id=cluster.pk, actor=people.head, proposal="Секретов просит сменить правило"
    )
    rule_change_move(change_id=change.pk, actor=people.head, status="in_review")
    index, *listings = pages(cluster)
    assert people.agency.name_en in index
    for page in listings:
        assert cluster.category.name_en in page and "Under review" in page
        assert "A change of rules proposed" in page
    for page in (index, *listings):
        assert "Секретов" not in page and "900315400123" not in page and "Тайная" not in page
        for appeal in appeals:
            assert appeal.reference not in page


def test_a_cluster_below_the_minimum_is_not_shown(people: People) -> None:
    small, _ = plant(people, 2)
    for page in pages(small)[1:]:
        assert small.category.name_en not in page.split("<main", 1)[-1].split("<h1", 1)[-1]
        assert "No problem questions to show here." in page
    assert people.agency.name_en not in pages(small)[0].split("<h1", 1)[-1]


def test_an_unknown_body_or_region_is_not_found() -> None:
    client = Client()
    assert client.get(reverse("problems:body", args=["no-such-body"])).status_code == 404
    assert client.get(reverse("problems:region", args=["KZ-00"])).status_code == 404
