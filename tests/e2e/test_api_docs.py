"""The API's documentation pages work under the Content-Security-Policy, offline."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page
from pytest_django.live_server_helper import LiveServer


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
