"""Announcing receptions and meetings, and recording whether they were held."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
import time_machine
from django.utils import timezone

from accounts.models import User
from agencies.models import Category, Region
from core.refusals import ActionRefused
from notifications.models import Notification
from receptions.booking import booking_cancel, booking_make
from receptions.models import Booking, Meeting, Slot
from receptions.reminders import reminders_send
from receptions.schedule import meeting_announce, meeting_held, meeting_not_held
from receptions.tasks import send_reminders
from tests.conftest import People
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def announce(people: People, actor: User | None = None, **overrides: Any) -> Meeting:
    """A personal reception of the head, two days ahead at 10:00, four 15-minute slots."""
    starts = timezone.localtime().replace(hour=10, minute=0, second=0, microsecond=0)
    starts += datetime.timedelta(days=2)
    fields: dict[str, Any] = {
        "agency": people.agency, "kind": Meeting.Kind.PERSONAL, "official": people.head,
        "official_name": "Ерлан Аким", "official_post": "Аким города",
        "region": Region.objects.get(code="KZ-75"), "place": "Абая, 1", "starts_at": starts,
        "ends_at": starts + datetime.timedelta(hours=1), "slot_minutes": 15,
        "topics": "ЖКХ, дороги",
    }  # fmt: skip
    return meeting_announce(actor=actor or people.head, **{**fields, **overrides})


def book(citizen: User, slot: Slot, question: str = "Нет отопления") -> Booking:
    topic = Category.objects.get(code="housing-heating")
    return booking_make(citizen=citizen, slot_id=slot.pk, category=topic, question=question)


def test_a_personal_reception_gets_its_slots(people: People) -> None:
    meeting = announce(people)
    times = list(meeting.slots.values_list("starts_at", flat=True))
    step = datetime.timedelta(minutes=15)
    assert times == [meeting.starts_at + step * n for n in range(4)]
    assert meeting.status == Meeting.Status.PLANNED and meeting.created_by == people.head


def test_a_meeting_with_residents_has_no_slots(people: People) -> None:
    meeting = announce(people, kind=Meeting.Kind.RESIDENTS, slot_minutes=None)
    assert meeting.slots.count() == 0 and not meeting.takes_bookings


def test_a_registrar_announces_too(people: People) -> None:
    assert announce(people, actor=people.registrar).agency == people.agency


@pytest.mark.parametrize("who", ["executor", "controller", "front_office", "citizen",
                                 "other_agency_head"])  # fmt: skip
def test_others_may_not_announce(people: People, who: str) -> None:
    with pytest.raises(ActionRefused) as refused:
        announce(people, actor=getattr(people, who))
    assert refused.value.forbidden
    assert not Meeting.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "words"),
    [
        ({"ends_at": timezone.now()}, "end must come after"),
        ({"kind": Meeting.Kind.ONLINE}, "video link"),
        ({"kind": Meeting.Kind.ONLINE, "video_link": "http://meet.example.kz/a"}, "https://"),
        ({"kind": Meeting.Kind.TARGET_GROUP, "slot_minutes": None}, "target group"),
        ({"slot_minutes": 3}, "from 5 to 120 minutes"),
        ({"slot_minutes": 121}, "from 5 to 120 minutes"),
        ({"slot_minutes": None}, "from 5 to 120 minutes"),
        ({"kind": "party"}, "kind of meeting"),
        ({"official_name": " "}, "name of the official"),
    ],
)
def test_bad_announcements_are_refused(
    people: People, overrides: dict[str, Any], words: str
) -> None:
    with pytest.raises(ActionRefused, match=words):
        announce(people, **overrides)


def test_no_announcing_in_the_past(people: People) -> None:
    past = timezone.now() - datetime.timedelta(hours=2)
    with pytest.raises(ActionRefused, match="in the past"):
        announce(people, starts_at=past, ends_at=past + datetime.timedelta(hours=1))


def test_a_booked_reception_lasts_at_most_twelve_hours(people: People) -> None:
    meeting = announce(people, slot_minutes=None, kind=Meeting.Kind.RESIDENTS)
    with pytest.raises(ActionRefused, match="12 hours"):
        announce(people, ends_at=meeting.starts_at + datetime.timedelta(hours=13))


def test_the_official_must_work_in_the_body(people: People) -> None:
    with pytest.raises(ActionRefused, match="member of the body"):
        announce(people, official=people.other_agency_head)


def test_an_online_reception_with_its_link(people: People) -> None:
    meeting = announce(people, kind=Meeting.Kind.ONLINE, video_link="https://meet.gov.kz/r/1")
    assert meeting.slots.count() == 4


def test_held_only_after_the_start(people: People) -> None:
    meeting = announce(people)
    with pytest.raises(ActionRefused, match="after it has started"):
        meeting_held(meeting_id=meeting.pk, actor=people.head)
    with time_machine.travel(meeting.starts_at + datetime.timedelta(minutes=5)):
        held = meeting_held(meeting_id=meeting.pk, actor=people.head, attendance=12)
    assert (held.status, held.attendance) == (Meeting.Status.HELD, 12)
    assert held.status_changed_at is not None


def test_held_or_not_held_only_once(people: People) -> None:
    meeting = announce(people)
    meeting_not_held(meeting_id=meeting.pk, actor=people.head, reason="Командировка")
    with pytest.raises(ActionRefused, match="no longer planned"):
        meeting_not_held(meeting_id=meeting.pk, actor=people.head, reason="Ещё раз")
    with (
        time_machine.travel(meeting.starts_at + datetime.timedelta(minutes=5)),
        pytest.raises(ActionRefused, match="no longer planned"),
    ):
        meeting_held(meeting_id=meeting.pk, actor=people.head)


@pytest.mark.parametrize("who", ["executor", "other_agency_head", "citizen"])
def test_others_may_not_record_the_result(people: People, who: str) -> None:
    meeting = announce(people)
    with pytest.raises(ActionRefused) as refused:
        meeting_not_held(meeting_id=meeting.pk, actor=getattr(people, who), reason="Нет")
    assert refused.value.forbidden


def test_not_held_needs_a_reason(people: People) -> None:
    meeting = announce(people)
    with pytest.raises(ActionRefused, match="Say why"):
        meeting_not_held(meeting_id=meeting.pk, actor=people.head, reason="  ")


def test_not_held_tells_every_booked_citizen(people: People) -> None:
    meeting = announce(people)
    slots = list(meeting.slots.all())
    book(people.citizen, slots[0])
    book(people.other_citizen, slots[1])
    gone = book(UserFactory.create(), slots[2])
    booking_cancel(booking_id=gone.pk, actor=gone.citizen)
    Notification.objects.all().delete()
    meeting_not_held(meeting_id=meeting.pk, actor=people.head, reason="Паводок в районе")
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.NOT_HELD
    assert meeting.not_held_reason == "Паводок в районе" and meeting.status_changed_at
    told = Notification.objects.filter(kind="receptions.not_held")
    assert set(told.values_list("recipient", flat=True)) == {
        people.citizen.pk,
        people.other_citizen.pk,
    }
    assert all("Паводок в районе" in body for body in told.values_list("body", flat=True))


# --- Reminders -----------------------------------------------------------------------------


def test_a_reminder_goes_once(people: People) -> None:
    meeting = announce(people)
    first, second = list(meeting.slots.all())[:2]
    booking = book(people.citizen, first)
    book(people.other_citizen, second)
    now = first.starts_at - datetime.timedelta(hours=20)
    assert reminders_send(now) == 2
    assert reminders_send(now + datetime.timedelta(minutes=5)) == 0
    reminders = Notification.objects.filter(kind="receptions.reminder")
    assert reminders.count() == 2
    assert reminders.filter(recipient=people.citizen).get().about_id == booking.pk
    booking.refresh_from_db()
    assert booking.reminded_at == now


def test_no_reminder_too_early_cancelled_or_not_held(people: People) -> None:
    meeting = announce(people)
    first, second = list(meeting.slots.all())[:2]
    book(people.citizen, first)
    cancelled = book(people.other_citizen, second)
    booking_cancel(booking_id=cancelled.pk, actor=people.other_citizen)
    assert reminders_send(first.starts_at - datetime.timedelta(hours=30)) == 0
    meeting_not_held(meeting_id=meeting.pk, actor=people.head, reason="Болезнь")
    assert reminders_send(first.starts_at - datetime.timedelta(hours=2)) == 0
    assert not Notification.objects.filter(kind="receptions.reminder").exists()


def test_the_task_sends_what_is_due(people: People) -> None:
    meeting = announce(people)
    first = meeting.slots.first()
    assert first is not None
    book(people.citizen, first)
    with time_machine.travel(first.starts_at - datetime.timedelta(hours=3)):
        assert send_reminders() == 1
