"""Real Celery workers for fault tests: subprocesses on the test database and a queue of their own.

A worker consumes only its test's queue, so messages other tests left on the default
queue never reach it. Its log goes to a file that failures quote.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import redis
from django.conf import settings
from django.db import connection

from portal.devservices import BASE_DIR

CELERY = str(BASE_DIR / ".venv" / "bin" / "celery")


def worker_database_url() -> str:
    """The URL of the database the tests use (the server of DATABASE_URL, the test name)."""
    url = urlsplit(os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/otinish"))
    return urlunsplit(url._replace(path="/" + connection.settings_dict["NAME"]))


class Worker:
    """`celery -A portal worker --pool=solo -c 1` on `queue`, with the test's database."""

    def __init__(self, queue: str, log: Path, **env: str) -> None:
        self.log = log
        environment = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "portal.settings.test",
            "DATABASE_URL": worker_database_url(),
            "REDIS_URL": settings.REDIS_URL,
            **env,
        }
        command = [
            CELERY, "-A", "portal", "worker", "--pool=solo", "-c", "1", "-Q", queue,
            "-n", f"{log.stem}-{uuid.uuid4().hex[:8]}@%h", "--loglevel=INFO",
            "--without-mingle", "--without-gossip", "--without-heartbeat",
        ]  # fmt: skip
        with log.open("wb") as output:
            self.process = subprocess.Popen(
                command, cwd=BASE_DIR, env=environment, stdout=output, stderr=subprocess.STDOUT
            )

    def text(self) -> str:
        return self.log.read_text(errors="replace")

    def ready(self) -> bool:
        text = self.text()
        assert self.process.poll() is None, text
        return " ready." in text

    def succeeded(self, task_id: str) -> int:
        """How often this worker ran the task to the end; fails at once if it raised."""
        text = self.text()
        assert f"[{task_id}] raised" not in text, text
        return text.count(f"[{task_id}] succeeded")

    def kill(self) -> None:
        """SIGKILL: no shutdown, no acknowledgement, no rollback sent to PostgreSQL."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()


def wait_for(condition: Callable[[], bool], what: str, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"Gave up after {timeout} s waiting for {what}")
        time.sleep(0.1)


def unacked_on(client: redis.Redis, queue: str) -> int:
    """Messages of `queue` a worker has taken and not acknowledged (kombu's `unacked` hash)."""
    return sum(f'"{queue}"]' in str(raw) for raw in client.hvals("unacked"))


def forget_queue(client: redis.Redis, queue: str) -> None:
    """Drops what a test's queue left in Redis, so no later worker runs it."""
    client.delete(queue, f"_kombu.binding.{queue}", f"_kombu.binding_permanent.{queue}")
    for tag, raw in client.hgetall("unacked").items():
        if f'"{queue}"]' in str(raw):
            client.hdel("unacked", tag)
            client.zrem("unacked_index", tag)


def asked_after_commit(hooks: list[Any]) -> list[tuple[str, tuple[Any, ...]]]:
    """The tasks that on_commit hooks ask of the workers (core.after_commit): name, args."""
    asked = [getattr(getattr(hook, "__self__", None), "calls", {}) for hook in hooks]
    return [call for calls in asked for call in calls]
