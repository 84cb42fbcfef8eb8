"""The core's task: the calls one transaction asked for (core.after_commit), run together."""

from __future__ import annotations

import logging
from typing import Any

from celery import current_app, shared_task

from core.after_commit import RUN_TOGETHER

logger = logging.getLogger(__name__)


@shared_task(name=RUN_TOGETHER)
def run_together(calls: list[list[Any]]) -> None:
    """The calls of one transaction, one after another. One that fails, or that this worker
    does not know, is sent on its own: its own retries apply."""
    for name, args in calls:
        try:
            current_app.tasks[name](*args)  # KeyError: a task this worker does not know
        except Exception:
            logger.warning("%s%r failed in a shared run; it is sent on its own.", name, args)
            try:
                current_app.send_task(name, args=args)
            except Exception:  # the broker went away meanwhile: as when a web process asks
                logger.exception("%s%r could not be sent.", name, args)
