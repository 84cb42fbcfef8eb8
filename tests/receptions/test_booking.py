"""Booking a reception: by the citizen, by a front office for a walk-in; cancelling; the
booking page, "my receptions" and a booking's files."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import translation

from agencies.models import Category
from appeals.attachments import clean_upload
from core.refusals import ActionRefused
from notifications.models import Notification
from receptions.booking import booking_cancel, booking_make, booking_make_walk_in
from receptions.models import Booking, Meeting, Question
from receptions.schedule import meeting_not_held
from tests.conftest import People, client_for, submit_appeal
from tests.factories import UserFactory, valid_iin
from tests.files import pdf
from tests.receptions.test_schedule import announce, book

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings: object, tmp_path: Path) -> Iterator[None]:
    settings.MEDIA_ROOT = tmp_path  # type: ignore[attr-defined]
    with translation.override("en"):  # the refusals' words are read in English
        yield


@pytest.fixture
def meeting(people: People) -> Meeting:
    return announce(people)


def topic() -> Category:
    return Category.objects.get(code="housing-heating")


def test_a_citizen_books_and_is_told(people: People, meeting: Meeting) -> None:
    slot = meeting.slots.first()
    assert slot is not None
    booking = book(people.citizen, slot)
    assert (booking.status, booking.meeting, booking.booked_by) == ("active", meeting, None)
    told = Notification.objects.get(kind="receptions.booked")
    assert told.recipient_id == people.citizen.pk and "Абая, 1" in told.body


def test_a_time_is_given_once(people: People, meeting: Meeting) -> None:
    slot = meeting.slots.first()
    assert slot is not None
    book(people.citizen, slot)
    with pytest.raises(ActionRefused, match="just been taken"):
        book(people.other_citizen, slot)


def test_one_booking_per_citizen_per_reception(people: People, meeting: Meeting) -> None:
    first, second = list(meeting.slots.all())[:2]
    book(people.citizen, first)
    with pytest.raises(ActionRefused, match="already have a booking"):
        book(people.citizen, second)


def test_a_passed_time_is_refused(people: People, meeting: Meeting) -> None:
    first, second = list(meeting.slots.all())[:2]
    with (
        time_machine.travel(second.starts_at + datetime.timedelta(minutes=1)),
        pytest.raises(ActionRefused, match="has passed"),
    ):
        book(people.citizen, first)


def test_a_not_held_reception_takes_no_bookings(people: People, meeting: Meeting) -> None:
    meeting_not_held(meeting_id=meeting.pk, actor=people.head, reason="Болезнь")
    slot = meeting.slots.first()
    assert slot is not None
    with pytest.raises(ActionRefused, match="does not take bookings"):
        book(people.citizen, slot)


@pytest.mark.parametrize(("code", "question", "words"), [
    ("housing", "Вопрос", "topic"), ("housing-heating", "  ", "Write your question"),
    ("housing-heating", "x" * 5001, "longer than"),
])  # fmt: skip
def test_the_question_is_checked(
    people: People, meeting: Meeting, code: str, question: str, words: str
) -> None:
    slot = meeting.slots.first()
    assert slot is not None
    category = Category.objects.get(code=code)
    with pytest.raises(ActionRefused, match=words):
        booking_make(citizen=people.citizen, slot_id=slot.pk, category=category, question=question)


def test_only_a_front_office_books_for_someone(people: People, meeting: Meeting) -> None:
    slot = meeting.slots.first()
    assert slot is not None
    with pytest.raises(ActionRefused) as refused:
        booking_make(citizen=people.citizen, slot_id=slot.pk, category=topic(), question="Q",
                     booked_by=people.registrar)  # fmt: skip
    assert refused.value.forbidden


def test_a_front_office_books_for_a_walk_in(people: People, meeting: Meeting) -> None:
    slot = meeting.slots.first()
    assert slot is not None
    booking = booking_make_walk_in(
        operator=people.front_office, slot_id=slot.pk, iin=valid_iin(4242),
        full_name="Самат Пришёл", category=topic(), question="Нет воды", phone="+77011234567",
        attachments=[clean_upload(pdf())],
    )  # fmt: skip
    assert booking.booked_by == people.front_office
    assert booking.citizen.walk_in and booking.citizen.full_name == "Самат Пришёл"
    assert booking.attachments.get().uploaded_by == people.front_office


@pytest.mark.parametrize("who", ["registrar", "head", "citizen"])
def test_walk_ins_are_booked_by_front_offices_only(
    people: People, meeting: Meeting, who: str
) -> None:
    slot = meeting.slots.first()
    assert slot is not None
    with pytest.raises(ActionRefused) as refused:
        booking_make_walk_in(operator=getattr(people, who), slot_id=slot.pk, iin=valid_iin(7),
                             full_name="Самат", category=topic(), question="Q")  # fmt: skip
    assert refused.value.forbidden


def test_a_walk_in_needs_a_valid_iin(people: People, meeting: Meeting) -> None:
    slot = meeting.slots.first()
    assert slot is not None
    with pytest.raises(ActionRefused, match="12 digits"):
        booking_make_walk_in(operator=people.front_office, slot_id=slot.pk, iin="123",
                             full_name="Самат", category=topic(), question="Q")  # fmt: skip


def test_a_cancellation_frees_the_time(people: People, meeting: Meeting) -> None:
    slot = meeting.slots.first()
    assert slot is not None
    booking = booking_cancel(booking_id=book(people.citizen, slot).pk, actor=people.citizen)
    assert booking.status == Booking.Status.CANCELLED and booking.cancelled_at
    assert book(people.other_citizen, slot).status == Booking.Status.ACTIVE
    assert not Notification.objects.filter(kind="receptions.cancelled").exists()


def test_the_front_office_cancels_only_what_it_booked(people: People, meeting: Meeting) -> None:
    """An operator cancels a walk-in's booking he made, not a citizen's own by its number."""
    first, second = meeting.slots.all()[:2]
    walk_in = booking_make_walk_in(
        operator=people.front_office, slot_id=first.pk, iin=valid_iin(5151),
        full_name="Гость Приёмной", category=Category.objects.get(code="housing-heating"),
        question="Когда дадут отопление?",
    )  # fmt: skip
    own = book(people.citizen, second)
    booking_cancel(booking_id=walk_in.pk, actor=people.front_office)
    with pytest.raises(ActionRefused) as refused:
        booking_cancel(booking_id=own.pk, actor=people.front_office)
    assert refused.value.forbidden


@pytest.mark.parametrize(("who", "allowed"), [
    ("other_citizen", False), ("other_agency_head", False), ("executor", False),
    ("front_office", False), ("head", True),
])  # fmt: skip
def test_who_may_cancel(people: People, meeting: Meeting, who: str, allowed: bool) -> None:
    slot = meeting.slots.first()
    assert slot is not None
    booking = book(people.citizen, slot)
    if allowed:
        booking_cancel(booking_id=booking.pk, actor=getattr(people, who))
        told = Notification.objects.get(kind="receptions.cancelled")
        assert told.recipient_id == people.citizen.pk
    else:
        with pytest.raises(ActionRefused) as refused:
            booking_cancel(booking_id=booking.pk, actor=getattr(people, who))
        assert refused.value.forbidden


def test_no_cancelling_after_the_time(people: People, meeting: Meeting) -> None:
    slot = meeting.slots.first()
    assert slot is not None
    booking = book(people.citizen, slot)
    with (
        time_machine.travel(slot.starts_at + datetime.timedelta(minutes=1)),
        pytest.raises(ActionRefused, match="only before its time"),
    ):
        booking_cancel(booking_id=booking.pk, actor=people.citizen)


# --- The pages ---------------------------------------------------------------------------


def test_the_booking_page_offers_the_free_times(people: People, meeting: Meeting) -> None:
    taken = meeting.slots.first()
    assert taken is not None
    book(people.other_citizen, taken)
    page = client_for(people.citizen).get(reverse("receptions:book", args=[meeting.pk]))
    assert page.status_code == 200
    assert page.content.decode().count('type="radio"') == 3


def test_booking_through_the_page(people: People, meeting: Meeting) -> None:
    slot = meeting.slots.last()
    assert slot is not None
    client = client_for(people.citizen)
    data = {"slot": slot.pk, "category": topic().pk, "question": "Когда дадут тепло?",
            "attachments": pdf()}  # fmt: skip
    address = reverse("receptions:book", args=[meeting.pk])
    response = client.post(address, data, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302 and response["Location"] == reverse("receptions:mine")
    booking = Booking.objects.get(citizen=people.citizen)
    assert booking.slot == slot and booking.attachments.count() == 1
    mine = client.get(reverse("receptions:mine"), HTTP_ACCEPT_LANGUAGE="en")
    assert "Your time is booked" in mine.content.decode()
    assert reverse("receptions:cancel", args=[booking.pk]) in mine.content.decode()


def test_a_taken_time_is_said_and_the_question_kept(people: People, meeting: Meeting) -> None:
    slot = meeting.slots.first()
    assert slot is not None
    book(people.other_citizen, slot)
    data = {"slot": slot.pk, "category": topic().pk, "question": "Мой длинный вопрос"}
    response = client_for(people.citizen).post(
        reverse("receptions:book", args=[meeting.pk]), data, HTTP_ACCEPT_LANGUAGE="en"
    )
    body = response.content.decode()
    assert response.status_code == 200 and "just been taken" in body
    assert "Мой длинный вопрос" in body and not Booking.objects.filter(citizen=people.citizen)


def test_the_booking_page_needs_a_login(meeting: Meeting) -> None:
    response = Client().get(reverse("receptions:book", args=[meeting.pk]))
    assert response.status_code == 302 and "/accounts/" in response["Location"]


def test_cancelling_through_the_page(people: People, meeting: Meeting) -> None:
    slot = meeting.slots.first()
    assert slot is not None
    booking = book(people.citizen, slot)
    url = reverse("receptions:cancel", args=[booking.pk])
    assert client_for(people.other_citizen).post(url).status_code == 404
    assert client_for(people.citizen).post(url).status_code == 302
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED


@pytest.mark.parametrize(("who", "status"), [
    ("citizen", 200), ("head", 200), ("controller", 200), ("other_citizen", 404),
    ("other_agency_head", 404),
])  # fmt: skip
def test_a_booking_file_is_for_its_citizen_and_the_body(
    people: People, meeting: Meeting, who: str, status: int
) -> None:
    slot = meeting.slots.first()
    assert slot is not None
    booking = booking_make(citizen=people.citizen, slot_id=slot.pk, category=topic(),
                           question="Q", attachments=[clean_upload(pdf())])  # fmt: skip
    url = reverse("receptions:booking_file", args=[booking.attachments.get().pk])
    assert client_for(getattr(people, who)).get(url).status_code == status


def test_my_questions_show_their_outcome_and_my_appeal(people: People, meeting: Meeting) -> None:
    appeal = submit_appeal(people.citizen, people.agency)
    Question.objects.create(
        meeting=meeting, citizen=people.citizen, category=topic(), region=meeting.region,
        outcome=Question.Outcome.CONTROL, appeal=appeal, recorded_at=meeting.starts_at,
    )  # fmt: skip
    page = client_for(people.citizen).get(reverse("receptions:mine"), HTTP_ACCEPT_LANGUAGE="en")
    body = page.content.decode()
    assert "Taken under control" in body
    assert reverse("appeals:detail", args=[appeal.pk]) in body
    other = client_for(UserFactory.create()).get(reverse("receptions:mine"))
    assert "Taken under control" not in other.content.decode()


def test_one_citizen_holds_at_most_the_limit_of_upcoming_bookings(
    people: People, settings: Any
) -> None:
    """No account takes every reception's times: past the limit a booking is refused, and
    a cancellation makes room again."""
    settings.RECEPTIONS_BOOKINGS_PER_CITIZEN = 2
    meetings = [announce(people, place=f"Абая, {n}") for n in range(3)]
    held = [book(people.citizen, meeting.slots.all()[0]) for meeting in meetings[:2]]
    with pytest.raises(ActionRefused, match="2 upcoming bookings"):
        book(people.citizen, meetings[2].slots.all()[0])
    assert not Booking.objects.filter(meeting=meetings[2]).exists()
    booking_cancel(booking_id=held[0].pk, actor=people.citizen)
    assert book(people.citizen, meetings[2].slots.all()[0]).status == Booking.Status.ACTIVE
