from __future__ import annotations

from celery import shared_task

from appeals.deadlines import deadline_watch_run


@shared_task(name="appeals.tasks.deadline_digest")
def deadline_digest() -> int:
    return deadline_watch_run()
