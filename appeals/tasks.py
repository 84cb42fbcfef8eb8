from __future__ import annotations

from celery import shared_task

from appeals.deadlines import deadline_digest_send


@shared_task(name="appeals.tasks.deadline_digest")
def deadline_digest() -> int:
    return deadline_digest_send()
