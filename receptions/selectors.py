"""Reads of receptions shared by the pages, the feed and the API: the public calendar, free
slots, and a citizen's own bookings and questions."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, QuerySet
from django.utils import timezone

from accounts.models import User
from agencies.workdays import ALMATY
from receptions.models import Booking, Meeting, Question, Slot
from receptions.permissions import readable_agency_ids


@dataclass(frozen=True)
class MeetingFilters:
    """What the calendar, the feed and the API filter by; empty means any. Dates are days
    in Asia/Almaty, both included."""

    body: str = ""  # an agency's code
    region: str = ""  # a region's ISO code
    kind: str = ""
    target_group: str = ""
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None


def today() -> datetime.date:
    return timezone.localtime(timezone.now(), ALMATY).date()


def day_start(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=ALMATY)


def public_meetings(filters: MeetingFilters) -> QuerySet[Meeting]:
    """Meetings by time. Each filter narrows one indexed column: the body or region with
    the start (meeting_agency_starts_idx, meeting_region_starts_idx), else the start alone
    (meeting_starts_idx)."""
    meetings = Meeting.objects.select_related("agency", "region")
    if filters.body:
        meetings = meetings.filter(agency__code=filters.body)
    if filters.region:
        meetings = meetings.filter(region__code=filters.region)
    if filters.kind:
        meetings = meetings.filter(kind=filters.kind)
    if filters.target_group:
        meetings = meetings.filter(target_group=filters.target_group)
    if filters.date_from is not None:
        meetings = meetings.filter(starts_at__gte=day_start(filters.date_from))
    if filters.date_to is not None:
        end = day_start(filters.date_to + datetime.timedelta(days=1))
        meetings = meetings.filter(starts_at__lt=end)
    return meetings.order_by("starts_at", "pk")


def _taken() -> Exists:
    active = Booking.objects.filter(slot=OuterRef("pk"), status=Booking.Status.ACTIVE)
    return Exists(active)  # booking_one_per_slot's partial index answers it


def free_slots(meeting: Meeting) -> QuerySet[Slot]:
    """The slots still open to booking: in the future and with no active booking."""
    if meeting.status != Meeting.Status.PLANNED or not meeting.takes_bookings:
        return Slot.objects.none()
    return (
        Slot.objects.filter(meeting=meeting, starts_at__gt=timezone.now())
        .exclude(_taken())
        .order_by("starts_at")
    )


def free_slot_counts(meetings: list[Meeting]) -> dict[int, int]:
    """Free slots of each bookable planned meeting of a page, in one grouped query."""
    ids = [m.pk for m in meetings if m.status == Meeting.Status.PLANNED and m.takes_bookings]
    if not ids:
        return {}
    rows = (
        Slot.objects.filter(meeting_id__in=ids, starts_at__gt=timezone.now())
        .exclude(_taken())
        .values("meeting_id")
        .annotate(free=Count("pk"))
    )
    return {row["meeting_id"]: row["free"] for row in rows}


def outcome_counts(meeting: Meeting) -> dict[str, int]:
    """How many questions of a held meeting ended in each outcome: counts only."""
    if meeting.status != Meeting.Status.HELD:
        return {}
    rows = Question.objects.filter(meeting=meeting).values("outcome").annotate(n=Count("pk"))
    counts = {row["outcome"]: row["n"] for row in rows}
    return {value: counts.get(value, 0) for value in Question.Outcome.values}


def bookings_of_citizen(user: User) -> QuerySet[Booking]:
    """The citizen's bookings, newest first (booking_citizen_idx)."""
    return (
        Booking.objects.filter(citizen=user)
        .select_related("slot", "meeting", "meeting__agency", "category")
        .prefetch_related("attachments")
        .order_by("-created_at")
    )


def questions_of_citizen(user: User) -> QuerySet[Question]:
    """The questions the citizen raised and their outcomes, newest first
    (question_citizen_idx)."""
    return (
        Question.objects.filter(citizen=user)
        .select_related("meeting", "meeting__agency", "category", "appeal", "forwarded_to")
        .order_by("-recorded_at")
    )


def booking_file_visible_to(user: User, booking: Booking) -> bool:
    """A booking's files: its citizen, and staff who may read the meeting's body."""
    return booking.citizen_id == user.pk or booking.meeting.agency_id in readable_agency_ids(user)
