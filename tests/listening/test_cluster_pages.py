"""The back-office's clusters: who sees a body's clusters, and in a cluster only the appeals
the viewer may already see; its growth, filters and paging."""

from __future__ import annotations

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from agencies.models import Category
from appeals.services import appeal_forward, appeal_register
from listening import backoffice
from listening.models import ProblemCluster
from tests.conftest import People, client_for
from tests.listening.clusters import appeals_to, citizens, cluster_of

pytestmark = pytest.mark.django_db
HOUR, DAY = datetime.timedelta(hours=1), datetime.timedelta(days=1)


def test_the_body_s_staff_see_its_clusters_and_others_do_not(people: People) -> None:
    cluster = cluster_of(appeals_to(people.agency, citizens(3)))
    listed = reverse("listening:clusters")
    for user in (people.head, people.executor, people.registrar, people.controller):
        page = client_for(user).get(listed)
        assert page.status_code == 200
        assert reverse("listening:cluster", args=[cluster.pk]) in page.content.decode()
    other = client_for(people.other_agency_head)
    assert reverse("listening:cluster", args=[cluster.pk]) not in other.get(listed).content.decode()
    assert other.get(reverse("listening:cluster", args=[cluster.pk])).status_code == 404


def test_citizens_and_visitors_go_to_the_back_office_sign_in(people: People) -> None:
    cluster = cluster_of(appeals_to(people.agency, citizens(2)))
    url = reverse("listening:cluster", args=[cluster.pk])
    for client in (client_for(people.citizen), Client()):
        answer = client.get(url)
        assert answer.status_code == 302 and answer["Location"].startswith("/backoffice/login/")


def test_a_member_forwarded_out_of_sight_is_not_shown(people: People) -> None:
    appeals = appeals_to(people.agency, citizens(3))
    cluster = cluster_of(appeals)
    gone = appeal_register(appeal_id=appeals[0].pk, actor=people.registrar)
    appeal_forward(
        appeal_id=gone.pk, actor=people.registrar, to_agency=people.other_agency,
        reason="Не наша компетенция: вопрос областного акимата.",
    )  # fmt: skip
    page = client_for(people.head).get(reverse("listening:cluster", args=[cluster.pk]))
    text = page.content.decode()
    assert appeals[1].reference in text and appeals[2].reference in text
    assert gone.reference not in text
    # The body it went to does not see the cluster at all: it is not its cluster.
    other = client_for(people.other_agency_head)
    assert other.get(reverse("listening:cluster", args=[cluster.pk])).status_code == 404


def test_the_page_shows_size_applicants_and_growth(people: People) -> None:
    someone = citizens(1)
    appeals = appeals_to(people.agency, someone * 2 + citizens(2))
    cluster = cluster_of(appeals, joined=[HOUR, 2 * DAY, 3 * DAY, 10 * DAY])
    page = client_for(people.controller).get(reverse("listening:cluster", args=[cluster.pk]))
    text = page.content.decode()
    assert cluster.applicants == 3 and cluster.appeals == 4
    with translation.override("ru"):  # the page's language
        growth = gettext("%(day)s joined in the last 24 hours, %(week)s in the last 7 days")
    assert growth % {"day": 1, "week": 3} in text


def test_the_list_filters_by_status_and_topic(people: People) -> None:
    heating = cluster_of(appeals_to(people.agency, citizens(2)))
    water = Category.objects.filter(parent__isnull=False).exclude(pk=heating.category_id).first()
    assert water is not None
    answered = cluster_of(
        appeals_to(people.agency, citizens(2)), status=ProblemCluster.Status.ANSWERED,
        category=water,
    )  # fmt: skip
    client, listed = client_for(people.head), reverse("listening:clusters")
    link = lambda c: reverse("listening:cluster", args=[c.pk])  # noqa: E731
    by_status = client.get(listed, {"status": "answered"}).content.decode()
    assert link(answered) in by_status and link(heating) not in by_status
    by_topic = client.get(listed, {"category": heating.category_id}).content.decode()
    assert link(heating) in by_topic and link(answered) not in by_topic


def test_the_list_pages(people: People, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(backoffice, "PER_PAGE", 2)
    for appeal in appeals_to(people.agency, citizens(3)):
        cluster_of([appeal])
    client, listed = client_for(people.head), reverse("listening:clusters")
    first, second = client.get(listed), client.get(listed, {"page": 2})
    cluster_link = re.compile(r'href="/backoffice/listening/clusters/\d+/"')
    assert len(cluster_link.findall(first.content.decode())) == 2
    assert len(cluster_link.findall(second.content.decode())) == 1
