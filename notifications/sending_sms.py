"""Send the SMS pending in the outbox: claimed one by one as the emails are, and tried again
after a growing pause while the gateway is down (docs/user-guide.md "Notifications")."""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from notifications.models import Notification
from notifications.sms import Sms, SmsFailed, sms_send

logger = logging.getLogger(__name__)

CLAIM_SECONDS = 300  # far longer than a send (sms.TIMEOUT_SECONDS); a dead sender's is freed
MAX_ATTEMPTS = 12  # with the pauses below, about half a day of a gateway down
BATCH_SIZE = 100
SUBJECT_CHARS = 100  # an SMS says what happened and where to read it; the rest is online


def retry_pause(attempts: int) -> datetime.timedelta:
    """How long an SMS waits after its `attempts`-th failure: 1, 2, 4 … minutes, at most two
    hours. The pause is its claim: no sender takes it before."""
    return datetime.timedelta(minutes=min(2 ** (attempts - 1), 120))


def _pending(now: datetime.datetime) -> QuerySet[Notification]:
    return (
        Notification.objects.filter(sms_sent_at__isnull=True, sms_attempts__lt=MAX_ATTEMPTS)
        .exclude(sms_to="")
        .filter(Q(sms_claimed_until__isnull=True) | Q(sms_claimed_until__lt=now))
    )


def sms_text(notification: Notification) -> str:
    """The subject and the link to the notice in the inbox, which leads on to the rest."""
    subject = notification.subject
    if len(subject) > SUBJECT_CHARS:
        subject = subject[: SUBJECT_CHARS - 1].rstrip() + "…"
    link = settings.SITE_URL.rstrip("/") + reverse("inbox:notice", args=[notification.pk])
    return f"{subject} {link}"


def sms_send_pending(*, limit: int = BATCH_SIZE) -> int:
    """Send up to `limit` pending SMS; returns how many the gateway took. Safe in parallel."""
    candidates = list(
        _pending(timezone.now()).order_by("created_at").values_list("pk", flat=True)[:limit]
    )
    return sum(_send_one(notification_id) for notification_id in candidates)


def _send_one(notification_id: int) -> int:
    """1 if this sender sent it; 0 if it failed (kept for later) or another sender has it."""
    now = timezone.now()
    claimed = (
        _pending(now)
        .filter(pk=notification_id)
        .update(sms_claimed_until=now + datetime.timedelta(seconds=CLAIM_SECONDS))
    )
    if claimed != 1:
        return 0
    notification = Notification.objects.only("subject", "sms_to", "sms_attempts").get(
        pk=notification_id
    )
    attempts = notification.sms_attempts + 1
    # The id is the gateway's idempotency key: sent again after a lost answer, it is one SMS.
    message = Sms(to=notification.sms_to, text=sms_text(notification), id=str(notification_id))
    try:
        sms_send(message)
    except SmsFailed as error:
        Notification.objects.filter(pk=notification_id).update(
            sms_attempts=attempts,
            sms_last_error=str(error)[:500],
            sms_claimed_until=timezone.now() + retry_pause(attempts),
        )
        logger.warning("Sending the SMS of notification %s failed: %s", notification_id, error)
        return 0
    Notification.objects.filter(pk=notification_id).update(
        sms_sent_at=timezone.now(), sms_attempts=attempts, sms_claimed_until=None
    )
    return 1
