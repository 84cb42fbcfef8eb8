"""Two joins of one pair of parallel appeals in opposite directions, at the same moment: one
is made, the other refused (no chain), and neither deadlocks."""

from __future__ import annotations

import pytest

from appeals.joining import appeal_join
from tests.appeals.test_joining import _other_team, _pair
from tests.conftest import People
from tests.threads import run_together

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_after_flush"),
]


@pytest.mark.parametrize("attempt", range(3))
def test_two_opposite_joins_at_once(people: People, attempt: int) -> None:
    own, lead = _pair(people)
    _, other_executor = _other_team(people)
    outcomes = run_together(
        lambda: appeal_join(appeal_id=own.pk, actor=people.executor, lead=lead),
        lambda: appeal_join(appeal_id=lead.pk, actor=other_executor, lead=own),
    )
    assert sorted(outcome.split(":")[0] for outcome in outcomes) == ["refused", "won"], outcomes
