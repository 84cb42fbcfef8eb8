"""What an answer must pass before it is sent: the hearing before a refusal
(appeals/hearings.py) and the check against formal replies (appeals/answer_check.py);
and the refusals that carry their findings to the form and the API."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from appeals.answer_check import AnswerCheck, Finding, answer_check
from appeals.hearings import refusal_hearing_problem
from appeals.models import Appeal
from core.refusals import ActionRefused

HEARING = "hearing"  # the code of the finding "no hearing yet"


class AnswerRefused(ActionRefused):
    """The answer breaks a rule the executor may not override (the API answers 400)."""

    api_code, api_status = "answer_blocked", 400

    def __init__(self, message: str, check: AnswerCheck) -> None:
        super().__init__(message)
        self.check = check

    def api_details(self) -> dict[str, Any]:
        return {
            "blocking": findings_data(self.check.blocking),
            "warnings": findings_data(self.check.warnings),
        }


class AnswerWarned(AnswerRefused):
    """Only warnings: sent again with override_warnings, the answer goes (the API: 409)."""

    api_code, api_status = "answer_warned", 409


def findings_data(findings: tuple[Finding, ...]) -> list[dict[str, str]]:
    """Findings as the API shows them."""
    return [{"code": f.code, "message": str(f.message)} for f in findings]


def answer_review(appeal: Appeal, kind: str, text: str) -> AnswerCheck:
    """Everything that stops or warns about this answer, without sending it."""
    check = answer_check(appeal, kind, text)
    problem = None
    if kind == Appeal.AnswerKind.REFUSED:
        problem = refusal_hearing_problem(appeal, timezone.now())
    if problem is None:
        return check
    return AnswerCheck((Finding(HEARING, problem), *check.blocking), check.warnings)


def answer_gate(appeal: Appeal, kind: str, text: str, *, override_warnings: bool) -> list[str]:
    """The codes of the warnings the sender overrode; refuses the answer if anything blocks
    it, or if it warns and the sender has not chosen to override."""
    check = answer_review(appeal, kind, text)
    if check.blocking:
        message = _("The answer cannot be sent: %(problems)s") % {
            "problems": " ".join(str(f.message) for f in check.blocking)
        }
        raise AnswerRefused(message, check)
    if check.warnings and not override_warnings:
        message = _("Check the answer before it is sent: %(problems)s") % {
            "problems": " ".join(str(f.message) for f in check.warnings)
        }
        raise AnswerWarned(message, check)
    return [f.code for f in check.warnings]
