"""propose(): what it answers for any text, and that a process reads a model once."""

from __future__ import annotations

from typing import Any

import pytest

from agencies.models import Region
from appeals.models import TopicModel
from appeals.topics.proposing import announce, propose, propose_addressed
from appeals.topics.training import train_topic_model

pytestmark = pytest.mark.django_db

HEATING_RU = "В нашем доме нет отопления, батареи холодные уже неделю, в квартире +14."
HEATING_KK = "Біздің үйде жылу жоқ, батареялар суық, пәтерде өте салқын, балалар ауырып жүр."
# Inputs that must never raise: each gets a proposal or none.
ODD_TEXTS = {
    "empty": "",
    "blank": " \n\t ",
    "huge": "отопление батареи холодные " * 40_000,  # about 1 MB
    "mixed scripts": "Батареи cold, жылу жоқ, heating не работает 123 ❄️",
    "english": "The street lights on our road have not worked for a month, please fix them.",
    "german": "Die Straßenbeleuchtung in unserer Straße funktioniert seit einem Monat nicht.",
    "chinese": "我们街道的路灯已经一个月不亮了，请尽快修理。",
    "digits": "1234567890 42 2026",
    "emoji": "😡😡😡 🔥❄️🏠",
    "nul and controls": "отопление\x00\x01\x02батареи",
    "lone surrogate": "отопление \ud800 батареи",
}


def test_a_heating_complaint_is_heating_in_both_languages(topic_model: TopicModel) -> None:
    for text in (HEATING_RU, HEATING_KK):
        proposed = propose(text)
        assert proposed and proposed[0].category.code == "housing-heating"
        assert 0 < proposed[0].confidence <= 1 and len(proposed) <= 3


@pytest.mark.parametrize("name", ODD_TEXTS)
def test_odd_input_gets_a_proposal_or_none(topic_model: TopicModel, name: str) -> None:
    proposed = propose(ODD_TEXTS[name])
    assert len(proposed) <= 3
    assert all(0 < topic.confidence <= 1 for topic in proposed)


@pytest.mark.parametrize("name", ["empty", "blank", "digits", "emoji", "chinese", "german"])
def test_a_text_with_no_known_word_gets_no_proposal(topic_model: TopicModel, name: str) -> None:
    assert propose(ODD_TEXTS[name]) == []


def test_without_a_model_nothing_is_proposed() -> None:
    assert propose(HEATING_RU) == []


def test_a_local_topic_is_addressed_to_the_regions_akimat(topic_model: TopicModel) -> None:
    addressed = propose_addressed(HEATING_RU, region=Region.objects.get(code="KZ-75"))
    assert addressed.agency is not None and addressed.agency.code == "akimat-kz-75"
    assert addressed.reason


def test_a_proposal_reads_the_model_once(
    topic_model: TopicModel, django_assert_num_queries: Any
) -> None:
    propose(HEATING_RU)
    with django_assert_num_queries(0):
        for _ in range(20):
            propose(HEATING_RU)


def test_a_newer_model_is_taken_up_when_announced(
    topic_model: TopicModel, monkeypatch: pytest.MonkeyPatch
) -> None:
    from appeals.topics import proposing

    propose(HEATING_RU)
    newer = train_topic_model(limit=0)
    announce(newer.pk)
    monkeypatch.setattr(proposing, "CHECK_SECONDS", 0.0)
    propose(HEATING_RU)
    assert proposing._loaded.version == newer.pk
