"""Issuing the letter of an answer: one per answer (the appeal's answered_at), made by a
worker after the answer commits (tasks.py), or by the first download if not yet."""

from __future__ import annotations

import hashlib
import logging

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from appeals.letters.codes import code_new
from appeals.letters.content import letter_content
from appeals.letters.render import letter_prepared
from appeals.letters.signing import server_sign
from appeals.models import Appeal, Letter
from core.refusals import ActionRefused

logger = logging.getLogger(__name__)


def letter_of_answer(appeal: Appeal) -> Letter | None:
    """The letter of the appeal's current answer, if it has been issued."""
    if appeal.status != Appeal.Status.ANSWERED or appeal.answered_at is None:
        return None
    return Letter.objects.filter(appeal=appeal, issued_at=appeal.answered_at).first()


def letter_issue(appeal_id: int) -> Letter:
    """The letter of the appeal's current answer, issued now if it was not yet.

    The appeal's row is locked while the letter is made: two callers at once (the worker
    and a download) make one letter, and the second gets it.
    """
    existing = letter_of_answer(Appeal.objects.get(pk=appeal_id))
    if existing is not None:
        return existing
    with transaction.atomic():
        appeal = (
            Appeal.objects.select_for_update(of=("self",))
            .select_related("agency", "applicant", "executor")
            .get(pk=appeal_id)
        )
        if appeal.status != Appeal.Status.ANSWERED or appeal.answered_at is None:
            raise ActionRefused(_("This appeal has no answer yet, so there is no letter."))
        existing = letter_of_answer(appeal)
        if existing is not None:
            return existing
        code = code_new()
        signed = server_sign(letter_prepared(letter_content(appeal, code)))
        letter = Letter(
            appeal=appeal, agency_id=appeal.agency_id, code=code, issued_at=appeal.answered_at,
            sha256=hashlib.sha256(signed).hexdigest(), signer=Letter.Signer.SERVER,
        )  # fmt: skip
        letter.file.save(f"{code}.pdf", ContentFile(signed), save=False)
        letter.save()
    logger.info("Letter %s issued for appeal %s", letter.code, appeal_id)
    return letter
