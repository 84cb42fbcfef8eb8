"""Write notifications to the outbox, inside the transaction of the change they report."""

from __future__ import annotations

import logging
from typing import Any, Protocol

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, models, transaction
from django.template.loader import render_to_string
from django.utils import translation

from notifications.models import Notification
from notifications.tasks import send_pending_notifications

logger = logging.getLogger(__name__)


class Recipient(Protocol):
    """Whoever receives a message: the outbox needs only these of a user."""

    pk: Any
    preferred_language: str

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
) -> Notification | None:
    """Render a message in the recipient's language and put it in the outbox.

    Call inside the transaction of the change it reports. With a `dedupe_key` that was
    used before, nothing is written and None is returned.
    """
    with translation.override(recipient.preferred_language):
        rendered = render_to_string(template, {**context, "recipient": recipient}).strip()
    subject, _, body = rendered.partition("\n")
    notification = Notification(
        recipient_id=recipient.pk,
        kind=kind,
        subject=subject.strip()[:300],
        body=body.strip(),
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


def notifications_enqueue_sending() -> None:
    """Ask a worker to send soon; if the broker is down, the scheduled run will."""

    def enqueue() -> None:
        try:
            send_pending_notifications.delay()
        except Exception:  # the outbox keeps the message; beat's periodic run sends it
            logger.warning("Broker unavailable; notifications wait for the next run.")

    transaction.on_commit(enqueue)
