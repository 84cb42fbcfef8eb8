"""The API's documentation pages work under the Content-Security-Policy, offline."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page
from pytest_django.live_server_helper import LiveServer


def watch(page: Page) -> list[str]:
    """Every console error and every failed request of the page, to be empty at the end."""
    problems: list[str] = []
    page.on(
        "console",
        lambda message: problems.append(message.text) if message.type == "error" else None,
    )
    page.on("requestfailed", lambda request: problems.append(f"failed: {request.url}"))
    page.on("pageerror", lambda error: problems.append(str(error)))
    return problems


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("path", "ready"),
    [("/api/docs/", ".swagger-ui .info"), ("/api/redoc/", "redoc-wrap, .redoc-wrap")],
)
def test_the_api_documentation_renders(
    live_server: LiveServer, page: Page, path: str, ready: str
) -> None:
    page.goto(live_server.url + path)
    page.wait_for_selector(ready, timeout=20_000)
    assert "Otinish API" in page.content()


@pytest.mark.django_db(transaction=True)
def test_redoc_loads_nothing_blocked(live_server: LiveServer, page: Page) -> None:
    problems = watch(page)
    page.goto(live_server.url + "/api/redoc/")
    page.get_by_role("heading", name="Otinish API").first.wait_for(timeout=20_000)
    page.wait_for_load_state("networkidle")
    assert problems == []


@pytest.mark.django_db(transaction=True)
def test_the_home_page_logs_no_error(live_server: LiveServer, page: Page) -> None:
    problems = watch(page)
    page.goto(live_server.url + "/")
    page.wait_for_load_state("networkidle")
    assert problems == []
