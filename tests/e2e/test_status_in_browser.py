"""A walk-in's appeal taken in at the front-office desk, its receipt printed, and the status
page, opened from the home page without logging in, showing the status with the receipt's
code."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from agencies.models import AppealType, Category, Region
from appeals.models import Appeal
from tests.appeals.letters import pdf_text
from tests.conftest import People
from tests.e2e.test_backoffice_journey import log_in, submit
from tests.factories import valid_iin

PRINTED = re.compile(r"([2-9A-Z]{4}-[2-9A-Z]{4})")


def take_in(page: Page, people: People) -> None:
    """The operator fills in the walk-in's appeal and sends it."""
    page.fill("[name=iin]", valid_iin(5151))
    page.fill("[name=full_name]", "Гулнар Приходящая")
    page.select_option(
        "select[name=appeal_type]", str(AppealType.objects.get(code="application").pk)
    )
    page.select_option(
        "select[name=category]", str(Category.objects.get(code="housing-heating").pk)
    )
    page.select_option("select[name=region]", str(Region.objects.get(code="KZ-75").pk))
    page.select_option("select[name=addressee]", str(people.agency.pk))
    page.fill("[name=subject]", "Нет отопления")
    page.fill("[name=text]", "В доме по улице Абая, 10 нет отопления с 1 ноября.")
    page.select_option("select[name=language]", "ru")
    submit(page)


@pytest.mark.django_db(transaction=True)
def test_a_walk_in_checks_the_status_with_the_receipts_code(
    reference_after_flush: None, people: People, live_server: LiveServer, page: Page,
    axe_check: Callable[[Page], None],
) -> None:  # fmt: skip
    desk = "/backoffice/appeals/appeal/front-office/"
    log_in(page, f"{live_server.url}/backoffice/login/?next={desk}", people.front_office)
    take_in(page, people)
    appeal = Appeal.objects.get(applicant__full_name="Гулнар Приходящая")
    offer = page.locator(f'a[href="{desk}receipt/{appeal.pk}/"]')
    expect(offer).to_be_visible()
    axe_check(page)
    receipt = page.context.request.get(live_server.url + str(offer.get_attribute("href")))
    assert receipt.ok and receipt.headers["content-type"] == "application/pdf"
    text = pdf_text(receipt.body())
    printed = PRINTED.search(text)
    assert printed is not None and appeal.reference in text

    page.context.clear_cookies()  # the citizen, at home: no account
    page.goto(live_server.url + "/")
    page.locator('main a[href="/status/"]').click()
    page.fill("[name=reference]", appeal.reference)
    page.fill("[name=code]", printed.group(1).lower())
    page.locator("main form [type=submit]").click()
    page.wait_for_load_state()
    facts = page.locator("[data-status]")
    expect(facts).to_have_attribute("data-status", "submitted")
    expect(facts).to_contain_text("Подано")
    expect(facts).to_contain_text(people.agency.name_ru)
    expect(page.locator("main")).not_to_contain_text("Гулнар")
