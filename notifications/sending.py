"""Send the emails pending in the outbox: claimed one by one, so senders may run in parallel
(the SMS: sending_sms.py)."""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import Q
from django.utils import timezone

from notifications.models import NO_EMAIL_DOMAIN, Notification

logger = logging.getLogger(__name__)

CLAIM_SECONDS = 300  # a sender that dies mid-send frees its claim after this
MAX_ATTEMPTS = 10
BATCH_SIZE = 100


def _claim(notification_id: int, now: datetime.datetime) -> bool:
    """Claim one notification for sending; False if another sender has it or sent it."""
    claimed = Notification.objects.filter(
        Q(claimed_until__isnull=True) | Q(claimed_until__lt=now),
        pk=notification_id,
        sent_at__isnull=True,
        by_email=True,
    ).update(claimed_until=now + datetime.timedelta(seconds=CLAIM_SECONDS))
    return claimed == 1


def notifications_send_pending(*, limit: int = BATCH_SIZE) -> int:
    """Send up to `limit` pending emails; returns how many went out. Safe in parallel."""
    now = timezone.now()
    candidates = list(
        Notification.objects.filter(sent_at__isnull=True, by_email=True, attempts__lt=MAX_ATTEMPTS)
        .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=now))
        .order_by("created_at")
        .values_list("pk", flat=True)[:limit]
    )
    sent = 0
    for notification_id in candidates:
        if not _claim(notification_id, now):
            continue
        notification = Notification.objects.select_related("recipient").get(pk=notification_id)
        address = notification.recipient.address_for_notices
        if address.endswith(NO_EMAIL_DOMAIN):
            # Pending since before channels were chosen when writing: nobody to mail it to.
            # Not "sent": the inbox, and an SMS when there is a number, carry it.
            Notification.objects.filter(pk=notification_id).update(
                by_email=False, claimed_until=None
            )
            continue
        try:
            send_mail(
                notification.subject,
                notification.body,
                settings.DEFAULT_FROM_EMAIL,
                [address],
            )
        except Exception as error:  # kept for the next run; the error is recorded
            Notification.objects.filter(pk=notification_id).update(
                attempts=notification.attempts + 1,
                last_error=str(error)[:500],
                claimed_until=None,
            )
            logger.warning("Sending notification %s failed: %s", notification_id, error)
            continue
        Notification.objects.filter(pk=notification_id).update(
            sent_at=timezone.now(), attempts=notification.attempts + 1, claimed_until=None
        )
        sent += 1
    return sent
