"""Reads on a streaming replica, only inside a scope the web opens (docs/deployment.md).

Without a "replica" database the router changes nothing. With one, a scope opened on
the replica sends its reads there; writes, reads after a write, reads inside a
transaction and reads of who signs in go to the primary, and so does everything outside
a scope (Celery, commands). `replica_usable` checks the replica's lag, briefly cached.
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from contextvars import ContextVar, Token
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, router
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Model

logger = logging.getLogger(__name__)

REPLICA = "replica"
# A session, token or lockout just written must be found at once: read where they are written.
PRIMARY_ONLY_APPS = frozenset({"accounts", "auth", "axes", "knox", "sessions"})


@dataclass
class Scope:
    """Where this request (or task) reads, and whether it has written."""

    alias: str
    wrote: bool = False


_scope: ContextVar[Scope | None] = ContextVar("read_scope", default=None)


def replica_configured() -> bool:
    return REPLICA in connections.settings


def begin_scope(alias: str = DEFAULT_DB_ALIAS) -> Token[Scope | None]:
    """A scope reading from `alias` until `end_scope` (or the token's reset)."""
    return _scope.set(Scope(alias))


def end_scope(token: Token[Scope | None] | None = None) -> None:
    if token is None:
        _scope.set(None)
    else:
        _scope.reset(token)


def current_scope() -> Scope | None:
    return _scope.get()


@contextmanager
def reads_from(alias: str) -> Iterator[None]:
    token = begin_scope(alias)
    try:
        yield
    finally:
        end_scope(token)


class ReplicaRouter:
    """Where each query goes; returns None (Django's own choice) when there is no replica."""

    def db_for_read(self, model: type[Model], **hints: Any) -> str | None:
        if not replica_configured():
            return None
        scope = _scope.get()
        if (
            scope is None
            or scope.alias != REPLICA
            or scope.wrote
            or model._meta.app_label in PRIMARY_ONLY_APPS
            # A transaction's reads must see its own writes (and may lock rows).
            or connections[DEFAULT_DB_ALIAS].in_atomic_block
        ):
            return DEFAULT_DB_ALIAS
        return REPLICA

    def db_for_write(self, model: type[Model], **hints: Any) -> str | None:
        if not replica_configured():
            return None
        scope = _scope.get()
        if scope is not None:
            scope.wrote = True
        return DEFAULT_DB_ALIAS

    def allow_relation(self, first: Model, second: Model, **hints: Any) -> bool | None:
        # The replica holds the primary's rows: an object read from either is the same row.
        databases = {DEFAULT_DB_ALIAS, REPLICA}
        if first._state.db in databases and second._state.db in databases:
            return True
        return None

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool | None:
        return False if db == REPLICA else None


@dataclass
class _Health:
    checked: float = -math.inf
    usable: bool = False


_health = _Health()

# The primary's position, then how far the replica has replayed and when it last did.
_PRIMARY_SQL = "SELECT pg_current_wal_lsn()::text"
_REPLICA_SQL = """
SELECT NOT pg_is_in_recovery() OR pg_last_wal_replay_lsn() >= %s::pg_lsn,
       extract(epoch FROM now() - pg_last_xact_replay_timestamp())::float8
"""


def replica_usable() -> bool:
    """True when the replica answers and is at most REPLICA_MAX_LAG_SECONDS behind."""
    now = time.monotonic()
    if now - _health.checked < settings.REPLICA_CHECK_SECONDS:
        return _health.usable
    lag = replica_lag()
    _health.usable = lag is not None and lag <= settings.REPLICA_MAX_LAG_SECONDS
    _health.checked = time.monotonic()
    if lag is not None and not _health.usable:
        logger.warning("The replica is %.1f s behind: reading from the primary", lag)
    return _health.usable


def replica_lag() -> float | None:
    """Seconds the replica is behind the primary (0: caught up); None when it is away."""
    try:
        with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
            cursor.execute(_PRIMARY_SQL)
            (position,) = cursor.fetchone()
        with connections[REPLICA].cursor() as cursor:
            cursor.execute(_REPLICA_SQL, [position])
            caught_up, since_replay = cursor.fetchone()
    except DatabaseError as error:
        replica_failed(error)
        return None
    if caught_up:
        return 0.0
    return math.inf if since_replay is None else float(since_replay)


def replica_failed(error: Exception) -> None:
    """The replica did not answer: the primary serves until the next check."""
    logger.warning("The replica is unreachable: reading from the primary (%s)", error)
    with suppress(DatabaseError):
        connections[REPLICA].close()
    _health.usable = False
    _health.checked = time.monotonic()


def forget_replica_health() -> None:
    """The next `replica_usable` asks the replica again (tests, and after a failover)."""
    _health.checked = -math.inf


def connection_for_read(model: type[Model]) -> BaseDatabaseWrapper:
    """The connection a raw SQL read of `model`'s tables goes to: where the ORM reads them."""
    return connections[router.db_for_read(model)]
