"""Two staff act on one appeal at the same moment: exactly one wins, nothing is doubled."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from appeals.models import Appeal, AppealEvent
from appeals.services import appeal_answer, appeal_forward
from tests.conftest import People
from tests.threads import run_together

# Real transactions in separate connections: the test's own transaction would hide
# each side's work from the other.
pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_after_flush"),
]

# The answers' texts are one letter: sent over the answer check's warnings (not tested here).


@pytest.mark.parametrize("attempt", range(5))
def test_two_answers_at_once(
    people: People, appeal_in: Callable[[str], Appeal], attempt: int
) -> None:
    appeal = appeal_in(Appeal.Status.IN_PROGRESS)
    outcomes = run_together(
        lambda: appeal_answer(
            appeal_id=appeal.pk,
            actor=people.executor,
            kind="explained",
            text="A",
            override_warnings=True,
        ),
        lambda: appeal_answer(
            appeal_id=appeal.pk,
            actor=people.head,
            kind="satisfied",
            text="B",
            override_warnings=True,
        ),
    )
    assert sorted(outcome.split(":")[0] for outcome in outcomes) == ["refused", "won"], outcomes
    assert AppealEvent.objects.filter(appeal=appeal, action="appeal.answered").count() == 1
    appeal.refresh_from_db()
    winner_text = "A" if outcomes[0] == "won" else "B"
    assert (appeal.status, appeal.answer_text) == (Appeal.Status.ANSWERED, winner_text)


@pytest.mark.parametrize("attempt", range(5))
def test_answer_against_forward(
    people: People, appeal_in: Callable[[str], Appeal], attempt: int
) -> None:
    appeal = appeal_in(Appeal.Status.IN_PROGRESS)
    events_before = appeal.events.count()
    outcomes = run_together(
        lambda: appeal_answer(
            appeal_id=appeal.pk,
            actor=people.executor,
            kind="explained",
            text="A",
            override_warnings=True,
        ),
        lambda: appeal_forward(
            appeal_id=appeal.pk, actor=people.head, to_agency=people.other_agency, reason="Не наше"
        ),
    )
    assert sorted(outcome.split(":")[0] for outcome in outcomes) == ["refused", "won"], outcomes
    assert appeal.events.count() == events_before + 1
    appeal.refresh_from_db()
    if outcomes[0] == "won":
        assert (appeal.status, appeal.agency) == (Appeal.Status.ANSWERED, people.agency)
    else:
        assert (appeal.status, appeal.agency) == (Appeal.Status.SUBMITTED, people.other_agency)
