from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import redis

from portal import health
from portal.celery import app
from portal.devservices import BASE_DIR


def test_beat_schedules_tasks_that_exist() -> None:
    app.loader.import_default_modules()
    assert {"heartbeat", "recompute-rankings", "prune-ranking-snapshots"} <= set(
        app.conf.beat_schedule
    )
    for entry in app.conf.beat_schedule.values():
        assert entry["task"] in app.tasks


def test_rankings_are_recomputed_every_minute_and_a_late_run_is_dropped() -> None:
    entry = app.conf.beat_schedule["recompute-rankings"]
    assert entry["schedule"] == 60
    # Still queued when the next is due, a run would only repeat it: runs never pile up.
    assert entry["options"]["expires"] == entry["schedule"]


def test_beat_and_a_worker_record_the_heartbeat_through_redis(
    redis_client: redis.Redis, tmp_path: Path
) -> None:
    redis_client.delete(health.HEARTBEAT_KEY)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "CELERY_BEAT_SCHEDULE_FILENAME": str(tmp_path / "beat-schedule"),
    }
    celery = [sys.executable, "-m", "celery", "-A", "portal"]
    processes = [
        subprocess.Popen([*celery, cmd, "--loglevel=WARNING", *extra], cwd=BASE_DIR, env=env)
        for cmd, extra in (("worker", ["--pool=solo"]), ("beat", []))
    ]
    try:
        deadline = time.monotonic() + 60
        while redis_client.get(health.HEARTBEAT_KEY) is None and time.monotonic() < deadline:
            time.sleep(0.2)
        assert redis_client.get(health.HEARTBEAT_KEY) is not None
        assert health.check_heartbeat()["status"] == "up"
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=30)
        redis_client.delete(health.HEARTBEAT_KEY)
