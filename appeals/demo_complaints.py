"""The demo's complaints, through the real services: about answers, about silence and about
terminations, sent to the Government above the demo bodies; most decided (upheld, partly
upheld or rejected), the upheld appeals answered again by their bodies, a few pending."""

from __future__ import annotations

import random

from django.db.models import QuerySet
from django.utils import timezone

from accounts.models import Membership, User
from agencies.models import AppealType
from appeals.complaints import complaint_offer
from appeals.models import Appeal
from appeals.services import (
    appeal_answer,
    appeal_assign,
    appeal_register,
    appeal_submit,
    complaint_decide,
)

Status, Role, Outcome = Appeal.Status, Membership.Role, Appeal.ComplaintOutcome
# Of each ground, how many per demo body, and the decisions drawn for them (None: pending).
PER_BODY = {"answer": 6, "inaction": 4, "termination": 2}
OUTCOMES = (Outcome.UPHELD, Outcome.PARTLY_UPHELD, Outcome.REJECTED, Outcome.REJECTED, None)
TEXTS = {
    "answer": "Ответ формальный: проблема не решена, прошу проверить.",
    "inaction": "Срок ответа истёк, ответа нет. Прошу принять меры.",
    "termination": "Обращение оставлено без рассмотрения без оснований.",
}


def _candidates(agency_code: str, ground: str, citizens: list[User]) -> QuerySet[Appeal]:
    appeals = Appeal.objects.filter(
        agency__code=agency_code, applicant__in=citizens, complained=False
    )
    if ground == "answer":
        return appeals.filter(status=Status.ANSWERED, feedback__satisfied=False)
    if ground == "termination":
        return appeals.filter(status=Status.TERMINATED)
    return appeals.filter(status__in=Appeal.OPEN_STATUSES, due_at__lt=timezone.now())


def demo_complaints(
    citizens: list[User], staff: dict[str, dict[str, User]], bodies: tuple[str, ...], seed: int = 7
) -> int:
    """Complaints about the demo bodies' appeals (once); returns how many were sent."""
    if Appeal.objects.filter(applicant__in=citizens, complaint_of__isnull=False).exists():
        return 0
    rng, sent = random.Random(seed), 0  # noqa: S311 - demo data, not secrets
    complaint_type = AppealType.objects.get(code="complaint")
    for code in bodies:
        for ground, count in PER_BODY.items():
            # The latest: they count in the figures of the last 30 days too.
            for appeal in _candidates(code, ground, citizens).order_by("-received_at")[:count]:
                offer = complaint_offer(appeal, timezone.now())
                if offer is None:
                    continue
                complaint = appeal_submit(
                    applicant=appeal.applicant, submitted_by=appeal.applicant,
                    appeal_type=complaint_type, category=appeal.category, region=appeal.region,
                    addressee=offer.higher, subject=f"Жалоба: {appeal.reference}",
                    text=TEXTS[ground], language="ru", complaint_of=appeal,
                )  # fmt: skip
                _decide(rng, complaint, staff[offer.higher.code], staff.get(code))
                sent += 1
    return sent


def _decide(
    rng: random.Random, complaint: Appeal, deciders: dict[str, User],
    body: dict[str, User] | None,
) -> None:  # fmt: skip
    outcome = rng.choice(OUTCOMES)
    if outcome is None:
        return
    appeal_register(appeal_id=complaint.pk, actor=deciders[Role.REGISTRAR])
    appeal_assign(
        appeal_id=complaint.pk, actor=deciders[Role.HEAD], executor=deciders[Role.EXECUTOR]
    )
    reasons = "Проверкой установлено: доводы жалобы " + (
        "не подтвердились." if outcome == Outcome.REJECTED else "подтвердились."
    )
    complaint_decide(
        appeal_id=complaint.pk, actor=deciders[Role.EXECUTOR], outcome=outcome, text=reasons
    )
    if outcome != Outcome.REJECTED and body is not None and rng.random() < 0.7:
        _answer_again(int(complaint.complaint_of_id or 0), body)


def _answer_again(appeal_id: int, body: dict[str, User]) -> None:
    """The body considers the appeal again and answers (late, when it had been silent)."""
    appeal = Appeal.objects.get(pk=appeal_id)
    if appeal.status == Status.SUBMITTED:
        return  # waiting for registration
    if appeal.status == Status.REGISTERED:
        appeal_assign(appeal_id=appeal_id, actor=body[Role.HEAD], executor=body[Role.EXECUTOR])
    # One text for every demo answer: a near copy the check warns of, sent over the warning.
    appeal_answer(
        appeal_id=appeal_id, actor=body[Role.EXECUTOR], kind=Appeal.AnswerKind.SATISFIED,
        text="Повторно рассмотрено: меры приняты, работы выполнены.", override_warnings=True,
    )  # fmt: skip
