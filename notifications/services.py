"""Write notifications to the outbox, inside the transaction of the change they report,
choosing their channels; and the inbox's reading of them."""

from __future__ import annotations

from typing import Any, Protocol

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, models, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from core.after_commit import task_after_commit
from notifications.models import NO_EMAIL_DOMAIN, Notification
from notifications.sms import sms_number
from notifications.tasks import send_pending_notifications


class Recipient(Protocol):
    """Whoever receives a message: the outbox needs only these of a user."""

    pk: Any
    preferred_language: str
    phone: str
    notify_by_sms: bool

    @property
    def address_for_notices(self) -> str: ...


def notification_create(
    *,
    recipient: Recipient,
    kind: str,
    template: str,
    context: dict[str, object],
    about: models.Model | None = None,
    dedupe_key: str | None = None,
    email_only: bool = False,
) -> Notification | None:
    """Render a message in the recipient's language and put it in the outbox: by email,
    by SMS to those without an email or who chose it, and in the inbox.

    Call inside the transaction of the change it reports. With a `dedupe_key` that was
    used before, nothing is written and None is returned. `email_only`: a secret link
    that proves the mailbox (a password reset), for no other channel.
    """
    with translation.override(recipient.preferred_language):
        rendered = render_to_string(template, {**context, "recipient": recipient}).strip()
    subject, _, body = rendered.partition("\n")
    by_email = not recipient.address_for_notices.endswith(NO_EMAIL_DOMAIN)
    notification = Notification(
        recipient_id=recipient.pk,
        kind=kind,
        subject=subject.strip()[:300],
        body=body.strip(),
        by_email=by_email,
        sms_to="" if email_only else _sms_to(recipient, by_email=by_email),
        in_inbox=not email_only,
        about_type=ContentType.objects.get_for_model(about) if about is not None else None,
        about_id=about.pk if about is not None else None,
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


def _sms_to(recipient: Recipient, *, by_email: bool) -> str:
    """The number an SMS goes to: for those with no email (walk-ins) or who chose SMS."""
    wanted = recipient.notify_by_sms or not by_email
    return sms_number(recipient.phone) if wanted else ""


def notifications_enqueue_sending() -> None:
    """Ask a worker to send soon; if the broker is down, the scheduled run will."""
    task_after_commit(
        send_pending_notifications.name,
        unsent="Broker unavailable; notifications wait for the next run.",
    )


def notification_read(*, notification_id: int, recipient_id: int) -> None:
    """Marks one of the person's notices read (opening it again changes nothing)."""
    Notification.objects.filter(
        pk=notification_id, recipient_id=recipient_id, read_at__isnull=True
    ).update(read_at=timezone.now())


def notifications_read_all(*, recipient_id: int) -> int:
    """Marks every unread notice in the person's inbox read; returns how many."""
    return Notification.objects.filter(
        recipient_id=recipient_id, in_inbox=True, read_at__isnull=True
    ).update(read_at=timezone.now())


def notifications_move(*, from_recipient_id: int, to_recipient_id: int) -> int:
    """A front office's record joins an account: its notices move to that account's inbox."""
    return Notification.objects.filter(recipient_id=from_recipient_id).update(
        recipient_id=to_recipient_id
    )
