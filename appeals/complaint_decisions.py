"""The higher body's decision on a complaint, and what an upheld one sets going: the appeal
complained about goes back to its body to be considered again (docs/workflow.md#complaints)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from agencies.workdays import calendar_for
from appeals.attachments import CleanFile
from appeals.complaints import ANSWER_KIND, RECONSIDERED, Outcome
from appeals.letters.tasks import letter_schedule
from appeals.models import Appeal, Attachment
from appeals.rating import rating_url
from appeals.steps import acting, attach, move, notify_applicant, record
from appeals.workflow import Action
from core.refusals import ActionRefused

Status = Appeal.Status


def complaint_decide(
    *, appeal_id: int, actor: User, outcome: str, text: str,
    attachments: Sequence[CleanFile] = (),
) -> Appeal:  # fmt: skip
    """Decides the complaint `appeal_id`: upheld, partly upheld or rejected, with reasons."""
    if outcome not in Outcome.values or not text.strip():
        raise ActionRefused(_("Choose the decision and give its reasons."))
    with acting(appeal_id, actor, Action.DECIDE) as complaint:
        previous = move(complaint, Action.DECIDE)
        complaint.complaint_outcome = outcome
        complaint.answer_kind, complaint.answer_text = ANSWER_KIND[Outcome(outcome)], text
        complaint.answered_at = timezone.now()
        complaint.save(
            update_fields=[
                "status",
                "complaint_outcome",
                "answer_kind",
                "answer_text",
                "answered_at",
            ]
        )
        attach(complaint, attachments, Attachment.Kind.ANSWER, actor)
        record(complaint, "decided", actor, from_status=previous, outcome=outcome)
        if outcome in RECONSIDERED and complaint.complaint_of_id is not None:
            _reconsider(complaint, complaint.complaint_of_id, actor)
        notify_applicant(complaint, "decided", rate_url=rating_url(complaint))
        letter_schedule(complaint)
    return complaint


def _reconsider(complaint: Appeal, appeal_id: int, actor: User) -> None:
    """The appeal complained about, back with its body: a closed one is open again with a
    new deadline; a silent one keeps its passed deadline (its answer will be late)."""
    appeal = Appeal.objects.select_for_update().get(pk=appeal_id)
    now, previous = timezone.now(), appeal.status
    data: dict[str, Any] = {
        "complaint": complaint.reference, "outcome": complaint.complaint_outcome,
    }  # fmt: skip
    appeal.overturned = appeal.overturned or complaint.complaint_outcome == Outcome.UPHELD
    fields = ["overturned"]
    if appeal.status in Appeal.CLOSED_STATUSES:
        days = settings.RECONSIDERATION_WORKING_DAYS
        data.update(previous_answer=appeal.answer_text, previous_kind=appeal.answer_kind,
                    previous_reason=appeal.termination_reason)  # fmt: skip
        appeal.status, appeal.executor = Status.REGISTERED, None
        appeal.answer_kind = appeal.answer_text = appeal.termination_reason = ""
        appeal.answered_at = None
        appeal.due_at = calendar_for(now, days).due_at(now, days)
        fields += ["status", "executor", "answer_kind", "answer_text", "termination_reason",
                   "answered_at", "due_at"]  # fmt: skip
        data["due_at"] = appeal.due_at.isoformat()
    appeal.save(update_fields=fields)
    record(appeal, "reconsidered", actor, from_status=previous, comment=complaint.answer_text,
           **data)  # fmt: skip
