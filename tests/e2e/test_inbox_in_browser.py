"""The inbox in the browser: the header counts the unread notices, a notice opens and is
read, "Mark all as read" empties the count (tests/e2e/test_every_page.py runs axe on them)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from appeals.models import Appeal
from tests.conftest import People, submit_appeal
from tests.e2e.test_backoffice_journey import log_in


@pytest.mark.django_db(transaction=True)
def test_a_citizen_reads_the_notices_in_the_inbox(
    reference_after_flush: None,
    people: People,
    appeal_in: Callable[[str], Appeal],
    live_server: LiveServer,
    page: Page,
) -> None:
    registered = appeal_in(Appeal.Status.REGISTERED)  # received, then registered: two notices
    submit_appeal(people.citizen, people.agency)
    log_in(page, live_server.url + "/accounts/login/", people.citizen)
    inbox_link = page.locator(".site-header a[href='/inbox/']")
    expect(inbox_link.locator(".unread")).to_contain_text("3")

    inbox_link.click()
    page.wait_for_load_state()
    rows = page.locator("main ul.inbox > li")
    expect(rows).to_have_count(3)
    expect(rows.locator(".govuk-tag")).to_have_count(3)  # unread, in words
    rows.nth(1).locator("a").click()  # the second newest: the registration
    page.wait_for_load_state()
    expect(page.locator("h1")).to_contain_text(registered.reference)
    expect(inbox_link.locator(".unread")).to_contain_text("2")
    inbox_link.click()
    expect(rows.nth(1).locator(".govuk-tag")).to_have_count(0)  # read now
    expect(rows.locator(".govuk-tag")).to_have_count(2)

    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    expect(inbox_link.locator(".unread")).to_have_count(0)
    expect(page.locator("main form")).to_have_count(0)
