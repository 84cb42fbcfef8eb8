"""Tasks asked of the workers once the transaction commits. The tasks one transaction asks
for go to the broker in one message, which a worker runs one after another (each message
is dear to the web process: docs/benchmarks.md); the same task with the same arguments
runs once. A broker that is down costs only the message: each caller says what waits."""

from __future__ import annotations

import logging
from typing import Any

from celery import current_app
from django.db import transaction

logger = logging.getLogger(__name__)

RUN_TOGETHER = "core.tasks.run_together"  # core/tasks.py
Call = tuple[str, tuple[Any, ...]]


class _Asked:
    """The calls asked for at one savepoint level of a transaction, sent at its commit."""

    def __init__(self) -> None:
        self.calls: dict[Call, str] = {}  # each call, and what the log says if it is not sent

    def send(self) -> None:
        calls = list(self.calls)
        try:
            if len(calls) == 1:
                current_app.send_task(calls[0][0], args=calls[0][1])
            else:
                current_app.send_task(RUN_TOGETHER, args=[[[n, list(a)] for n, a in calls]])
        except Exception:  # the callers' sweeps do the work later
            for (_, args), unsent in self.calls.items():
                logger.warning(unsent, *args)


def task_after_commit(name: str, *args: Any, unsent: str) -> None:
    """Ask for the task `name` with `args` after the commit (at once outside a transaction).
    `unsent` is logged with the args if the broker cannot take the message."""
    asked = _asked_at_this_level()
    if asked is None:
        asked = _Asked()
        asked.calls[(name, args)] = unsent
        transaction.on_commit(asked.send)
    else:
        asked.calls.setdefault((name, args), unsent)


def _asked_at_this_level() -> _Asked | None:
    """The calls asked for at this savepoint level, if any. Django keeps each hook with the
    savepoints around it: a savepoint rolled back drops the hook, and the calls with it."""
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        return None
    level = set(connection.savepoint_ids)
    for savepoints, hook, _ in connection.run_on_commit:
        if savepoints == level and isinstance(getattr(hook, "__self__", None), _Asked):
            return hook.__self__
    return None
