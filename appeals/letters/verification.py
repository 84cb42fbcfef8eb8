"""The public check of a letter: its code names it, and an uploaded copy matches when its
SHA-256 is the letter's (or the version the head's signature replaced) and its signature is
intact. Lookups are counted per client address, so codes cannot be guessed in bulk."""

from __future__ import annotations

import hashlib
import logging
from enum import StrEnum

from django.conf import settings
from django.core.files import File
from django.utils.translation import gettext_lazy as _

from appeals.letters.codes import code_normal
from appeals.letters.head import identity_authorities
from appeals.letters.keys import server_signer
from appeals.letters.signing import NotTheLetter, signature_checked
from appeals.models import Letter
from core.ratelimit import rate_take
from core.refusals import ActionRefused

logger = logging.getLogger(__name__)

# A letter of 10,000 characters is some 60 KB, a head's signature with its chain a few more.
LETTER_MAX_BYTES = 1024 * 1024
LOOKUP_WINDOW = 3600


class Verdict(StrEnum):
    MATCHES = "matches"
    REPLACED = "replaced"  # the server's version, since replaced by the head's signature
    DIFFERS = "differs"


VERDICT_MESSAGES = {
    Verdict.MATCHES: _("The file matches: it is this letter, unchanged, and its signature holds."),
    Verdict.REPLACED: _(
        "The file matches the letter's earlier version, sealed by the portal, which the "
        "head's signature has since replaced. Ask the body for the signed version."
    ),
    Verdict.DIFFERS: _(
        "The file does not match this letter: it is another file, or it was changed after "
        "signing. Rely only on the letter the portal or the body gave you."
    ),
}


class TooLarge(ActionRefused):
    api_code, api_status = "too_large", 413


def lookup_allowed(client: str) -> bool:
    """Takes one of the client address's lookups this hour (known codes or not)."""
    limit = settings.LETTER_LOOKUPS_PER_HOUR
    name = f"letter-lookups:{client}"
    return rate_take(name, amount=1, limit=limit, window=LOOKUP_WINDOW).allowed


def letter_by_code(text: str) -> Letter | None:
    code = code_normal(text)
    if code is None:
        return None
    return Letter.objects.select_related("agency").filter(code=code).first()


def _bounded(upload: File) -> bytes:
    """The upload's bytes, read a chunk at a time and never more than the limit."""
    refusal = TooLarge(_("The file is larger than any letter (at most %(size)s MB).") % {"size": 1})
    if upload.size is not None and upload.size > LETTER_MAX_BYTES:
        raise refusal
    chunks, total = [], 0
    for chunk in upload.chunks():
        total += len(chunk)
        if total > LETTER_MAX_BYTES:
            raise refusal
        chunks.append(chunk)
    return b"".join(chunks)


def letter_verify(letter: Letter, upload: File) -> Verdict:
    """Whether `upload` is this letter (or its replaced version), unchanged."""
    data = _bounded(upload)
    digest = hashlib.sha256(data).hexdigest()
    if digest == letter.sha256:
        verdict = Verdict.MATCHES
    elif letter.replaced_sha256 and digest == letter.replaced_sha256:
        verdict = Verdict.REPLACED
    else:
        return Verdict.DIFFERS
    by_head = verdict == Verdict.MATCHES and letter.signer == Letter.Signer.HEAD
    roots, others = identity_authorities() if by_head else ([server_signer().signing_cert], [])
    try:
        signature_checked(data, roots=roots, others=others)
    except NotTheLetter as error:  # the stored fingerprint's own file: never, unless tampered
        logger.error("Letter %s: its own file fails its signature: %s", letter.code, error)
        return Verdict.DIFFERS
    return verdict
