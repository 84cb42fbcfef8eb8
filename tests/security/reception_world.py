"""The meetings of `people.agency` the access walk's receptions rows need (access_receptions.py),
made on first use through the real services: a bookable reception with free times, the
citizen's booking with a file, a reception that has begun, one held with the citizen's
question, one not held, and a snapshot of the figures."""

from __future__ import annotations

import datetime
from functools import cached_property
from typing import Any

from django.utils import timezone

from agencies.models import Category, Region
from appeals.attachments import clean_upload
from receptions.booking import booking_make
from receptions.figures import figures_recompute
from receptions.models import (
    Booking,
    BookingAttachment,
    FigurePeriod,
    Meeting,
    Question,
    ReceptionSnapshot,
    Slot,
)
from receptions.outcomes import question_record
from receptions.schedule import meeting_announce, meeting_held, meeting_not_held
from tests.conftest import People
from tests.files import pdf

HEATING = "housing-heating"
QUESTION = "Нет отопления в доме по улице Абая, 10."


def heating() -> Category:
    return Category.objects.get(code=HEATING)


def free_slot(meeting: Meeting) -> Slot:
    """The earliest time of the meeting nobody holds."""
    free = meeting.slots.exclude(bookings__status=Booking.Status.ACTIVE).order_by("starts_at")
    slot = free.first()
    assert slot is not None, "the reception has no free time left"
    return slot


def move_back(meeting: Meeting, shift: datetime.timedelta) -> Meeting:
    """The meeting and its times `shift` earlier."""
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=meeting.starts_at - shift, ends_at=meeting.ends_at - shift
    )
    for slot in meeting.slots.all():
        Slot.objects.filter(pk=slot.pk).update(starts_at=slot.starts_at - shift)
    meeting.refresh_from_db()
    return meeting


class Receptions:
    def __init__(self, people: People) -> None:
        self.people = people

    def announce(self, hours: int = 1, **overrides: Any) -> Meeting:
        """A personal reception of the head, two days ahead at 10:00, 15-minute times."""
        starts = timezone.localtime().replace(hour=10, minute=0, second=0, microsecond=0)
        starts += datetime.timedelta(days=2)
        fields: dict[str, Any] = {
            "agency": self.people.agency, "kind": Meeting.Kind.PERSONAL,
            "official_name": "Ерлан Аким", "official_post": "Аким города",
            "region": Region.objects.get(code="KZ-75"), "place": "Абая, 1",
            "starts_at": starts, "ends_at": starts + datetime.timedelta(hours=hours),
            "slot_minutes": 15, "topics": "ЖКХ, дороги",
        }  # fmt: skip
        return meeting_announce(actor=self.people.head, **{**fields, **overrides})

    def book(self, meeting: Meeting, **options: Any) -> Booking:
        return booking_make(
            citizen=self.people.citizen, slot_id=free_slot(meeting).pk, category=heating(),
            question=QUESTION, **options,
        )  # fmt: skip

    @cached_property
    def planned(self) -> Meeting:
        """A reception still to come, taking bookings."""
        return self.announce()

    @cached_property
    def booking(self) -> Booking:
        """The citizen's booking at the planned reception, with a file."""
        return self.book(self.planned, attachments=[clean_upload(pdf())])

    @cached_property
    def booking_file(self) -> BookingAttachment:
        return self.booking.attachments.get()

    @cached_property
    def started(self) -> Meeting:
        """A reception still planned that began an hour ago, the citizen booked for it."""
        meeting = self.announce()
        self.book(meeting)
        return move_back(meeting, meeting.starts_at - timezone.now() + datetime.timedelta(hours=1))

    @cached_property
    def held(self) -> Meeting:
        """A held reception (begun an hour ago) whose citizen's question is not recorded."""
        return meeting_held(meeting_id=self.started.pk, actor=self.people.head, attendance=12)

    @cached_property
    def question(self) -> Question:
        """The citizen's booked question at the held reception, explained."""
        booking = self.held.bookings.get(citizen=self.people.citizen)
        return question_record(
            meeting_id=self.held.pk, actor=self.people.head, category=heating(),
            outcome=Question.Outcome.EXPLAINED, booking_id=booking.pk,
            outcome_note="Подключение к сети в ноябре.",
        )  # fmt: skip

    @cached_property
    def not_held(self) -> Meeting:
        meeting = self.announce()
        return meeting_not_held(
            meeting_id=meeting.pk, actor=self.people.head, reason="Аким в командировке."
        )

    @cached_property
    def snapshot(self) -> ReceptionSnapshot:
        """The figures of the last 365 days, the citizen's question among them."""
        self.question  # noqa: B018 - counted in the figures
        return figures_recompute(periods=(FigurePeriod.LAST_365_DAYS,))[0]
