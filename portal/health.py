"""Liveness of the parts the portal needs: the database, Redis, and the scheduled workers."""

from __future__ import annotations

import datetime
from typing import Any

import redis
from django.conf import settings
from django.db import connection
from django.utils import timezone

HEARTBEAT_KEY = "otinish:heartbeat"
# Beat may be a little late; three missed intervals mean the worker or beat is down.
HEARTBEAT_GRACE_INTERVALS = 3


def _redis() -> redis.Redis:
    return redis.Redis.from_url(
        settings.REDIS_URL, socket_timeout=2, socket_connect_timeout=2, decode_responses=True
    )


def record_heartbeat(now: datetime.datetime | None = None) -> None:
    _redis().set(HEARTBEAT_KEY, (now or timezone.now()).isoformat())


def check_database() -> dict[str, Any]:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:  # any failure means "down": the probe must answer, not raise
        return {"status": "down", "error": error.__class__.__name__}
    return {"status": "up"}


def check_redis() -> dict[str, Any]:
    try:
        _redis().ping()
    except redis.RedisError as error:
        return {"status": "down", "error": error.__class__.__name__}
    return {"status": "up"}


def check_heartbeat(now: datetime.datetime | None = None) -> dict[str, Any]:
    try:
        raw = _redis().get(HEARTBEAT_KEY)
    except redis.RedisError:
        return {"status": "unknown"}
    if raw is None:
        return {"status": "missing"}
    last = datetime.datetime.fromisoformat(str(raw))
    age = ((now or timezone.now()) - last).total_seconds()
    limit = settings.HEARTBEAT_INTERVAL_SECONDS * HEARTBEAT_GRACE_INTERVALS
    status = "up" if age <= limit else "stale"
    return {"status": status, "last_run": last.isoformat(), "age_seconds": round(age, 1)}


def report() -> tuple[dict[str, Any], bool]:
    """The health report and whether every part is up."""
    parts = {
        "database": check_database(),
        "redis": check_redis(),
        "heartbeat": check_heartbeat(),
    }
    healthy = all(part["status"] == "up" for part in parts.values())
    return {"status": "up" if healthy else "down", **parts}, healthy
