"""Complaints: about an answer, about silence past the deadline, or about an appeal left
without consideration; each goes to the higher body, which decides it. An upheld or partly
upheld complaint sends the appeal back to its body (docs/workflow.md#complaints)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from agencies.models import Agency, AppealType
from appeals.models import Appeal
from appeals.selectors import higher_body
from core.refusals import ActionRefused

Ground = Appeal.ComplaintGround
Outcome = Appeal.ComplaintOutcome
Status = Appeal.Status
COMPLAINT_TYPE = "complaint"
# Outcomes that send the appeal back to its body, and the answer each is recorded as.
RECONSIDERED = frozenset({Outcome.UPHELD, Outcome.PARTLY_UPHELD})
ANSWER_KIND = {
    Outcome.UPHELD: Appeal.AnswerKind.SATISFIED,
    Outcome.PARTLY_UPHELD: Appeal.AnswerKind.EXPLAINED,
    Outcome.REJECTED: Appeal.AnswerKind.REFUSED,
}


def complaint_ground(appeal: Appeal, now: datetime.datetime) -> str | None:
    """What a complaint about `appeal` would be about now, or None when none is possible."""
    if appeal.status == Status.ANSWERED:
        return Ground.ANSWER
    if appeal.status == Status.TERMINATED:
        return Ground.TERMINATION
    if appeal.is_open and appeal.due_at < now:
        return Ground.INACTION
    return None


def complaint_refusal(appeal: Appeal, now: datetime.datetime) -> str | None:
    """Why the applicant may not complain about `appeal` now, or None when they may."""
    ground = complaint_ground(appeal, now)
    if ground is None:
        return _(
            "A complaint is possible about an answer, about an appeal left without "
            "consideration, or about an appeal still unanswered after its deadline."
        )
    if higher_body(appeal.agency) is None:
        return _("%(agency)s has no higher body: its decision can be challenged in court.") % {
            "agency": appeal.agency.name
        }
    if _already_complained(appeal, ground):
        return _(
            "You have already complained about this: the complaint is listed on the appeal's page."
        )
    return None


def _already_complained(appeal: Appeal, ground: str) -> bool:
    """One complaint per answer, per termination, and per silence: the next one is possible
    only after the appeal is answered or closed again."""
    earlier = appeal.complaints.filter(complaint_ground=ground).exclude(status=Status.WITHDRAWN)
    if ground != Ground.INACTION and appeal.answered_at is not None:
        earlier = earlier.filter(received_at__gte=appeal.answered_at)
    return earlier.exists()


@dataclass(frozen=True)
class ComplaintOffer:
    """A complaint the applicant may send now: about what, and to whom."""

    ground: str
    higher: Agency


def complaint_offer(appeal: Appeal, now: datetime.datetime) -> ComplaintOffer | None:
    """The complaint the applicant may send about `appeal` now, or None."""
    if complaint_ground(appeal, now) is None:  # refused whatever the body above: not read
        return None
    higher = higher_body(appeal.agency)
    if higher is None or complaint_refusal(appeal, now) is not None:
        return None
    return ComplaintOffer(str(complaint_ground(appeal, now)), higher)


def complaint_url(appeal: Appeal) -> str:
    """The link, in emails, to the complaint form filled in for `appeal`."""
    return f"{settings.SITE_URL}{reverse('appeals:new')}?complaint_of={appeal.pk}"


def complaint_check(
    appeal: Appeal, *, addressee: Agency, appeal_type: AppealType, now: datetime.datetime
) -> str:
    """The ground of a complaint about `appeal` sent to `addressee`; refuses what the rules
    do not allow. The caller holds the lock on the applicant's row (one submission at a
    time), so two complaints about one appeal cannot both pass."""
    refusal = complaint_refusal(appeal, now)
    if refusal is not None:
        raise ActionRefused(refusal)
    higher = higher_body(appeal.agency)
    if higher is not None and addressee.pk != higher.pk:
        raise ActionRefused(
            _("A complaint about %(agency)s goes to the body above it: %(higher)s.")
            % {"agency": appeal.agency.name, "higher": higher.name}
        )
    if appeal_type.code != COMPLAINT_TYPE:
        raise ActionRefused(_("Send a complaint as the appeal type “Complaint”."))
    return str(complaint_ground(appeal, now))
