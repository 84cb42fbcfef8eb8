"""Whether the header shows the way to the back-office."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from accounts.selectors import is_staff_member


def staff(request: HttpRequest) -> dict[str, object]:
    """Asked only when a page shows it; the memberships are then cached on the user."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"is_staff_member": SimpleLazyObject(lambda: is_staff_member(user))}
