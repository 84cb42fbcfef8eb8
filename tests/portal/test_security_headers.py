from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["/", "/ratings/", "/accounts/login/", "/api/redoc/"])
def test_every_page_carries_a_strict_script_policy(client: Client, url: str) -> None:
    policy = client.get(url)["Content-Security-Policy"]
    directives = dict(
        (part.split()[0], part.split()[1:]) for part in policy.split(";") if part.strip()
    )
    assert "'unsafe-inline'" not in directives["script-src"]
    assert "'unsafe-eval'" not in directives["script-src"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["object-src"] == ["'none'"]


def test_pages_say_not_to_sniff_types(client: Client) -> None:
    assert client.get("/")["X-Content-Type-Options"] == "nosniff"
