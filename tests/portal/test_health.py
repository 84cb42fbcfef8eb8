from __future__ import annotations

import datetime
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import redis
from django.test import Client
from django.utils import timezone

from portal import health
from portal.devservices import embedded_redis
from tests.outages import database_away


@pytest.fixture(autouse=True)
def _no_heartbeat(redis_client: redis.Redis) -> Iterator[None]:
    redis_client.delete(health.HEARTBEAT_KEY)
    yield
    redis_client.delete(health.HEARTBEAT_KEY)


@pytest.mark.django_db
def test_it_reports_every_part_up(client: Client) -> None:
    health.record_heartbeat()
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "up"
    assert body["database"]["status"] == "up"
    assert body["redis"]["status"] == "up"
    assert body["heartbeat"]["status"] == "up"


@pytest.mark.django_db
def test_a_missing_heartbeat_is_a_failure(client: Client) -> None:
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["heartbeat"]["status"] == "missing"


@pytest.mark.django_db
def test_a_stale_heartbeat_is_a_failure(client: Client, settings: Any) -> None:
    settings.HEARTBEAT_INTERVAL_SECONDS = 30
    health.record_heartbeat(timezone.now() - datetime.timedelta(minutes=2))
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["heartbeat"]["status"] == "stale"


@pytest.mark.django_db
def test_redis_going_down_is_reported(client: Client, settings: Any, tmp_path: Path) -> None:
    with embedded_redis(tmp_path, persistent=False) as url:
        settings.REDIS_URL = url
        health.record_heartbeat()
        assert client.get("/healthz").status_code == 200
    # The server has stopped: nothing answers on its port now.
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["redis"]["status"] == "down"
    assert body["heartbeat"]["status"] == "unknown"
    assert body["database"]["status"] == "up"


def test_the_database_going_down_is_reported(client: Client, django_db_blocker: Any) -> None:
    health.record_heartbeat()
    # Outside the test transaction, so the connection can really be lost and restored.
    with django_db_blocker.unblock(), database_away():
        response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["database"] == {"status": "down", "error": "OperationalError"}
    assert body["redis"]["status"] == "up"
