from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from notifications.models import Notification
from notifications.sending import notifications_send_pending
from tests.conftest import People, submit_appeal

pytestmark = pytest.mark.django_db


def test_pending_notifications_are_sent_once(people: People) -> None:
    appeal = submit_appeal(people.citizen, people.agency)
    assert notifications_send_pending() == 1
    assert notifications_send_pending() == 0
    (message,) = mail.outbox
    assert message.to == [people.citizen.email]
    assert appeal.reference in message.subject
    assert Notification.objects.get().sent_at is not None


def test_a_claimed_notification_is_left_to_its_sender(people: People) -> None:
    submit_appeal(people.citizen, people.agency)
    Notification.objects.update(claimed_until=timezone.now() + datetime.timedelta(minutes=5))
    assert notifications_send_pending() == 0
    assert mail.outbox == []


def test_a_failed_send_is_kept_and_retried(people: People, settings: object) -> None:
    submit_appeal(people.citizen, people.agency)
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"  # type: ignore[attr-defined]
    settings.EMAIL_PORT = 9  # type: ignore[attr-defined]  # nothing listens there
    assert notifications_send_pending() == 0
    notification = Notification.objects.get()
    assert (notification.sent_at, notification.attempts) == (None, 1)
    assert notification.last_error
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"  # type: ignore[attr-defined]
    assert notifications_send_pending() == 1
    assert len(mail.outbox) == 1
