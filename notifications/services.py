"""Write notifications to the outbox, and send what is pending."""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation

from accounts.models import User
from notifications.models import Notification

logger = logging.getLogger(__name__)

CLAIM_SECONDS = 300  # a sender that dies mid-send frees its claim after this
MAX_ATTEMPTS = 10
BATCH_SIZE = 100
NO_EMAIL_DOMAIN = "@otinish.invalid"  # accounts of walk-in citizens who gave no email


def notification_create(
    *,
    recipient: User,
    kind: str,
    template: str,
    context: dict[str, object],
    appeal_id: int | None = None,
    dedupe_key: str | None = None,
) -> Notification | None:
    """Render a message in the recipient's language and put it in the outbox.

    Call inside the transaction of the change it reports. With a `dedupe_key` that was
    used before, nothing is written and None is returned.
    """
    with translation.override(recipient.preferred_language):
        rendered = render_to_string(template, {**context, "recipient": recipient}).strip()
    subject, _, body = rendered.partition("\n")
    notification = Notification(
        recipient=recipient,
        kind=kind,
        subject=subject.strip()[:300],
        body=body.strip(),
        appeal_id=appeal_id,
        dedupe_key=dedupe_key,
    )
    if dedupe_key is None:
        notification.save()
        return notification
    try:
        with transaction.atomic():  # a savepoint: a duplicate must not spoil the caller's work
            notification.save()
    except IntegrityError:
        return None
    return notification


def notifications_enqueue_sending() -> None:
    """Ask a worker to send soon; if the broker is down, the scheduled run will."""
    from notifications.tasks import send_pending_notifications

    def enqueue() -> None:
        try:
            send_pending_notifications.delay()
        except Exception:  # the outbox keeps the message; beat's periodic run sends it
            logger.warning("Broker unavailable; notifications wait for the next run.")

    transaction.on_commit(enqueue)


def _claim(notification_id: int, now: datetime.datetime) -> bool:
    """Claim one notification for sending; False if another sender has it or sent it."""
    claimed = Notification.objects.filter(
        Q(claimed_until__isnull=True) | Q(claimed_until__lt=now),
        pk=notification_id,
        sent_at__isnull=True,
    ).update(claimed_until=now + datetime.timedelta(seconds=CLAIM_SECONDS))
    return claimed == 1


def notifications_send_pending(*, limit: int = BATCH_SIZE) -> int:
    """Send up to `limit` pending emails; returns how many went out. Safe in parallel."""
    now = timezone.now()
    candidates = list(
        Notification.objects.filter(sent_at__isnull=True, attempts__lt=MAX_ATTEMPTS)
        .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=now))
        .order_by("created_at")
        .values_list("pk", flat=True)[:limit]
    )
    sent = 0
    for notification_id in candidates:
        if not _claim(notification_id, now):
            continue
        notification = Notification.objects.select_related("recipient").get(pk=notification_id)
        if notification.recipient.email.endswith(NO_EMAIL_DOMAIN):
            # A walk-in citizen without email: the notice stays on the portal and in the
            # citizen service centre; there is nobody to mail it to.
            Notification.objects.filter(pk=notification_id).update(
                sent_at=timezone.now(), last_error="no email address", claimed_until=None
            )
            continue
        try:
            send_mail(
                notification.subject,
                notification.body,
                settings.DEFAULT_FROM_EMAIL,
                [notification.recipient.email],
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
