"""What the tests of the status lookup share: a known code on an appeal, fresh counters, the
lookup as a browser and as the API sends it, and a page with its form's token left out."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client

from appeals.models import Appeal
from appeals.status_lookup import lookup_hash

CODE = "7KQM3XWD"
SHOWN = re.compile(r"data-lookup-code>([2-9A-Z]{4}-[2-9A-Z]{4})<")
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')


def with_code(appeal: Appeal, code: str = CODE) -> Appeal:
    """The appeal with `code` as its lookup code (a real one is shown once, then lost)."""
    Appeal.objects.filter(pk=appeal.pk).update(lookup_hash=lookup_hash(appeal.reference, code))
    appeal.refresh_from_db()
    return appeal


@pytest.fixture
def fresh_counters(redis_client: Any) -> Iterator[None]:
    """Lookup counts live in Redis and outlive a test run: the limits' tests start at zero."""

    def clear() -> None:
        for key in redis_client.scan_iter("*status-*"):
            redis_client.delete(key)

    clear()
    yield
    clear()


def look_up(client: Client, reference: str, code: str, **extra: Any) -> Any:
    return client.post(
        "/status/", {"reference": reference, "code": code}, HTTP_ACCEPT_LANGUAGE="en", **extra
    )


def api_look_up(client: Any, reference: str, code: str) -> Any:
    return client.post("/api/v1/status/", {"reference": reference, "code": code}, format="json")


def tokenless(response: Any) -> str:
    """The page without its form's CSRF token, which is new on every page."""
    return TOKEN.sub("", response.content.decode())
