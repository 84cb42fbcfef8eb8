"""What each step of an appeal's route says to the people reading its timeline."""

from __future__ import annotations

import datetime

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_stubs_ext import StrOrPromise

from appeals.models import Appeal, AppealEvent


def _date(iso: str) -> str:
    return date_format(datetime.datetime.fromisoformat(iso).date(), "DATE_FORMAT")


# Comments the citizen reads; the rest (a registrar's note, a head's instruction) stay internal.
PUBLIC_COMMENT_ACTIONS = frozenset(
    {"appeal.forwarded", "appeal.extended", "appeal.terminated", "appeal.withdrawn",
     "appeal.reconsidered", "appeal.hearing_notified", "appeal.objected"}
)  # fmt: skip


def public_comment(event: AppealEvent) -> str:
    return event.comment if event.action in PUBLIC_COMMENT_ACTIONS else ""


# A question of the body and the applicant's reply (appeals/questions.py), by what was asked.
QUESTION_LINES: dict[str, dict[str, StrOrPromise]] = {
    "question_asked": {
        "": gettext_lazy("The body asked the applicant for a clarification"),
        "document": gettext_lazy("The body asked the applicant for a document"),
    },
    "question_answered": {"": gettext_lazy("The applicant replied to the body's question")},
}


# Joined parallel appeals (appeals/joining.py): each side's line names the other appeal.
LINK_LINES: dict[str, StrOrPromise] = {
    "joined": gettext_lazy("Joined to parallel appeal %(reference)s, whose body answers"),
    "parallel_joined": gettext_lazy("Parallel appeal %(reference)s was joined to this one"),
    "lead_answered": gettext_lazy(
        "Appeal %(reference)s, to which this one is joined, was answered"
    ),
}


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
        if event.data.get("returned"):
            text += " " + _("(sent back to a body that already had it)")
        return text + (" " + _("(later than 3 working days)") if event.data.get("late") else "")
    if action in {"assigned", "reassigned"}:
        return _("An executor was assigned") if action == "assigned" else _("The executor changed")
    if action == "extended":
        return _("Deadline extended until %(date)s") % {"date": _date(event.data["due_at"])}
    if action == "answered":
        kind = Appeal.AnswerKind(event.data["kind"]).label if event.data.get("kind") else ""
        return _("Answered: %(kind)s") % {"kind": kind}
    if action == "terminated":
        return _terminated(event)
    if action == "decided":
        outcome = Appeal.ComplaintOutcome(event.data["outcome"]).label
        return _("The complaint was decided: %(outcome)s") % {"outcome": outcome}
    if action == "reconsidered":
        return _reconsidered(event)
    if action in QUESTION_LINES:
        lines = QUESTION_LINES[action]
        return str(lines.get(event.data.get("kind", ""), lines[""]))
    if action == "hearing_notified":
        return _("The applicant was told of an intended refusal and may object until %(date)s") % {
            "date": _date(event.data["objection_until"])
        }
    if action == "objected":
        return _("The applicant objected to the intended refusal")
    if action == "withdrawn":
        return _("Withdrawn by the applicant")
    if action in LINK_LINES:
        return str(LINK_LINES[action]) % {"reference": event.data.get("reference", "")}
    if action == "applicant_proven":
        return _("The applicant proved their identity: the appeal is in their account")
    return action


def _terminated(event: AppealEvent) -> str:
    reason = event.data.get("reason", "")
    label = Appeal.TerminationReason(reason).label if reason else ""
    if event.data.get("earlier"):  # a repeat, pointing to the answer it repeats
        text = _("Left without consideration: %(reason)s (the answer to %(earlier)s stands)")
        return text % {"reason": label, "earlier": event.data["earlier"]}
    return _("Left without consideration: %(reason)s") % {"reason": label}


def _reconsidered(event: AppealEvent) -> str:
    names = {
        "complaint": event.data.get("complaint", ""),
        "outcome": Appeal.ComplaintOutcome(event.data["outcome"]).label.lower(),
    }
    if "due_at" not in event.data:
        return _("Complaint %(complaint)s %(outcome)s: the body must answer at once") % names
    names["date"] = _date(event.data["due_at"])
    text = _(
        "Complaint %(complaint)s %(outcome)s: the body considers the appeal again, by %(date)s"
    )
    return text % names
