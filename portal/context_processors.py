"""What every page's header shows: the navigation item the page belongs to (marked as
current) and, for a signed-in person, the way to the back-office and the unread count."""

from __future__ import annotations

import functools

from django.db.models import Count, Exists, IntegerField, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from accounts.models import Membership, User
from notifications.selectors import inbox_unread

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


def _staff_and_unread(user_id: int) -> tuple[bool, int]:
    """Whether the person holds an active membership, and how many notices are unread."""
    staff = Membership.objects.filter(user_id=user_id, is_active=True)
    unread = inbox_unread(user_id).order_by().values("recipient_id")
    count = unread.annotate(count=Count("pk")).values("count")
    row = User.objects.filter(pk=user_id).values_list(
        Exists(staff), Coalesce(Subquery(count), Value(0), output_field=IntegerField())
    )
    found = row.first()
    return (bool(found[0]), int(found[1])) if found else (False, 0)
