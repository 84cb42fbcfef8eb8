"""The proposal on the appeal form: the script's endpoint, the button without JavaScript,
and the topic recorded as proposed when the appeal is sent."""

from __future__ import annotations

import pytest
from django.test import Client

from agencies.models import Agency, Category, Region
from appeals.models import Appeal, TopicModel
from tests.appeals.test_submission import form_data
from tests.conftest import People, client_for
from tests.topics.test_propose import HEATING_KK, HEATING_RU, ODD_TEXTS

pytestmark = pytest.mark.django_db
TOPICS = "/appeals/topics/"
NEW = "/appeals/new/"


def test_the_script_gets_three_topics_and_the_body(people: People, topic_model: TopicModel) -> None:
    region = Region.objects.get(code="KZ-75")
    answer = client_for(people.citizen).post(TOPICS, {"text": HEATING_RU, "region": region.pk})
    body = answer.json()
    assert answer.status_code == 200
    assert body["topics"][0]["category"] == Category.objects.get(code="housing-heating").pk
    assert len(body["topics"]) <= 3
    assert body["agency"] == Agency.objects.get(code="akimat-kz-75").pk
    assert body["agency_name"] and body["reason"]


@pytest.mark.parametrize(("language", "name"), [("ru", "name_ru"), ("kk", "name_kk")])
def test_the_topics_are_named_in_the_pages_language(
    people: People, topic_model: TopicModel, language: str, name: str
) -> None:
    browser = client_for(people.citizen)
    browser.cookies["django_language"] = language
    body = browser.post(TOPICS, {"text": HEATING_KK}).json()
    heating = Category.objects.get(code="housing-heating")
    assert body["topics"][0]["name"] == getattr(heating, name)


# A browser cannot send a lone surrogate; the 1 MB text is over the portal's cap on a body.
FORM_TEXTS = {
    **{k: v for k, v in ODD_TEXTS.items() if k not in ("huge", "lone surrogate")},
    "long": "отопление батареи холодные " * 5_000,
}


@pytest.mark.parametrize("name", FORM_TEXTS)
def test_odd_text_gets_an_answer_not_an_error(
    people: People, topic_model: TopicModel, name: str
) -> None:
    answer = client_for(people.citizen).post(TOPICS, {"text": FORM_TEXTS[name], "region": "x"})
    assert answer.status_code == 200
    assert len(answer.json()["topics"]) <= 3


def test_a_body_over_the_portals_cap_is_refused_before_it_is_read(people: People) -> None:
    answer = client_for(people.citizen).post(TOPICS, {"text": ODD_TEXTS["huge"]})
    assert answer.status_code == 413


def test_the_button_takes_a_megabyte_of_text(people: People, topic_model: TopicModel) -> None:
    data = form_data(category="", text=ODD_TEXTS["huge"], propose_topic="1")
    page = client_for(people.citizen).post(NEW, data)
    assert page.status_code == 200
    heating = Category.objects.get(code="housing-heating")
    assert str(page.context["form"]["category"].value()) == str(heating.pk)


def test_no_text_at_all_is_no_proposal(people: People, topic_model: TopicModel) -> None:
    assert client_for(people.citizen).post(TOPICS, {}).json()["topics"] == []


def test_the_endpoint_wants_the_forms_csrf_token(people: People) -> None:
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(people.citizen)
    assert browser.post(TOPICS, {"text": HEATING_RU}).status_code == 403


def test_the_endpoint_is_for_signed_in_citizens(topic_model: TopicModel) -> None:
    answer = Client().post(TOPICS, {"text": HEATING_RU})
    assert answer.status_code == 302 and "/login" in answer["Location"]


def test_the_endpoint_takes_only_posts(people: People) -> None:
    assert client_for(people.citizen).get(TOPICS, {"text": HEATING_RU}).status_code == 405


def test_the_endpoint_counts_proposals_per_person(
    people: People, topic_model: TopicModel, settings: object, redis_client: object
) -> None:
    settings.TOPIC_PROPOSALS_PER_HOUR = 2  # type: ignore[attr-defined]
    browser = client_for(people.citizen)
    codes = [browser.post(TOPICS, {"text": HEATING_RU}).status_code for _ in range(3)]
    assert codes[-1] == 429


def test_the_button_fills_topic_and_addressee_keeping_the_text(
    people: People, topic_model: TopicModel
) -> None:
    data = form_data(category="", addressee="", text=HEATING_RU, propose_topic="1")
    page = client_for(people.citizen).post(NEW, data)
    form = page.context["form"]
    assert page.status_code == 200
    assert str(form["category"].value()) == str(Category.objects.get(code="housing-heating").pk)
    assert str(form["addressee"].value()) == str(Agency.objects.get(code="akimat-kz-75").pk)
    assert form["text"].value() == HEATING_RU and form["subject"].value() == "Нет отопления"
    assert not Appeal.objects.exists()


def test_the_button_says_when_nothing_can_be_proposed(
    people: People, topic_model: TopicModel
) -> None:
    browser = client_for(people.citizen)
    browser.cookies["django_language"] = "en"
    data = form_data(category="", text=ODD_TEXTS["chinese"], propose_topic="1")
    page = browser.post(NEW, data)
    assert "No topic can be proposed from this text yet" in page.content.decode()
    assert page.context["form"]["category"].value() in ("", None)


def test_the_form_offers_the_button(people: People) -> None:
    page = client_for(people.citizen).get(NEW).content.decode()
    assert 'name="propose_topic"' in page and 'data-topics-url="/appeals/topics/"' in page


def test_the_appeal_records_the_servers_own_proposal(
    people: People, topic_model: TopicModel
) -> None:
    water = Category.objects.get(code="housing-water")
    data = form_data(text=HEATING_RU, proposed_category=water.pk)  # a client's claim: ignored
    assert client_for(people.citizen).post(NEW, data).status_code == 302
    appeal = Appeal.objects.get()
    assert appeal.proposed_category is not None
    assert appeal.proposed_category.code == "housing-heating"


def test_an_appeal_with_nothing_proposed_records_none(
    people: People, topic_model: TopicModel
) -> None:
    data = form_data(text="1234567890 " * 5)
    assert client_for(people.citizen).post(NEW, data).status_code == 302
    assert Appeal.objects.get().proposed_category is None
