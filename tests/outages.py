"""Real outages for tests: the database connection, or the caches, pointed where nothing
listens."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import connection


@contextmanager
def database_away() -> Iterator[None]:
    """Points the connection at a port where no PostgreSQL listens, then restores it."""
    original = {**connection.settings_dict, "OPTIONS": dict(connection.settings_dict["OPTIONS"])}
    connection.close()
    connection.settings_dict.update(HOST="127.0.0.1", PORT="9", OPTIONS={"connect_timeout": 2})
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict.clear()
        connection.settings_dict.update(original)


# Port 9 (discard): nothing listens, every call is refused at once.
NOWHERE = "redis://127.0.0.1:9/0"


def redis_away(settings: Any) -> None:
    """Points every cache (the pages', the sessions') where no Redis listens, for one test
    (pytest-django's `settings` puts them back)."""
    settings.CACHES = {
        alias: {**cache, "LOCATION": NOWHERE} for alias, cache in settings.CACHES.items()
    }
