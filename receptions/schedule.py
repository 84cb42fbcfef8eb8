"""Schedules: a body announces a reception or meeting (with its slots when citizens book),
and records whether it was held (docs/receptions.md, "Schedules and the public calendar")."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Membership, User
from agencies.models import Agency, Region
from core.refusals import ActionRefused
from notifications.services import notification_create, notifications_enqueue_sending
from receptions.models import Booking, Meeting, Slot
from receptions.permissions import managed_agency_ids

SLOT_MINUTES = (5, 120)
# A day's reception at most: it bounds the slots of one meeting and the reminders' query.
MAX_RECEPTION = datetime.timedelta(hours=12)


def _check_times(kind: str, starts_at: datetime.datetime, ends_at: datetime.datetime) -> None:
    if ends_at <= starts_at:
        raise ActionRefused(_("The end must come after the start."))
    if starts_at <= timezone.now():
        raise ActionRefused(_("A meeting cannot be announced in the past."))
    if kind in Meeting.BOOKED_KINDS and ends_at - starts_at > MAX_RECEPTION:
        raise ActionRefused(_("A reception with booked times lasts at most 12 hours."))


def _check_kind(kind: str, video_link: str, target_group: str, slot_minutes: int | None) -> None:
    if kind not in Meeting.Kind.values:
        raise ActionRefused(_("Choose the kind of meeting from the list."))
    if kind == Meeting.Kind.ONLINE:
        if not video_link:
            raise ActionRefused(_("An online reception needs its video link."))
        try:
            URLValidator(schemes=["https"])(video_link)
        except ValidationError:
            raise ActionRefused(_("The video link must be an https:// address.")) from None
    if kind == Meeting.Kind.TARGET_GROUP and target_group not in Meeting.TargetGroup.values:
        raise ActionRefused(_("Choose the target group of the meeting."))
    if target_group and target_group not in Meeting.TargetGroup.values:
        raise ActionRefused(_("Choose the target group of the meeting."))
    if kind in Meeting.BOOKED_KINDS and (
        slot_minutes is None or not SLOT_MINUTES[0] <= slot_minutes <= SLOT_MINUTES[1]
    ):
        raise ActionRefused(
            _("Give the length of one booked time: from %(least)s to %(most)s minutes.")
            % {"least": SLOT_MINUTES[0], "most": SLOT_MINUTES[1]}
        )


def _check_official(official: User | None, agency: Agency) -> None:
    """The official named by account must work in the body that announces."""
    if (
        official is not None
        and not Membership.objects.filter(user=official, agency=agency, is_active=True).exists()
    ):
        raise ActionRefused(_("The official must be a member of the body's staff."))


def slot_times(
    starts_at: datetime.datetime, ends_at: datetime.datetime, minutes: int
) -> list[datetime.datetime]:
    """Every whole slot of `minutes` that fits between the start and the end."""
    step = datetime.timedelta(minutes=minutes)
    count = int((ends_at - starts_at) / step)
    return [starts_at + step * n for n in range(count)]


def meeting_announce(
    *,
    actor: User,
    agency: Agency,
    kind: str,
    official_name: str,
    region: Region,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    official: User | None = None,
    official_post: str = "",
    locality: str = "",
    place: str = "",
    video_link: str = "",
    target_group: str = "",
    topics: str = "",
    slot_minutes: int | None = None,
) -> Meeting:
    """A reception or meeting on the public calendar; a booked one gets its slots."""
    if agency.pk not in managed_agency_ids(actor):
        raise ActionRefused(_("You may not announce meetings of this body."), forbidden=True)
    if not official_name.strip():
        raise ActionRefused(_("Give the name of the official who holds the meeting."))
    _check_kind(kind, video_link, target_group, slot_minutes)
    _check_times(kind, starts_at, ends_at)
    _check_official(official, agency)
    booked = kind in Meeting.BOOKED_KINDS
    with transaction.atomic():
        meeting = Meeting.objects.create(
            agency=agency, kind=kind, official=official, official_name=official_name.strip(),
            official_post=official_post.strip(), region=region, locality=locality.strip(),
            place=place.strip(), video_link=video_link, target_group=target_group,
            topics=topics.strip(), starts_at=starts_at, ends_at=ends_at,
            slot_minutes=slot_minutes if booked else None, created_by=actor,
        )  # fmt: skip
        if booked and slot_minutes:
            times = slot_times(starts_at, ends_at, slot_minutes)
            Slot.objects.bulk_create(Slot(meeting=meeting, starts_at=at) for at in times)
    return meeting


def _changing(meeting_id: int, actor: User) -> Meeting:
    """The planned meeting, locked against bookings and other changes, if the actor manages
    its body."""
    meeting = Meeting.objects.select_for_update().select_related("agency").get(pk=meeting_id)
    if meeting.agency_id not in managed_agency_ids(actor):
        raise ActionRefused(_("You may not change meetings of this body."), forbidden=True)
    if meeting.status != Meeting.Status.PLANNED:
        raise ActionRefused(_("This meeting is no longer planned: its result is recorded."))
    return meeting


def meeting_held(*, meeting_id: int, actor: User, attendance: int | None = None) -> Meeting:
    """The meeting took place (after its start), with how many people came if known."""
    if attendance is not None and attendance < 0:
        raise ActionRefused(_("The number of people present cannot be negative."))
    with transaction.atomic():
        meeting = _changing(meeting_id, actor)
        now = timezone.now()
        if now < meeting.starts_at:
            raise ActionRefused(_("A meeting can be marked held only after it has started."))
        meeting.status, meeting.status_changed_at = Meeting.Status.HELD, now
        meeting.attendance = attendance
        meeting.save(update_fields=["status", "status_changed_at", "attendance"])
    return meeting


def meeting_not_held(*, meeting_id: int, actor: User, reason: str) -> Meeting:
    """The meeting did not take place: it stays on the calendar with the reason, and every
    citizen booked for it is told."""
    if not reason.strip():
        raise ActionRefused(_("Say why the meeting was not held: it is published."))
    with transaction.atomic():
        meeting = _changing(meeting_id, actor)
        meeting.status, meeting.status_changed_at = Meeting.Status.NOT_HELD, timezone.now()
        meeting.not_held_reason = reason.strip()
        meeting.save(update_fields=["status", "status_changed_at", "not_held_reason"])
        active = meeting.bookings.filter(status=Booking.Status.ACTIVE)
        for booking in active.select_related("citizen", "slot"):
            notification_create(
                recipient=booking.citizen, kind="receptions.not_held",
                template="notifications/receptions_not_held.txt",
                context={"meeting": meeting, "booking": booking}, about=booking,
                dedupe_key=f"reception-not-held:{booking.pk}",
            )  # fmt: skip
        notifications_enqueue_sending()
    return meeting
