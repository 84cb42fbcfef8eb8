"""The public rankings in the browser: switch the period, sort, open an agency, download."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page
from pytest_django.live_server_helper import LiveServer

from ratings.snapshots import rankings_recompute
from tests.ratings.dataset import AS_OF, load_data_set


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("reference_after_flush")
def test_rankings_period_sort_agency_and_csv(
    live_server: LiveServer, page: Page, axe_check: Callable[[Page], None], settings: Any
) -> None:
    load_data_set(settings)
    rankings_recompute(as_of=AS_OF)

    page.goto(live_server.url + "/ratings/")
    page.locator("nav.periods a[href*='period=all_time']").click()
    page.wait_for_load_state()
    assert "period=all_time" in page.url
    assert page.locator("nav.periods a[aria-current=page]").get_attribute("href") == (
        "?period=all_time&sort=rank"
    )

    page.locator("#table-akimats th a[href*='sort=received']").click()
    page.wait_for_load_state()
    first = page.locator("#table-akimats tbody tr").first
    assert first.locator("td").nth(2).inner_text() == "7"  # Almaty: 7 appeals all time

    first.locator("td a").click()
    page.wait_for_load_state()
    assert "/ratings/agency/akimat-kz-75/" in page.url
    axe_check(page)

    page.goto(live_server.url + "/ratings/?period=all_time")
    with page.expect_download() as download:
        page.locator("#heading-akimats ~ .as-of a", has_text="CSV").click()
    content = open(download.value.path(), encoding="utf-8-sig").read()  # noqa: SIM115
    assert content.startswith("agency_code,agency_name_ru")
    assert "akimat-kz-75" in content


# The smallest text of the rankings page's pictures, in CSS pixels as drawn.
SMALLEST_TEXT = """() => Math.min(...[...document.querySelectorAll('.ranking figure svg text')]
    .map(text => parseFloat(text.getAttribute('font-size')) * text.getScreenCTM().a))"""


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("reference_after_flush")
def test_the_charts_and_the_tile_maps_are_readable_on_a_phone(
    live_server: LiveServer, page: Page, axe_check: Callable[[Page], None], settings: Any
) -> None:
    load_data_set(settings)
    rankings_recompute(as_of=AS_OF)
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(live_server.url + "/ratings/?period=all_time")
    assert page.locator(".ranking figure svg").count() == 6  # two tile maps, four bar charts
    assert page.evaluate(SMALLEST_TEXT) >= 11.9
    assert page.evaluate("document.documentElement.scrollWidth") <= 360  # no page-wide scroll
    axe_check(page)


# Each scrolling box: reachable by keyboard, named, and with its hint in view before it.
SCROLL_BOXES = """() => [...document.querySelectorAll('.table-scroll')].map(box => [
    box.tabIndex, box.getAttribute('role'),
    box.getAttribute('aria-label') || box.getAttribute('aria-labelledby'),
    box.scrollWidth > box.clientWidth,
    [...box.parentElement.querySelectorAll('.scroll-hint')].some(h => h.offsetParent !== null)])"""
# The smallest text of the agency page's trend, in CSS pixels as drawn (rotated labels too).
TREND_TEXT = """() => Math.min(...[...document.querySelectorAll('main figure svg text')]
    .filter(text => text.getBBox().width > 0)
    .map(text => { const m = text.getScreenCTM();
                   return parseFloat(getComputedStyle(text).fontSize) * Math.hypot(m.a, m.b); }))"""


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("reference_after_flush")
def test_every_rankings_page_fits_a_phone(
    live_server: LiveServer, page: Page, axe_check: Callable[[Page], None], settings: Any
) -> None:
    load_data_set(settings)
    rankings_recompute(as_of=AS_OF)
    rankings_recompute(as_of=AS_OF.replace(hour=13))  # a second point: the agency's trend
    page.set_viewport_size({"width": 360, "height": 800})
    pages = ("/ratings/?period=all_time", "/ratings/agency/akimat-kz-75/?period=all_time",
             "/ratings/map/?period=all_time", "/ratings/methodology/")  # fmt: skip
    for url in pages:
        page.goto(live_server.url + url)
        assert page.evaluate("document.documentElement.scrollWidth") <= 360, url
        axe_check(page)
        target_size = Axe().run(page, options={"runOnly": ["target-size"]}).response
        assert target_size["violations"] == [], url
        for tabindex, role, name, scrolls, hinted in page.evaluate(SCROLL_BOXES):
            assert (tabindex, role) == (0, "region") and name, url
            assert hinted or not scrolls, url
        if "/agency/" in url:
            assert page.locator("main figure svg").count() == 1
            assert page.evaluate(TREND_TEXT) >= 11.9
    for period in page.locator("nav.periods a").all():
        box = period.bounding_box()
        assert box is not None and box["height"] >= 24
