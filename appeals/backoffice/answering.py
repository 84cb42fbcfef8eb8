"""The back-office's answer and hearing forms: taking the step, or showing what the answer
check found (its "Check" button, or a refused answer); the hearing's period explained."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import User
from appeals.answer_check import AnswerCheck
from appeals.answer_gate import AnswerRefused, answer_review
from appeals.forms import ActionForm
from appeals.hearings import current_hearing, heard, hearing_awaits, objection_deadline
from appeals.models import Appeal, AppealEvent
from appeals.workflow import Action, service_for

CHECK_ONLY = "check"  # the name of the answer form's "Check" button
OVERRIDE = "override_warnings"


def take(
    action: Action, appeal: Appeal, actor: User, form: ActionForm, posted: Any
) -> Appeal | AnswerCheck:
    """The updated appeal; or, for an answer only checked or stopped by the check, what the
    check found. Other refusals are raised."""
    data = form.cleaned_data
    if action == Action.ANSWER and CHECK_ONLY in posted:
        return answer_review(appeal, data["kind"], data["text"])
    try:
        return service_for(action)(appeal_id=appeal.pk, actor=actor, **data)
    except AnswerRefused as refused:
        return refused.check


def form_context(
    action: Action, appeal: Appeal, form: ActionForm, check: AnswerCheck | None
) -> dict[str, Any]:
    """What the action's page shows besides its form: the check's findings, and the
    "send anyway" box only when there are warnings and nothing blocks."""
    if OVERRIDE in form.fields and (check is None or check.blocking or not check.warnings):
        del form.fields[OVERRIDE]
    context: dict[str, Any] = {"check": check, "can_check": action == Action.ANSWER}
    if action == Action.HEAR:
        context["note"] = hearing_note(appeal)
    return context


def _day(moment: Any) -> str:
    return date_format(timezone.localtime(moment), "DATE_FORMAT")


def hearing_note(appeal: Appeal) -> str:
    """The period the notice would give, and how it sits with the deadline (APPC art. 73)."""
    until = objection_deadline(timezone.now())
    note = _(
        "Sent now, the notice gives the applicant until %(until)s to object (%(days)s working "
        "days, APPC art. 73); the refusal can be sent after their objection or after that day. "
        "The deadline (%(due)s) does not stop meanwhile."
    ) % {"until": _day(until), "days": settings.HEARING_WORKING_DAYS, "due": _day(appeal.due_at)}
    if until > appeal.due_at:
        note += " " + _(
            "The period ends after the deadline: the refusal would be late, unless the head "
            "extends the deadline."
        )
    return note


def hearings_shown(appeal: Appeal, events: list[AppealEvent]) -> dict[str, Any]:
    """The appeal page's hearings, each with the objection, and whether one still runs
    (asked only when the route, `events`, has a notice)."""
    if not heard(events):
        return {"hearings": []}
    hearings = list(appeal.hearings.select_related("notified_by").order_by("notified_at", "pk"))
    current, now = current_hearing(appeal), timezone.now()
    return {
        "hearings": hearings,
        "hearing_current": current,
        "hearing_runs": current if current and hearing_awaits(current, now) else None,
    }
