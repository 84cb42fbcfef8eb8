from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer


@pytest.mark.django_db(transaction=True)
def test_home_switches_to_kazakh(live_server: LiveServer, page: Page) -> None:
    page.goto(live_server.url + "/")
    assert page.locator("html").get_attribute("lang") == "ru"

    page.locator('form[action="/i18n/setlang/"] button[name="language"][value="kk"]').click()
    expect(page.locator("html")).to_have_attribute("lang", "kk")

    assert page.locator("html").get_attribute("lang") == "kk"
    assert page.locator("h1").inner_text().strip() == "Мемлекеттік органға жазыңыз"
