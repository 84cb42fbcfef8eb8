"""Meetings already held, with booked questions, written straight into the tables: the
recording of questions starts from them (announcing refuses a meeting in the past)."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from accounts.models import Membership, User
from agencies.models import Agency, Category, Region
from appeals.from_meeting import control_latest_due
from receptions.models import Booking, Meeting, Slot
from receptions.outcomes import ControlOrder
from tests.conftest import People
from tests.factories import MembershipFactory

HEATING = "housing-heating"


def meeting_at(agency: Agency, *, status: str = Meeting.Status.HELD, **fields: Any) -> Meeting:
    """A personal reception of the body two days ago (the status given), 15-minute slots."""
    starts = timezone.now().replace(microsecond=0) - datetime.timedelta(days=2)
    values: dict[str, Any] = {
        "agency": agency, "kind": Meeting.Kind.PERSONAL, "status": status,
        "official_name": "Ерлан Аким", "official_post": "Аким",
        "region": agency.region or Region.objects.get(code="KZ-75"),
        "locality": "Алмалинский район",
        "starts_at": starts, "ends_at": starts + datetime.timedelta(hours=1), "slot_minutes": 15,
    }  # fmt: skip
    return Meeting.objects.create(**{**values, **fields})


def booked(meeting: Meeting, citizen: User, question: str = "Нет отопления в доме") -> Booking:
    at = meeting.starts_at + datetime.timedelta(minutes=15 * meeting.slots.count())
    slot = Slot.objects.create(meeting=meeting, starts_at=at)
    return Booking.objects.create(
        slot=slot, meeting=meeting, citizen=citizen,
        category=Category.objects.get(code=HEATING), question=question,
    )  # fmt: skip


def heating() -> Category:
    return Category.objects.get(code=HEATING)


def control_by(executor: User, **fields: Any) -> ControlOrder:
    return ControlOrder(executor=executor, due=control_latest_due(), **fields)


def controller_above(people: People) -> User:
    """A controller of the body above the people's agency (the Government above the akimat)."""
    parent = people.agency.parent
    assert parent is not None
    return MembershipFactory.create(role=Membership.Role.CONTROLLER, agency=parent).user
