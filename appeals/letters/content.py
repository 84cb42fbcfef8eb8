"""What a letter says, taken from its appeal in the appeal's language: the rendering gets
plain text only, so the same appeal always gives the same letter."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, replace

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import Membership, User
from agencies.models import Agency
from appeals.models import Appeal


@dataclass(frozen=True)
class LetterContent:
    language: str
    agency: str
    reference: str
    received: datetime.date
    answered: datetime.date
    addressee: str
    subject: str
    kind: str  # "Answer: explained", or the decision on a complaint
    text: str
    executor: str
    head: str  # empty: the body has no head on the portal
    code: str
    verify_url: str

    def signed_by(self, head: User) -> LetterContent:
        """The same letter, naming the head who signs it."""
        return replace(self, head=head.full_name)


def letter_head(agency: Agency | int) -> User | None:
    """The body's head: the longest-serving active head, if there is one."""
    membership = (
        Membership.objects.filter(agency=agency, role=Membership.Role.HEAD, is_active=True)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    return membership.user if membership is not None else None


def verify_url(code: str) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("verify:letter", args=[code])


def letter_content(appeal: Appeal, code: str) -> LetterContent:
    """The letter of the appeal's current answer (it must have one)."""
    if appeal.answered_at is None:
        raise ValueError(f"Appeal {appeal.pk} has no answer to write a letter of.")
    head = letter_head(appeal.agency_id)
    with translation.override(appeal.language):
        if appeal.complaint_outcome:
            kind = _("Decision on the complaint: %(outcome)s") % {
                "outcome": appeal.get_complaint_outcome_display()
            }
        else:
            kind = _("Answer: %(kind)s") % {"kind": appeal.get_answer_kind_display()}
        return LetterContent(
            language=appeal.language,
            agency=appeal.agency.name,
            reference=appeal.reference,
            received=timezone.localdate(appeal.received_at),
            answered=timezone.localdate(appeal.answered_at),
            addressee=appeal.applicant.full_name,
            subject=appeal.subject,
            kind=str(kind),
            text=appeal.answer_text,
            executor=appeal.executor.full_name if appeal.executor else "",
            head=head.full_name if head is not None else "",
            code=code,
            verify_url=verify_url(code),
        )
