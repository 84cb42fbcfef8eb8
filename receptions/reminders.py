"""Reminders of a booked reception, RECEPTIONS_REMINDER_HOURS before it, through the outbox;
each booking is reminded once, however often and in how many workers the run goes."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from notifications.services import notification_create, notifications_enqueue_sending
from receptions.booking import mine_url
from receptions.models import Booking, Meeting
from receptions.schedule import MAX_RECEPTION

BATCH = 500


def due_reminders(now: datetime.datetime) -> QuerySet[Booking]:
    """Active bookings not yet reminded whose slot starts within the period. The meetings'
    start bounds the scan (meeting_starts_idx): a reception lasts at most MAX_RECEPTION;
    their bookings come by booking_meeting_idx."""
    until = now + datetime.timedelta(hours=settings.RECEPTIONS_REMINDER_HOURS)
    return Booking.objects.filter(
        meeting__starts_at__gt=now - MAX_RECEPTION,
        meeting__starts_at__lte=until,
        meeting__status=Meeting.Status.PLANNED,
        status=Booking.Status.ACTIVE,
        reminded_at__isnull=True,
        slot__starts_at__gt=now,
        slot__starts_at__lte=until,
    )


def _remind_batch(now: datetime.datetime) -> int:
    """One batch, claimed with SKIP LOCKED so parallel runs take different bookings."""
    with transaction.atomic():
        batch = list(
            due_reminders(now)
            .select_related("slot", "meeting", "meeting__agency", "citizen")
            .select_for_update(skip_locked=True, of=("self",))
            .order_by("pk")[:BATCH]
        )
        for booking in batch:
            notification_create(
                recipient=booking.citizen, kind="receptions.reminder",
                template="notifications/receptions_reminder.txt",
                context={"booking": booking, "meeting": booking.meeting, "slot": booking.slot,
                         "mine_url": mine_url()},
                about=booking, dedupe_key=f"reception-reminder:{booking.pk}",
            )  # fmt: skip
        Booking.objects.filter(pk__in=[b.pk for b in batch]).update(reminded_at=now)
        if batch:
            notifications_enqueue_sending()
    return len(batch)


def reminders_send(now: datetime.datetime | None = None) -> int:
    """Reminds every booking that is due; returns how many were reminded."""
    now = now or timezone.now()
    sent = 0
    while True:
        count = _remind_batch(now)
        sent += count
        if count < BATCH:
            return sent
