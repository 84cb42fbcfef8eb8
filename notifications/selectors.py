"""The inbox: a person's own notices, and how many are unread."""

from __future__ import annotations

from django.db.models import QuerySet

from notifications.models import Notification


def inbox_of(recipient_id: int) -> QuerySet[Notification]:
    """The person's notices, newest first; never another's (the pages answer 404 then)."""
    return Notification.objects.filter(recipient_id=recipient_id, in_inbox=True).order_by(
        "-created_at", "-pk"
    )


def inbox_unread_count(recipient_id: int) -> int:
    """One COUNT on notification_unread_idx: it holds only the unread notices (the page
    header counts them in portal/context_processors.py, with the same terms)."""
    return Notification.objects.filter(
        recipient_id=recipient_id, in_inbox=True, read_at__isnull=True
    ).count()
