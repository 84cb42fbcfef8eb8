"""A reply and another step at the same moment: one reply per question, and never a reply
on a closed appeal (the reply locks the appeal, as every service does)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from appeals.models import Appeal
from appeals.services import appeal_ask, appeal_withdraw, question_reply
from tests.conftest import People
from tests.threads import run_together

# Real transactions in separate connections: the test's own transaction would hide
# each side's work from the other.
pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_after_flush"),
]


@pytest.fixture
def question_id(people: People, appeal_in: Callable[[str], Appeal]) -> int:
    appeal = appeal_in(Appeal.Status.IN_PROGRESS)
    appeal_ask(appeal_id=appeal.pk, actor=people.executor, kind="clarification", text="Где?")
    return appeal.questions.get().pk


def appeal_of(question_id: int) -> Appeal:
    return Appeal.objects.get(questions__pk=question_id)


@pytest.mark.parametrize("attempt", range(3))
def test_two_replies_at_once_make_one(question_id: int, people: People, attempt: int) -> None:
    outcomes = run_together(
        lambda: question_reply(question_id=question_id, actor=people.citizen, text="Один"),
        lambda: question_reply(question_id=question_id, actor=people.citizen, text="Два"),
    )
    assert sorted(outcome.split(":")[0] for outcome in outcomes) == ["refused", "won"], outcomes
    events = appeal_of(question_id).events.filter(action="appeal.question_answered")
    assert events.count() == 1


@pytest.mark.parametrize("attempt", range(3))
def test_a_reply_racing_a_withdrawal_never_lands_on_a_closed_appeal(
    question_id: int, people: People, attempt: int
) -> None:
    appeal = appeal_of(question_id)
    run_together(
        lambda: question_reply(question_id=question_id, actor=people.citizen, text="Ответ"),
        lambda: appeal_withdraw(appeal_id=appeal.pk, actor=people.citizen),
    )
    events = list(appeal.events.order_by("pk").values_list("action", flat=True))
    assert events[-1] == "appeal.withdrawn"  # the reply, if any, came before
