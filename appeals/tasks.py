from __future__ import annotations

from celery import shared_task

from appeals.deadlines import deadline_watch_run
from appeals.letters.tasks import issue_letter  # registered where workers look


@shared_task(name="appeals.tasks.deadline_digest")
def deadline_digest() -> int:
    return deadline_watch_run()


__all__ = ["deadline_digest", "issue_letter"]
