"""Celery tasks of petitions: thin wrappers around their services."""

from __future__ import annotations

from dataclasses import asdict

from celery import shared_task

from petitions.answering import signers_notify
from petitions.upkeep import petitions_upkeep


@shared_task(name="petitions.tasks.notify_signers")
def notify_signers(petition_id: int) -> int:
    return signers_notify(petition_id)


@shared_task(name="petitions.tasks.upkeep")
def upkeep() -> dict[str, int]:
    return asdict(petitions_upkeep())
