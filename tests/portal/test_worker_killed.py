"""A Celery worker killed (SIGKILL) in the middle of a ranking recompute.

A SHARE lock on the problem-map table stops the worker's recompute at its last insert,
inside its transaction; then the worker is killed. Its backend rolls back once the lock is
released (it finds its client gone), and a new worker, given the unacknowledged message
again, publishes.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import redis
from django.db import DEFAULT_DB_ALIAS, connection, connections

from agencies.models import Agency
from ratings.models import CategoryRow, ProblemCell, RankingRow, RankingSnapshot, Scope
from ratings.snapshots import SCHEDULED_PERIODS, latest_snapshot, rankings_recompute
from ratings.tasks import recompute_rankings
from tests.conftest import submit_appeal
from tests.factories import UserFactory
from tests.workers import Worker, forget_queue, unacked_on, wait_for

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_after_flush"),
]

# A killed worker's message is handed out again once unacknowledged this long. A starting
# worker restores such messages at once, then only every 100 s (kombu's default sweep).
VISIBILITY_TIMEOUT = 1
WORKER_ENV = {"BROKER_VISIBILITY_TIMEOUT_SECONDS": str(VISIBILITY_TIMEOUT)}


def _sql(sql: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return list(cursor.fetchall())


def _latest() -> dict[tuple[str, str], int | None]:
    found = {}
    for period in SCHEDULED_PERIODS:
        for scope in Scope:
            snapshot = latest_snapshot(scope, period)
            found[(scope.value, period.value)] = snapshot.pk if snapshot else None
    return found


def _written() -> tuple[int, int, int, int]:
    return (
        RankingSnapshot.objects.count(),
        RankingRow.objects.count(),
        CategoryRow.objects.count(),
        ProblemCell.objects.count(),
    )


def _advisory_locks(pid: int | None = None) -> int:
    """Advisory locks held in the test database (by one backend if `pid` is given)."""
    ((count,),) = _sql(
        "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted"
        " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"
        " AND (%s::int IS NULL OR pid = %s)",
        [pid, pid],
    )
    return int(count)


def _tables_written_by(pid: int) -> set[str]:
    rows = _sql(
        "SELECT relation::regclass::text FROM pg_locks"
        " WHERE pid = %s AND mode = 'RowExclusiveLock' AND granted AND relation IS NOT NULL",
        [pid],
    )
    return {name for (name,) in rows}


@pytest.fixture
def queue(redis_client: redis.Redis) -> Iterator[str]:
    name = f"test-worker-killed-{uuid.uuid4().hex}"
    yield name
    forget_queue(redis_client, name)


def test_a_worker_killed_mid_recompute_leaves_the_last_snapshot_and_the_redelivery_publishes(
    queue: str, redis_client: redis.Redis, tmp_path: Path
) -> None:
    almaty = Agency.objects.get(code="akimat-kz-75")
    submit_appeal(UserFactory.create(), almaty)  # today's: in every period's problem map
    rankings_recompute()
    published, written = _latest(), _written()
    submit_appeal(UserFactory.create(), almaty)  # the next snapshots count two

    holder = connections.create_connection(DEFAULT_DB_ALIAS)
    workers: list[Worker] = []
    try:
        holder.set_autocommit(False)
        with holder.cursor() as cursor:
            cursor.execute("LOCK TABLE ratings_problemcell IN SHARE MODE")  # readers still read
            cursor.execute("SELECT pg_backend_pid()")
            (holder_pid,) = cursor.fetchone()

        first = Worker(queue, tmp_path / "first.log", **WORKER_ENV)
        workers.append(first)
        task_id = recompute_rankings.apply_async(queue=queue).id
        blocked: list[int] = []

        def recompute_waits() -> bool:
            assert first.process.poll() is None, first.text()
            sql = "SELECT pid FROM pg_stat_activity WHERE %s = ANY(pg_blocking_pids(pid))"
            blocked[:] = [pid for (pid,) in _sql(sql, [holder_pid])]
            return bool(blocked)

        wait_for(recompute_waits, "the worker's recompute to wait for the lock")
        visible_again = time.monotonic() + VISIBILITY_TIMEOUT + 0.5  # taken before this
        (worker_pid,) = blocked
        # Inside the transaction: the periods' locks taken, a snapshot and its rows by
        # category written (its ranking rows go last, with the other periods').
        assert _advisory_locks(worker_pid) >= 1
        written_by = _tables_written_by(worker_pid)
        assert {"ratings_rankingsnapshot", "ratings_categoryrow"} <= written_by

        first.kill()
        assert _latest() == published

        holder.rollback()  # the orphaned backend inserts, finds no client, rolls back
        wait_for(
            lambda: not _sql("SELECT 1 FROM pg_stat_activity WHERE pid = %s", [worker_pid]),
            "the killed worker's database session to end",
            timeout=30,
        )
        assert _latest() == published
        assert _written() == written  # nothing half-written
        assert _advisory_locks() == 0
        assert unacked_on(redis_client, queue) == 1  # taken, never acknowledged

        time.sleep(max(0.0, visible_again - time.monotonic()))
        second = Worker(queue, tmp_path / "second.log", **WORKER_ENV)
        workers.append(second)
        wait_for(lambda: second.succeeded(task_id) == 1, "the redelivered task")
    finally:
        holder.close()
        for worker in workers:
            worker.kill()

    renewed = _latest()
    assert all(renewed[kind] != published[kind] for kind in renewed), renewed
    assert RankingSnapshot.objects.count() == 2 * written[0]
    snapshot = latest_snapshot(Scope.AKIMATS, SCHEDULED_PERIODS[0])
    assert snapshot is not None
    assert snapshot.rows.get(agency__code="akimat-kz-75").received == 2
    assert unacked_on(redis_client, queue) == 0
