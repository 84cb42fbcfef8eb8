"""The topic proposed as the citizen types: the script asks once the typing pauses, and
"Accept" chooses the topic and, through the routing, the addressee."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from django.core.cache import cache
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from agencies.models import Agency, Category, Region
from appeals.topics.proposing import VERSION_KEY, announce, forget
from appeals.topics.training import train_topic_model
from tests.conftest import People
from tests.e2e.test_backoffice_journey import log_in

AxeCheck = Callable[[Page], None]


@pytest.fixture
def trained() -> Iterator[None]:
    forget()
    announce(train_topic_model(limit=0).pk)
    yield
    forget()
    cache.delete(VERSION_KEY)


@pytest.mark.django_db(transaction=True)
def test_typing_proposes_the_topic_and_accept_fills_it_in(
    reference_after_flush: None, trained: None, people: People, live_server: LiveServer,
    page: Page, axe_check: AxeCheck,
) -> None:  # fmt: skip
    log_in(page, live_server.url + "/accounts/login/?next=/appeals/new/", people.citizen)
    expect(page.locator("button[name=propose_topic]")).to_be_hidden()  # the script asks
    page.select_option("[name=region]", str(Region.objects.get(code="KZ-75").pk))
    page.locator("[name=text]").press_sequentially(
        "В нашем доме нет отопления, батареи холодные уже неделю.", delay=5
    )
    accept = page.locator("#topic-proposal-result button").first
    expect(accept).to_be_visible(timeout=5_000)
    axe_check(page)
    accept.click()
    heating = str(Category.objects.get(code="housing-heating").pk)
    expect(page.locator("[name=category]")).to_have_value(heating)
    akimat = str(Agency.objects.get(code="akimat-kz-75").pk)
    expect(page.locator("[name=addressee]")).to_have_value(akimat)
