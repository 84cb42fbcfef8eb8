"""The worker's side of letters: issuing one after its answer commits."""

from __future__ import annotations

import logging

from celery import shared_task
from django.db import transaction

from appeals.letters.issuance import letter_issue
from appeals.models import Appeal
from core.refusals import ActionRefused

logger = logging.getLogger(__name__)


@shared_task(name="appeals.letters.tasks.issue_letter")
def issue_letter(appeal_id: int) -> str:
    """Idempotent: a second run finds the letter the first made."""
    try:
        return letter_issue(appeal_id).code
    except ActionRefused:  # considered again meanwhile: its next answer gets a letter
        return ""


def letter_schedule(appeal: Appeal) -> None:
    """After the answer commits, a worker issues its letter; if the broker is down, the
    first download does (letter_issue)."""
    appeal_id = appeal.pk

    def enqueue() -> None:
        try:
            issue_letter.delay(appeal_id)
        except Exception:  # the letter is made on the first download instead
            logger.warning("Broker unavailable; the letter of appeal %s waits.", appeal_id)

    transaction.on_commit(enqueue)
