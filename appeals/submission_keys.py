"""A submission's one-time key (the form's hidden key, the API's Idempotency-Key): sent
again with the same content it makes nothing new; with other content it is refused, and
the first appeal stands. One citizen's submissions are taken one at a time, which makes
the key and the hourly limit exact."""

from __future__ import annotations

import datetime
import hashlib
import json
import uuid
from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple

from django.db import connection
from django.utils.translation import gettext as _

from accounts.models import User
from appeals.attachments import CleanFile
from appeals.models import REFERENCE_SEQUENCE, Appeal, AppealEvent, Attachment
from core.refusals import KeyReused


class Submitted(NamedTuple):
    appeal: Appeal
    created: bool  # False: the key's first appeal, sent again
    lookup_code: str = ""  # of a new appeal: shown once, never stored (appeals.status_lookup)
    # A new appeal's event and files, as written: its reply shows them without reading back.
    events: tuple[AppealEvent, ...] = ()
    attachments: tuple[Attachment, ...] = ()


def submission_digest(content: Mapping[str, Any], attachments: Sequence[CleanFile]) -> str:
    """What a submission says, as one hash: objects by id, files by name, type and content."""
    said: dict[str, Any] = {name: getattr(value, "pk", value) for name, value in content.items()}
    said["attachments"] = [
        [clean.name, clean.content_type, hashlib.sha256(clean.content).hexdigest()]
        for clean in attachments
    ]
    canonical = json.dumps(said, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


# The applicant's row locked to the end of the transaction, and the number the new appeal
# will bear drawn with it: one round trip, not two. A repeat or a refused submission
# leaves its number unused, as a rollback does (numbers are unique, not gapless).
_LOCKED_WITH_NUMBER = f"""
    SELECT nextval(%s) FROM {User._meta.db_table} WHERE id = %s FOR UPDATE
"""  # noqa: S608 - the table's name from the model, values as parameters


def applicant_locked(applicant: User) -> int:
    """Lock the applicant's row, so that his submissions are taken one at a time; returns
    a fresh reference number for the appeal this one may make."""
    with connection.cursor() as cursor:
        cursor.execute(_LOCKED_WITH_NUMBER, [REFERENCE_SEQUENCE, applicant.pk])
        return int(cursor.fetchone()[0])


# Written out: building it with the ORM's expressions cost more than running it. On
# appeal_unique_submission and appeal_applicant_recv_idx; the key's appeal first, then the
# newest (an appeal without a key is "not the same", not unknown: COALESCE).
_EARLIER_AND_RECENT = f"""
    SELECT id, COALESCE(submission_key = %s, false) AS same, received_at
      FROM {Appeal._meta.db_table}
     WHERE applicant_id = %s AND (submission_key = %s OR received_at >= %s)
     ORDER BY same DESC, received_at DESC
     LIMIT %s
"""  # noqa: S608 - the table's name from the model, values as parameters


def earlier_and_recent(
    applicant: User, key: uuid.UUID | None, digest: str, since: datetime.datetime, limit: int
) -> tuple[Appeal | None, list[datetime.datetime]]:
    """In one query: the appeal this key of the applicant's already made, if any (KeyReused
    if that one said something else), and when the applicant's latest `limit` appeals
    received from `since` on came (newest first), for the hourly limit. Called with the
    applicant's row locked, so both are exact."""
    if not key and not limit:
        return None, []
    with connection.cursor() as cursor:  # a NULL key or start matches nothing
        cursor.execute(_EARLIER_AND_RECENT, [key, applicant.pk, key, since if limit else None,
                                             max(limit, 1)])  # fmt: skip
        rows = cursor.fetchall()
    if rows and rows[0][1]:  # a repeat: read the whole appeal, as the reply shows it
        return _same_content(Appeal.objects.get(pk=rows[0][0]), digest), []
    return None, [received_at for _, _, received_at in rows]


def _same_content(earlier: Appeal | None, digest: str) -> Appeal | None:
    if earlier is not None and earlier.submission_digest not in ("", digest):  # "": before
        raise KeyReused(
            _("Appeal %(reference)s was already sent with this key and other content; this "
              "one was not sent. Send it with a new key.") % {"reference": earlier.reference}
        )  # fmt: skip
    return earlier
