from __future__ import annotations

from celery import shared_task

from notifications.sending import notifications_send_pending


@shared_task(name="notifications.tasks.send_pending_notifications")
def send_pending_notifications() -> int:
    """Sends the outbox. Enqueued after each write and run by beat as a safety net."""
    return notifications_send_pending()
