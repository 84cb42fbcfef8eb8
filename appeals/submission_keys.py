"""A submission's one-time key (the form's hidden key, the API's Idempotency-Key): sent
again with the same content it makes nothing new; with other content it is refused, and
the first appeal stands."""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple

from django.utils.translation import gettext as _

from accounts.models import User
from appeals.attachments import CleanFile
from appeals.models import Appeal
from core.refusals import KeyReused


class Submitted(NamedTuple):
    appeal: Appeal
    created: bool  # False: the key's first appeal, sent again
    lookup_code: str = ""  # of a new appeal: shown once, never stored (appeals.status_lookup)


def submission_digest(content: Mapping[str, Any], attachments: Sequence[CleanFile]) -> str:
    """What a submission says, as one hash: objects by id, files by name, type and content."""
    said: dict[str, Any] = {name: getattr(value, "pk", value) for name, value in content.items()}
    said["attachments"] = [
        [clean.name, clean.content_type, hashlib.sha256(clean.content).hexdigest()]
        for clean in attachments
    ]
    canonical = json.dumps(said, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def earlier_submission(applicant: User, key: uuid.UUID, digest: str) -> Appeal | None:
    """The appeal this key of the applicant's already made, if any; KeyReused if that one
    said something else. Called with the applicant's row locked, so it is exact."""
    earlier = Appeal.objects.filter(applicant=applicant, submission_key=key).first()
    if earlier is not None and earlier.submission_digest not in ("", digest):  # "": before
        raise KeyReused(
            _("Appeal %(reference)s was already sent with this key and other content; this "
              "one was not sent. Send it with a new key.") % {"reference": earlier.reference}
        )  # fmt: skip
    return earlier
