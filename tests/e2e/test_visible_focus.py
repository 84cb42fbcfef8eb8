"""Keyboard users see where they are: every link, button and field reached by Tab on the
portal's home page and the back-office's login page shows a focus indicator."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page
from pytest_django.live_server_helper import LiveServer

# The focused element's outline and box-shadow, and what it is.
FOCUSED = """() => {
    const element = document.activeElement, style = getComputedStyle(element);
    return {
        what: element.tagName + " " + (element.textContent || element.name || "").trim(),
        outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2,
        shadow: style.boxShadow !== "none",
        body: element === document.body,
    };
}"""


def unmarked_stops(page: Page, stops: int) -> list[str]:
    """Tabs through the first `stops` focusable elements; those with no visible focus."""
    unmarked = []
    for _ in range(stops):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused["body"]:
            break
        if not (focused["outline"] or focused["shadow"]):
            unmarked.append(focused["what"])
    return unmarked


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("reference_after_flush")
@pytest.mark.parametrize("path", ["/", "/status/", "/backoffice/login/"])
def test_every_tab_stop_shows_its_focus(live_server: LiveServer, page: Page, path: str) -> None:
    page.goto(live_server.url + path)
    assert unmarked_stops(page, 25) == []
