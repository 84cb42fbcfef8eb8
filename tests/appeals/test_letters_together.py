"""Two makers of one letter at once (the worker and a download): one letter, both get it."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from appeals.letters.issuance import letter_issue
from appeals.models import Appeal, Letter
from tests.appeals.letters import letter_settings, signing_pair  # noqa: F401 - fixtures
from tests.threads import run_together

# Real transactions in separate connections: the test's own would hide each side's work.
pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_after_flush", "letter_settings"),
]


@pytest.mark.parametrize("attempt", range(3))
def test_two_issuers_at_once_make_one_letter(
    appeal_in: Callable[[str], Appeal], attempt: int
) -> None:
    appeal = appeal_in(Appeal.Status.ANSWERED)
    codes: list[str] = []
    outcomes = run_together(*[lambda: codes.append(letter_issue(appeal.pk).code)] * 3)
    assert outcomes == ["won"] * 3
    assert Letter.objects.filter(appeal=appeal).count() == 1
    assert len(set(codes)) == 1
