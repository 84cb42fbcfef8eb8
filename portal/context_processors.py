"""What every page's header shows: the navigation item the page belongs to (marked as
current) and, for a signed-in person, the way to the back-office and the unread count."""

from __future__ import annotations

import functools

from django.db import connection
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from accounts.models import Membership
from notifications.models import Notification

# View name or namespace -> navigation item; the first match wins.
SECTIONS = (
    ("appeals:new", "new"),
    ("appeals", "mine"),
    ("rating", "mine"),
    ("status", "status"),
    ("receptions", "receptions"),
    ("petitions:mine", "petitions_mine"),
    ("petitions", "petitions"),
    ("ratings", "rankings"),
    ("pages:help", "help"),
)


def navigation(request: HttpRequest) -> dict[str, str]:
    match = getattr(request, "resolver_match", None)
    if match is None:
        return {}
    for prefix, section in SECTIONS:
        if match.view_name == prefix or match.namespace == prefix:
            return {"nav_section": section}
    return {}


def signed_in(request: HttpRequest) -> dict[str, object]:
    """Read only when a page shows them (the admin sites do not), both in one statement."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    facts = functools.cache(lambda: _staff_and_unread(user.pk))
    return {
        "is_staff_member": SimpleLazyObject(lambda: user.is_active and facts()[0]),
        "inbox_unread": SimpleLazyObject(lambda: facts()[1]),
    }


# Written out: building it with the ORM's expressions cost more CPU than the two simple
# reads it replaces. The count is notifications.selectors.inbox_unread's, on its index.
_STAFF_AND_UNREAD = f"""
    SELECT EXISTS (SELECT 1 FROM {Membership._meta.db_table} WHERE user_id = %s AND is_active),
           (SELECT count(*) FROM {Notification._meta.db_table}
             WHERE recipient_id = %s AND in_inbox AND read_at IS NULL)
"""  # noqa: S608 - table names from the models, values as parameters


def _staff_and_unread(user_id: int) -> tuple[bool, int]:
    """Whether the person holds an active membership, and how many notices are unread."""
    with connection.cursor() as cursor:
        cursor.execute(_STAFF_AND_UNREAD, [user_id, user_id])
        staff, unread = cursor.fetchone()
    return bool(staff), int(unread)
