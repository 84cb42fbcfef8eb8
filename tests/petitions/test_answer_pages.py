"""The addressee's back-office: the queue of petitions that reached their threshold and a
petition's page, answered by its heads, registrars and executors; read by its other staff
and the controllers above; not found by other bodies."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from petitions.answering import petition_answer
from petitions.models import Petition
from tests.conftest import client_for
from tests.petitions.pages import EN, considering, lift_limits, visitor
from tests.petitions.world import LOCAL_BODY, published, staff_of, verified_citizen

pytestmark = pytest.mark.django_db
LIST = reverse("backoffice:petitions_petition_changelist")
ANSWERERS = ["head", "registrar", "executor"]
READERS = ["controller", "front_office", "controller_above"]
ANSWER = {"outcome": "partly", "decision": "Ремонт котельной включён в план 2027 года."}


@pytest.fixture(autouse=True)
def _limits(settings: Any, tmp_path: Path) -> None:
    lift_limits(settings, tmp_path)


def page_of(petition: Petition) -> str:
    return reverse("backoffice:petitions_petition_change", args=[petition.pk])


@pytest.mark.parametrize("who", ANSWERERS)
def test_the_addressees_answerers_answer(who: str) -> None:
    petition = considering()
    client = visitor(who)
    assert page_of(petition) in client.get(LIST, **EN).content.decode()
    page = client.get(page_of(petition), **EN).content.decode()
    assert petition.title in page and 'name="decision"' in page
    response = client.post(page_of(petition), ANSWER, **EN)
    assert response.status_code == 302 and response["Location"] == page_of(petition)
    petition.refresh_from_db()
    assert (petition.status, petition.outcome) == (Petition.Status.ANSWERED, "partly")


@pytest.mark.parametrize("who", READERS)
def test_other_staff_and_controllers_above_read_but_do_not_answer(who: str) -> None:
    petition = considering()
    client = visitor(who)
    assert page_of(petition) in client.get(LIST, **EN).content.decode()
    page = client.get(page_of(petition), **EN).content.decode()
    assert petition.title in page and 'name="decision"' not in page
    assert client.post(page_of(petition), ANSWER).status_code == 403
    assert Petition.objects.get(pk=petition.pk).status == Petition.Status.CONSIDERING


def test_another_bodys_staff_do_not_find_it() -> None:
    petition = considering()
    client = visitor("other_agency_head")
    assert page_of(petition) not in client.get(LIST, **EN).content.decode()
    assert client.get(page_of(petition)).status_code == 404
    assert client.post(page_of(petition), ANSWER).status_code == 404


@pytest.mark.parametrize("who", ["citizen", "anonymous"])
def test_citizens_and_visitors_are_sent_to_the_staff_login(who: str) -> None:
    petition = considering()
    client = client_for(verified_citizen()) if who == "citizen" else Client()
    for response in (client.get(LIST), client.get(page_of(petition)),
                     client.post(page_of(petition), ANSWER)):  # fmt: skip
        assert response.status_code == 302 and "/backoffice/login/" in response["Location"]
    assert Petition.objects.get(pk=petition.pk).status == Petition.Status.CONSIDERING


def test_a_petition_still_collecting_is_not_in_the_queue() -> None:
    petition = published()
    client = visitor("head")
    assert page_of(petition) not in client.get(LIST).content.decode()
    assert client.get(page_of(petition)).status_code == 404


def test_the_queue_marks_the_overdue_and_orders_by_deadline() -> None:
    late, fresh = considering(title="Просроченная"), considering(title="Свежая")
    Petition.objects.filter(pk=late.pk).update(
        answer_due=timezone.now() - datetime.timedelta(days=2)
    )
    page = visitor("head").get(LIST, **EN).content.decode()
    assert page.index(page_of(late)) < page.index(page_of(fresh))
    assert page.count('class="overdue"') == 1


def test_an_empty_decision_is_explained_and_the_outcome_kept() -> None:
    petition = considering()
    response = visitor("head").post(page_of(petition), {"outcome": "refused", "decision": ""})
    assert response.status_code == 200 and 'value="refused" selected' in response.content.decode()
    assert Petition.objects.get(pk=petition.pk).status == Petition.Status.CONSIDERING


def test_an_answered_petition_is_read_only() -> None:
    petition = considering()
    petition_answer(staff=staff_of(LOCAL_BODY), petition_id=petition.pk, **ANSWER)
    client = visitor("head")
    page = client.get(page_of(petition), **EN).content.decode()
    assert ANSWER["decision"] in page and 'name="decision"' not in page
    response = client.post(page_of(petition), ANSWER, **EN)
    assert "Only a petition under consideration can be answered." in response.content.decode()


def test_the_queue_reads_a_bounded_number_of_queries(django_assert_max_num_queries: Any) -> None:
    for _ in range(3):
        considering()
    client = visitor("head")
    with django_assert_max_num_queries(14):
        assert client.get(LIST).status_code == 200
