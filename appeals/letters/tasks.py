"""The worker's side of letters: issuing one after its answer commits."""

from __future__ import annotations

from celery import shared_task

from appeals.letters.issuance import letter_issue
from appeals.models import Appeal
from core.after_commit import task_after_commit
from core.refusals import ActionRefused


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
    task_after_commit(
        issue_letter.name, appeal.pk, unsent="Broker unavailable; the letter of appeal %s waits."
    )
