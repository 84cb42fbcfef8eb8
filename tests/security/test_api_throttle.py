"""API_WRITE_RATE holds when many writes arrive at the same moment."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from django.core.cache import cache
from django.db import connection
from rest_framework.test import APIClient

from core.api_policies import WriteThrottle
from tests.conftest import People
from tests.factories import api_token

AT_ONCE = 20
LIMIT = 5


@pytest.fixture
def five_writes_an_hour(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    cache.clear()  # counts live in Redis and outlive a test
    monkeypatch.setattr(WriteThrottle, "THROTTLE_RATES", {"writes": f"{LIMIT}/hour"})
    yield
    cache.clear()


@pytest.mark.django_db(transaction=True)
def test_writes_at_the_same_moment_never_exceed_the_rate(
    reference_after_flush: None, people: People, five_writes_an_hour: None
) -> None:
    """Twenty writes released together, each with its own connections to Redis and the
    database; a count that reads, checks and writes back lets about half of them through."""
    token = api_token(people.citizen)
    barrier, codes = threading.Barrier(AT_ONCE), []

    def write() -> None:
        client = APIClient(HTTP_AUTHORIZATION=f"Token {token}")
        barrier.wait()
        try:  # a withdrawal of an appeal that does not exist: 404 once past the throttle
            codes.append(client.post("/api/v1/appeals/999999/withdraw/", {}).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=write) for _ in range(AT_ONCE)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(codes) == [404] * LIMIT + [429] * (AT_ONCE - LIMIT)
