"""The databases: the primary (DATABASE_URL) and, with DATABASE_REPLICA_URL, a streaming
replica for public reads, with the windows of its use (docs/deployment.md)."""

from __future__ import annotations

from typing import Any

import environ
from django.core.exceptions import ImproperlyConfigured


def databases(env: environ.Env, primary_url: str = "") -> dict[str, dict[str, Any]]:
    """The primary (`primary_url`, else DATABASE_URL or the local server) as "default", and
    the replica when DATABASE_REPLICA_URL is set."""
    local = "postgres://postgres@127.0.0.1:5432/otinish"
    primary_url = primary_url or env.str("DATABASE_URL", default=local)
    primary: dict[str, Any] = dict(env.db_url_config(primary_url))
    primary["ATOMIC_REQUESTS"] = False
    primary["CONN_MAX_AGE"] = env.int("DB_CONN_MAX_AGE", default=60)
    primary["CONN_HEALTH_CHECKS"] = True
    found = {"default": primary}
    replica_url = env.str("DATABASE_REPLICA_URL", default="")
    if replica_url:
        found["replica"] = replica_database(replica_url, primary)
    return found


def replica_database(url: str, primary: dict[str, Any]) -> dict[str, Any]:
    """The replica at `url`, kept open as the primary is; in tests, the primary's mirror."""
    config: dict[str, Any] = dict(environ.Env.db_url_config(url))
    config["CONN_MAX_AGE"] = primary.get("CONN_MAX_AGE", 0)
    config["CONN_HEALTH_CHECKS"] = True
    # A replica that does not answer costs the request that checks it this long, no more.
    config["OPTIONS"] = {"connect_timeout": 2, **config.get("OPTIONS", {})}
    config["TEST"] = {"MIRROR": "default"}
    return config


def replica_windows(env: environ.Env) -> tuple[float, float, int]:
    """REPLICA_MAX_LAG_SECONDS: a replica further behind is passed over for the primary;
    REPLICA_CHECK_SECONDS: how long a process keeps its lag; REPLICA_READ_YOUR_WRITES_SECONDS:
    how long a writer's browser reads the primary after a write."""
    max_lag = env.float("REPLICA_MAX_LAG_SECONDS", default=5.0)
    check = env.float("REPLICA_CHECK_SECONDS", default=2.0)
    read_your_writes = env.int("REPLICA_READ_YOUR_WRITES_SECONDS", default=30)
    check_writer_window(read_your_writes, max_lag, check)
    return max_lag, check, read_your_writes


def check_writer_window(read_your_writes: float, max_lag: float, check: float) -> None:
    """A writer reads the primary until any replica still in use has replayed his write."""
    if read_your_writes <= max_lag + check:
        raise ImproperlyConfigured(
            "REPLICA_READ_YOUR_WRITES_SECONDS must exceed REPLICA_MAX_LAG_SECONDS + "
            "REPLICA_CHECK_SECONDS."
        )
