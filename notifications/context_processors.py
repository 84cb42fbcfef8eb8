"""The unread count in every page's header, for a signed-in person."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from notifications.selectors import inbox_unread_count


def inbox(request: HttpRequest) -> dict[str, object]:
    """Counted only when a page shows it (the admin sites do not): one indexed COUNT."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"inbox_unread": SimpleLazyObject(lambda: inbox_unread_count(user.pk))}
