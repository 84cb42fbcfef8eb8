"""What each step of an appeal's route says to the people reading its timeline."""

from __future__ import annotations

import datetime

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from appeals.models import Appeal, AppealEvent


def _date(iso: str) -> str:
    return date_format(datetime.datetime.fromisoformat(iso).date(), "d.m.Y")


# Comments the citizen reads; the rest (a registrar's note, a head's instruction) stay internal.
PUBLIC_COMMENT_ACTIONS = frozenset(
    {"appeal.forwarded", "appeal.extended", "appeal.terminated", "appeal.withdrawn"}
)


def public_comment(event: AppealEvent) -> str:
    return event.comment if event.action in PUBLIC_COMMENT_ACTIONS else ""


def describe(event: AppealEvent) -> str:
    """One line, in the reader's language: what happened at this step."""
    action = event.action.removeprefix("appeal.")
    to_agency = event.to_agency.name if event.to_agency else ""
    if action == "submitted":
        return _("Sent to %(agency)s") % {"agency": to_agency}
    if action == "registered":
        return _("Registered by %(agency)s") % {"agency": to_agency}
    if action == "forwarded":
        source = event.from_agency.name if event.from_agency else ""
        text = _("Forwarded from %(source)s to %(target)s") % {
            "source": source,
            "target": to_agency,
        }
        return text + (" " + _("(later than 3 working days)") if event.data.get("late") else "")
    if action in {"assigned", "reassigned"}:
        return _("An executor was assigned") if action == "assigned" else _("The executor changed")
    if action == "extended":
        return _("Deadline extended until %(date)s") % {"date": _date(event.data["due_at"])}
    if action == "answered":
        kind = Appeal.AnswerKind(event.data["kind"]).label if event.data.get("kind") else ""
        return _("Answered: %(kind)s") % {"kind": kind}
    if action == "terminated":
        reason = event.data.get("reason", "")
        label = Appeal.TerminationReason(reason).label if reason else ""
        return _("Left without consideration: %(reason)s") % {"reason": label}
    if action == "withdrawn":
        return _("Withdrawn by the applicant")
    if action == "applicant_proven":
        return _("The applicant proved their identity: the appeal is in their account")
    return action
