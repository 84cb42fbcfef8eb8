"""Reads about people shared by the pages above: is this person staff, and where."""

from __future__ import annotations

from accounts.models import Membership, Visitor


def staff_memberships(user: Visitor) -> list[Membership]:
    """The user's active memberships, loaded once per request."""
    if not user.is_authenticated:
        return []
    cached: list[Membership] | None = user.__dict__.get("_active_memberships")
    if cached is None:
        cached = list(Membership.objects.filter(user=user, is_active=True).select_related("agency"))
        user.__dict__["_active_memberships"] = cached
    return cached


def is_staff_member(user: Visitor) -> bool:
    return user.is_active and bool(staff_memberships(user))
