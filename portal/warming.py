"""After PostgreSQL restarts, the relations the busiest pages read are loaded back into the
operating system's cache before visitors wait on the disk for them (docs/deployment.md).

A beat task asks the server when it started; once per start, `pg_prewarm` reads the
relations of HOT_RELATIONS in their order. Without the extension nothing is warmed and
one warning says so.
"""

from __future__ import annotations

import logging
import time

from django.core.cache import cache
from django.db import DatabaseError, connection, transaction

logger = logging.getLogger(__name__)

# What the back-office queues, an appeal's page and "my appeals" read, the smallest and
# most shared first. Indexes, not the appeals' table: its few rows a page shows are read
# at once, while reading ahead all of it (gigabytes) would queue before them on the disk.
HOT_RELATIONS = (
    "django_session",
    "django_session_pkey",
    "accounts_user_pkey",
    "accounts_user",
    "agencies_agency",
    "accounts_membership",
    "appeal_agency_status_due_idx",
    "appeal_executor_queue_idx",
    "appeal_applicant_recv_idx",
    "appeals_appeal_pkey",
    "event_appeal_time_idx",
)
WARMED_KEY = "otinish:database-warmed-for"  # the server start the last warming was for
LOCK_KEY = "otinish:database-warming"
LOCK_SECONDS = 600  # longer than any warming: a second worker never reads the same pages


def server_started() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_postmaster_start_time()::text")
        return str(cursor.fetchone()[0])


def _prewarm_available() -> bool:
    """pg_prewarm, created here when the role may (a superuser or the database's owner
    on PostgreSQL 13+ for trusted extensions; pg_prewarm needs a superuser)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_prewarm'")
        if cursor.fetchone():
            return True
        try:
            with transaction.atomic():
                cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_prewarm")
        except DatabaseError:
            return False
    return True


def warm(relations: tuple[str, ...] = HOT_RELATIONS) -> dict[str, int]:
    """Reads each existing relation into the operating system's cache; the pages read of
    each. `prefetch` asks the kernel to read ahead, so this returns before the disk is done."""
    if not _prewarm_available():
        logger.warning("pg_prewarm is not available: the database is not warmed")
        return {}
    pages: dict[str, int] = {}
    with connection.cursor() as cursor:
        for relation in relations:
            cursor.execute("SELECT to_regclass(%s)", [relation])
            if cursor.fetchone()[0] is None:
                continue  # an index a later migration renamed: the rest still warm
            cursor.execute("SELECT pg_prewarm(%s::regclass, 'prefetch')", [relation])
            pages[relation] = int(cursor.fetchone()[0])
    return pages


def warm_if_restarted() -> dict[str, int] | None:
    """Warms once per server start: the pages read, or None when this start was warmed."""
    started = server_started()
    if cache.get(WARMED_KEY) == started or not cache.add(LOCK_KEY, started, LOCK_SECONDS):
        return None
    try:
        began = time.monotonic()
        pages = warm()
        cache.set(WARMED_KEY, started, None)
        logger.info(
            "Warmed the database started at %s: %d pages in %.1f s",
            started, sum(pages.values()), time.monotonic() - began,
        )  # fmt: skip
        return pages
    finally:
        cache.delete(LOCK_KEY)
