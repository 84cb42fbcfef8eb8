from __future__ import annotations

from celery import shared_task

from notifications.sending import notifications_send_pending
from notifications.sending_sms import sms_send_pending


@shared_task(name="notifications.tasks.send_pending_notifications")
def send_pending_notifications() -> int:
    """Sends the outbox, emails then SMS. Enqueued after each write and run by beat as a
    safety net, which also takes the SMS whose pause after a failure is over."""
    return notifications_send_pending() + sms_send_pending()
