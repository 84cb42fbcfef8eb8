"""Many citizens book the last free time at the same moment: the database gives it once."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.utils import translation

from accounts.models import User
from core.refusals import ActionRefused
from receptions.booking import booking_cancel
from receptions.models import Booking, Meeting, Slot
from tests.conftest import People
from tests.factories import UserFactory
from tests.receptions.test_schedule import announce, book
from tests.threads import run_together

# Real transactions in separate connections: the test's own transaction would hide
# each side's work from the other.
pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_after_flush"),
]

CROWD = 20


def last_free_slot(people: People) -> tuple[Meeting, Slot]:
    meeting = announce(people)
    *taken, last = list(meeting.slots.order_by("starts_at"))
    for slot in taken:
        book(UserFactory.create(), slot)
    return meeting, last


def book_in_english(citizen: User, slot: Slot) -> Booking:
    """A booking in a thread of its own, which starts in the default language."""
    with translation.override("en"):
        return book(citizen, slot)


def refusal_of(call: Callable[[], object]) -> str:
    with pytest.raises(ActionRefused) as refused:
        call()
    return refused.value.message


def test_the_last_time_goes_to_one_of_twenty(people: People) -> None:
    meeting, last = last_free_slot(people)
    citizens = [UserFactory.create() for _ in range(CROWD)]
    outcomes = run_together(*[lambda c=c: book_in_english(c, last) for c in citizens])
    taken = refusal_of(lambda: book(UserFactory.create(), last))
    assert outcomes.count("won") == 1, outcomes
    assert outcomes.count(f"refused: {taken}") == CROWD - 1, outcomes
    assert Booking.objects.filter(slot=last, status=Booking.Status.ACTIVE).count() == 1

    # The winner cancels: the time is free again, and again only one of the rest gets it.
    winner = Booking.objects.get(slot=last, status=Booking.Status.ACTIVE)
    booking_cancel(booking_id=winner.pk, actor=winner.citizen)
    rest = [c for c in citizens if c.pk != winner.citizen_id][:5]
    again = run_together(*[lambda c=c: book_in_english(c, last) for c in rest])
    assert again.count("won") == 1, again
    active = Booking.objects.filter(meeting=meeting, status=Booking.Status.ACTIVE)
    assert active.count() == len(meeting.slots.all())


def test_one_citizen_booking_two_times_at_once_gets_one(people: People) -> None:
    meeting = announce(people)
    first, second = list(meeting.slots.order_by("starts_at"))[:2]
    outcomes = run_together(
        lambda: book(people.citizen, first), lambda: book(people.citizen, second)
    )
    assert sorted(o.split(":")[0] for o in outcomes) == ["refused", "won"], outcomes
    assert Booking.objects.filter(citizen=people.citizen, status="active").count() == 1
