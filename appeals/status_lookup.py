"""An appeal's status without logging in: its reference number and the lookup code made when
it was sent (docs/user-guide.md, "Checking a status without logging in").

The code is kept only as a keyed hash. A wrong code, an unknown reference and an appeal with
no code get one refusal after the same work; lookups are counted per client address
(STATUS_LOOKUPS_PER_HOUR) and per reference (STATUS_WRONG_CODES_PER_DAY wrong codes lock it).
"""

from __future__ import annotations

import contextlib
import datetime
import hashlib
import hmac
import secrets
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from redis.exceptions import RedisError

from appeals.models import Appeal
from core.ratelimit import rate_take, window_key
from core.refusals import ActionRefused

# Crockford's base 32 without 0 and 1 (it has no I, L, O or U): nothing to mishear or misread.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 8
HOUR, DAY = 3600, 86400
# Latin letters typed for the Cyrillic ones of a reference's prefix, which look the same.
LOOKALIKES = str.maketrans("ABCEHKMOPTXY", "АВСЕНКМОРТХУ")
# What the hash of an unknown reference, or of an appeal without a code, is compared with.
NO_HASH = "0" * 64


class LookupRefused(ActionRefused):
    status = 404


class LookupsExhausted(ActionRefused):
    status = 429

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after


@dataclass(frozen=True)
class StatusFacts:
    """What a code holder learns: no name, no text, nothing of the answer but its date."""

    reference: str
    status: str
    status_label: str
    agency: str
    received_at: datetime.datetime
    due_at: datetime.datetime
    extended: bool
    overdue: bool
    deadline_words: str
    answered_at: datetime.datetime | None


def status_page_url() -> str:
    return settings.SITE_URL.rstrip("/") + reverse("status:lookup")


def code_new() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def code_shown(code: str) -> str:
    """In two groups, to read out: "7KQM-3XWD"."""
    return f"{code[:4]}-{code[4:]}"


def code_normal(text: str) -> str | None:
    """The code as typed (any case, spaces, dashes) in its stored form, or None."""
    code = "".join(text.split()).replace("-", "").upper()
    if len(code) != CODE_LENGTH or not set(code) <= set(ALPHABET):
        return None
    return code


def reference_normal(text: str) -> str:
    return "".join(text.split()).upper().translate(LOOKALIKES)


def _hashes(reference: str, code: str) -> list[str]:
    """The code's hash under SECRET_KEY and each fallback: a rotated key keeps codes working."""
    value, keys = f"{reference}:{code}", [settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS]
    return [
        salted_hmac(__name__, value, secret=key, algorithm="sha256").hexdigest() for key in keys
    ]


def lookup_hash(reference: str, code: str) -> str:
    """What the appeal stores of its code, bound to its reference."""
    return _hashes(reference, code)[0]


def code_matches(appeal: Appeal | None, code: str) -> bool:
    """Whether `code` is the appeal's, after the same work whatever the answer."""
    stored = (appeal.lookup_hash if appeal is not None else None) or NO_HASH
    reference = appeal.reference if appeal is not None else ""
    matched = False
    for candidate in _hashes(reference, code):
        matched |= hmac.compare_digest(candidate, stored)
    return matched and stored != NO_HASH


def _take(name: str, limit: int, window: int, message: str) -> None:
    verdict = rate_take(name, amount=1, limit=limit, window=window)
    if not verdict.allowed:
        raise LookupsExhausted(message, verdict.retry_after)


def _give_back(name: str, window: int) -> None:
    """A right code does not count against its reference."""
    # ValueError: the window turned meanwhile, and its counter is gone.
    with contextlib.suppress(RedisError, ValueError):
        cache.decr(window_key(name, window, time.time()))


def status_lookup(*, reference: str, code: str, client: str) -> StatusFacts:
    """The appeal's status for whoever holds its code, both as typed; LookupRefused or
    LookupsExhausted."""
    reference, normal = reference_normal(reference), code_normal(code)
    _take(f"status-lookups:{client}", settings.STATUS_LOOKUPS_PER_HOUR, HOUR, _(
        "Too many statuses were looked up from your address: try again in an hour."))  # fmt: skip
    # Every attempt takes a place first, so attempts at once cannot pass the limit together.
    per_reference = f"status-wrong-codes:{hashlib.sha256(reference.encode()).hexdigest()[:32]}"
    _take(per_reference, settings.STATUS_WRONG_CODES_PER_DAY, DAY, _(
        "Too many wrong codes were typed for this reference number: its status can be looked "
        "up again tomorrow."))  # fmt: skip
    appeal = Appeal.objects.select_related("agency").filter(reference=reference).first()
    if not code_matches(appeal, normal or "") or appeal is None or normal is None:
        raise LookupRefused(
            _("No appeal has this reference number and code. Check both against your "
              "confirmation or receipt.")
        )  # fmt: skip
    _give_back(per_reference, DAY)
    return status_facts(appeal, timezone.now())


def status_facts(appeal: Appeal, now: datetime.datetime) -> StatusFacts:
    overdue = appeal.is_open and appeal.due_at < now
    return StatusFacts(
        reference=appeal.reference, status=appeal.status,
        status_label=str(appeal.get_status_display()), agency=appeal.agency.name,
        received_at=appeal.received_at, due_at=appeal.due_at,
        extended=appeal.original_due_at is not None, overdue=overdue,
        deadline_words=deadline_words(appeal, now), answered_at=appeal.answered_at,
    )  # fmt: skip


def deadline_words(appeal: Appeal, now: datetime.datetime) -> str:
    """Whether the appeal is, or was, answered in time: one sentence."""
    due = {"date": date_format(timezone.localtime(appeal.due_at), "DATE_FORMAT")}
    if appeal.status == Appeal.Status.WITHDRAWN:
        return _("Withdrawn by the applicant: no answer is due.")
    if appeal.answered_at is not None:
        late = appeal.answered_at > appeal.due_at
        if appeal.status == Appeal.Status.TERMINATED:
            return _("Closed after the deadline.") if late else _("Closed within the deadline.")
        return _("Answered after the deadline.") if late else _("Answered within the deadline.")
    if appeal.due_at < now:
        return _("Overdue: the answer was due by %(date)s.") % due
    return _("Not overdue: the answer is due by %(date)s.") % due
