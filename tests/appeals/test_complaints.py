"""Complaints about an answer, about silence and about termination, sent to the body above
and decided there; an upheld one sends the appeal back to its body."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator

import pytest
from django.utils import timezone, translation

from accounts.models import User
from agencies.models import Agency, AppealType
from appeals.complaints import complaint_offer
from appeals.models import Appeal
from appeals.services import (
    appeal_answer,
    appeal_assign,
    appeal_register,
    appeal_terminate,
    complaint_decide,
)
from appeals.workflow import Action, allowed_actions
from core.refusals import ActionRefused
from notifications.models import Notification
from tests.conftest import People, submit_appeal
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def in_english() -> Iterator[None]:
    """The refusals are read in English here (the portal's default is Russian)."""
    with translation.override("en"):
        yield


MakeAppeal = Callable[[str], Appeal]
Status = Appeal.Status


@pytest.fixture
def government() -> Agency:
    return Agency.objects.get(code="government")


@pytest.fixture
def deciders(government: Agency) -> dict[str, User]:
    """The Office's registrar, head and executor."""
    return {
        role: MembershipFactory.create(role=role, agency=government).user
        for role in ("registrar", "head", "executor", "controller")
    }


def overdue(appeal: Appeal, days: int = 3) -> Appeal:
    Appeal.objects.filter(pk=appeal.pk).update(
        due_at=timezone.now() - datetime.timedelta(days=days)
    )
    appeal.refresh_from_db()
    return appeal


def complain(people: People, appeal: Appeal, to: Agency, **overrides: object) -> Appeal:
    fields = {
        "appeal_type": AppealType.objects.get(code="complaint"),
        "complaint_of": appeal,
        "subject": "Жалоба",
        "text": "Ответа нет уже месяц, прошу принять меры.",
    }
    return submit_appeal(people.citizen, to, **{**fields, **overrides})


def decided(deciders: dict[str, User], complaint: Appeal, outcome: str) -> Appeal:
    appeal_register(appeal_id=complaint.pk, actor=deciders["registrar"])
    appeal_assign(appeal_id=complaint.pk, actor=deciders["head"], executor=deciders["executor"])
    return complaint_decide(
        appeal_id=complaint.pk, actor=deciders["executor"], outcome=outcome,
        text="Проверкой установлено: ответ не дан в срок.",
    )  # fmt: skip


def test_each_closed_or_silent_appeal_offers_a_complaint_to_the_body_above(
    people: People, appeal_in: MakeAppeal, government: Agency
) -> None:
    now = timezone.now()
    open_on_time = appeal_in(Status.IN_PROGRESS)
    assert complaint_offer(open_on_time, now) is None
    offers = {
        "inaction": complaint_offer(overdue(appeal_in(Status.IN_PROGRESS)), now),
        "answer": complaint_offer(appeal_in(Status.ANSWERED), now),
    }
    terminated = appeal_in(Status.REGISTERED)
    appeal_terminate(appeal_id=terminated.pk, actor=people.head, reason="no_substance")
    terminated.refresh_from_db()
    offers["termination"] = complaint_offer(terminated, now)
    for ground, offer in offers.items():
        assert offer is not None and (offer.ground, offer.higher) == (ground, government)
    district = Agency.objects.get(code="akimat-kz-75-almaly")
    assert complaint_offer(overdue(submit_appeal(people.citizen, district)), now).higher == (  # type: ignore[union-attr]
        people.agency
    )


def test_a_complaint_about_silence_upheld_makes_the_body_answer_late(
    people: People, appeal_in: MakeAppeal, government: Agency, deciders: dict[str, User]
) -> None:
    appeal = overdue(appeal_in(Status.IN_PROGRESS))
    complaint = complain(people, appeal, government)
    assert complaint.complaint_ground == "inaction"
    appeal.refresh_from_db()
    assert appeal.complained and not appeal.overturned
    decided(deciders, complaint, "upheld")
    appeal.refresh_from_db()
    # Still the body's, still open, the passed deadline kept: its answer will be late.
    assert (appeal.status, appeal.overturned) == (Status.IN_PROGRESS, True)
    assert appeal.events.latest("pk").action == "appeal.reconsidered"
    appeal_answer(appeal_id=appeal.pk, actor=people.executor, kind="satisfied", text="Сделано.",
                  override_warnings=True)  # fmt: skip
    appeal.refresh_from_db()
    assert appeal.answered_at is not None and appeal.answered_at > appeal.due_at
    kinds = set(
        Notification.objects.filter(recipient=people.citizen).values_list("kind", flat=True)
    )
    assert "appeal.decided" in kinds


def test_an_upheld_complaint_about_an_answer_reopens_the_appeal(
    people: People, appeal_in: MakeAppeal, government: Agency, deciders: dict[str, User]
) -> None:
    appeal = appeal_in(Status.ANSWERED)
    decided(deciders, complain(people, appeal, government), "upheld")
    appeal.refresh_from_db()
    assert (appeal.status, appeal.answered_at, appeal.answer_text) == (Status.REGISTERED, None, "")
    assert appeal.due_at > timezone.now() and appeal.overturned
    event = appeal.events.latest("pk")
    assert event.data["previous_answer"] == "Отопление дали."
    # A complaint about the new answer is possible once it is given.
    appeal_assign(appeal_id=appeal.pk, actor=people.head, executor=people.executor)
    appeal_answer(appeal_id=appeal.pk, actor=people.executor, kind="explained", text="Иначе.",
                  override_warnings=True)  # fmt: skip
    appeal.refresh_from_db()
    assert complaint_offer(appeal, timezone.now()) is not None


def test_a_rejected_complaint_changes_nothing_of_the_appeal(
    people: People, appeal_in: MakeAppeal, government: Agency, deciders: dict[str, User]
) -> None:
    appeal = appeal_in(Status.REGISTERED)
    appeal_terminate(appeal_id=appeal.pk, actor=people.head, reason="no_substance")
    complaint = decided(deciders, complain(people, appeal, government), "rejected")
    appeal.refresh_from_db()
    assert (appeal.status, appeal.overturned, appeal.complained) == (Status.TERMINATED, False, True)
    assert (complaint.status, complaint.complaint_outcome) == (Status.ANSWERED, "rejected")


@pytest.mark.parametrize(
    "case", ["not overdue", "twice", "stranger", "wrong body", "not a complaint"]
)
def test_a_complaint_the_rules_refuse_changes_nothing(
    people: People, appeal_in: MakeAppeal, government: Agency, case: str
) -> None:
    appeal = appeal_in(Status.IN_PROGRESS)
    if case != "not overdue":
        appeal = overdue(appeal)
    if case == "twice":
        complain(people, appeal, government)
    before = Appeal.objects.count()
    arguments: dict[str, object] = {}
    match case:
        case "stranger":
            arguments["applicant"] = people.other_citizen
        case "wrong body":
            arguments["addressee"] = people.other_agency
        case "not a complaint":
            arguments["appeal_type"] = AppealType.objects.get(code="application")
    applicant = arguments.pop("applicant", people.citizen)
    fields = {
        "appeal_type": AppealType.objects.get(code="complaint"), "complaint_of": appeal,
        "addressee": government, **arguments,
    }  # fmt: skip
    with pytest.raises(ActionRefused):
        submit_appeal(applicant, government, **fields)  # type: ignore[arg-type]
    assert Appeal.objects.count() == before
    appeal.refresh_from_db()
    assert appeal.complained == (case == "twice")


def test_the_government_has_no_body_above(people: People, government: Agency) -> None:
    appeal = overdue(submit_appeal(people.citizen, government))
    assert complaint_offer(appeal, timezone.now()) is None
    with pytest.raises(ActionRefused, match="court"):
        complain(people, appeal, government)


def test_a_complaint_is_decided_and_an_appeal_answered(
    people: People, appeal_in: MakeAppeal, government: Agency, deciders: dict[str, User]
) -> None:
    complaint = complain(people, overdue(appeal_in(Status.IN_PROGRESS)), government)
    appeal_register(appeal_id=complaint.pk, actor=deciders["registrar"])
    appeal_assign(appeal_id=complaint.pk, actor=deciders["head"], executor=deciders["executor"])
    complaint.refresh_from_db()
    actions = allowed_actions(deciders["executor"], complaint)
    assert Action.DECIDE in actions and Action.ANSWER not in actions
    appeal = appeal_in(Status.IN_PROGRESS)
    actions = allowed_actions(people.executor, appeal)
    assert Action.ANSWER in actions and Action.DECIDE not in actions
