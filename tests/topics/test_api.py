"""POST /api/v1/topics/proposal/: the form's proposal for apps, public and limited."""

from __future__ import annotations

import json
import random

import pytest
from rest_framework.test import APIClient

from appeals.api.topics import ProposalThrottle
from appeals.models import TopicModel
from tests.conftest import People
from tests.factories import api_token
from tests.topics.test_propose import HEATING_KK, HEATING_RU, ODD_TEXTS

pytestmark = pytest.mark.django_db
URL = "/api/v1/topics/proposal/"


def test_anyone_gets_topics_and_the_competent_body(topic_model: TopicModel) -> None:
    answer = APIClient().post(URL, {"text": HEATING_RU, "region": "KZ-75"}, format="json")
    body = answer.json()
    assert answer.status_code == 200
    assert body["topics"][0]["code"] == "housing-heating"
    assert body["agency"]["code"] == "akimat-kz-75" and body["reason"]


def test_a_citizen_with_a_token_gets_the_same(people: People, topic_model: TopicModel) -> None:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {api_token(people.citizen)}")
    answer = client.post(URL, {"text": HEATING_KK}, format="json", HTTP_ACCEPT_LANGUAGE="kk")
    assert answer.json()["topics"][0]["name"] == "Жылумен жабдықтау"
    assert answer.json()["agency"] is None


@pytest.mark.parametrize("name", [k for k in ODD_TEXTS if k != "huge"])
def test_odd_text_gets_an_answer_not_an_error(topic_model: TopicModel, name: str) -> None:
    # Written out here: the test client would not encode a lone surrogate.
    body = json.dumps({"text": ODD_TEXTS[name], "region": "KZ-99"})
    answer = APIClient().post(URL, body, content_type="application/json")
    if name in ("nul and controls", "lone surrogate"):  # JSON that no text field may hold
        assert answer.status_code == 400
        return
    assert answer.status_code == 200
    assert len(answer.json()["topics"]) <= 3 and answer.json()["agency"] is None


def test_a_long_text_is_read_by_its_head(topic_model: TopicModel) -> None:
    text = "отопление батареи холодные " * 30_000  # under the portal's 1 MB cap in JSON UTF-8
    answer = APIClient().post(URL, {"text": text[:300_000]}, format="json")
    assert answer.status_code == 200 and answer.json()["topics"]


def test_a_missing_text_is_a_field_error(topic_model: TopicModel) -> None:
    answer = APIClient().post(URL, {}, format="json")
    assert answer.status_code == 400
    assert "text" in answer.json()["error"]["field_errors"]


def test_proposals_are_limited_per_address(
    topic_model: TopicModel, monkeypatch: pytest.MonkeyPatch, redis_client: object
) -> None:
    monkeypatch.setattr(ProposalThrottle, "get_rate", lambda self: "2/hour")
    # Counts outlive the run in Redis: an address of this run's own.
    client = APIClient(REMOTE_ADDR=f"198.51.100.{random.randint(1, 254)}")
    codes = [client.post(URL, {"text": HEATING_RU}, format="json").status_code for _ in range(3)]
    assert codes[2] == 429
