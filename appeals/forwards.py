"""Forwarding judged per hop: each body has 3 working days from its own receipt to pass on
an appeal that is not its to answer (APPC); an appeal sent back to a body it already left
("ping-pong") needs the head's reason, recorded and counted as a return
(docs/workflow.md#forwarding)."""

from __future__ import annotations

import datetime

from django.utils.translation import gettext as _

from accounts.models import Membership, User
from agencies.models import Agency
from agencies.workdays import ALMATY, calendar_for
from appeals.models import Appeal, AppealEvent
from appeals.workflow import roles_in

FORWARD_WORKING_DAYS = 3
FORWARDED = "appeal.forwarded"


def received_here(appeal: Appeal) -> datetime.datetime:
    """When the appeal reached the body now responsible: its last forward there, or its
    receipt when it was never forwarded."""
    if appeal.forward_count == 0:
        return appeal.received_at
    arrived = (
        AppealEvent.objects.filter(
            appeal_id=appeal.pk, action=FORWARDED, to_agency=appeal.agency_id
        )
        .order_by("-created_at", "-pk")
        .values_list("created_at", flat=True)
        .first()
    )
    return arrived or appeal.received_at


def forward_is_late(appeal: Appeal, now: datetime.datetime) -> bool:
    """Whether forwarding now is later than 3 working days after this body's receipt."""
    arrived = received_here(appeal)
    work_calendar = calendar_for(arrived, FORWARD_WORKING_DAYS)
    limit = work_calendar.add_working_days(work_calendar.day_zero(arrived), FORWARD_WORKING_DAYS)
    return now.astimezone(ALMATY).date() > limit


def forward_returns_to(appeal: Appeal, to_agency: Agency) -> bool:
    """Whether `to_agency` already had the appeal and passed it on."""
    if appeal.forward_count == 0:
        return False
    return AppealEvent.objects.filter(
        appeal_id=appeal.pk, action=FORWARDED, from_agency=to_agency.pk
    ).exists()


def forward_refusal(
    appeal: Appeal, actor: User, to_agency: Agency, return_reason: str
) -> str | None:
    """Why the appeal may not go to `to_agency` now, or None."""
    if to_agency.pk == appeal.agency_id or not to_agency.is_active:
        return _("Choose another, active agency.")
    if not forward_returns_to(appeal, to_agency):
        return None
    if Membership.Role.HEAD not in roles_in(actor, appeal.agency_id):
        return _(
            "%(agency)s has already had this appeal and passed it on: only the head may send "
            "it back, giving the reason."
        ) % {"agency": to_agency.name}
    if not return_reason.strip():
        return _(
            "%(agency)s has already had this appeal and passed it on: give the reason for "
            "sending it back. It is recorded and counted as a return."
        ) % {"agency": to_agency.name}
    return None
