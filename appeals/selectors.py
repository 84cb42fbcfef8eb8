"""Reads shared by the back-office, the citizen pages, the API and tasks."""

from __future__ import annotations

from django.db.models import QuerySet

from accounts.models import Membership, User
from agencies.models import Agency
from appeals.models import Appeal, AppealEvent

# Ministry → committee → territorial department: the deepest chain a controller oversees.
AGENCY_TREE_DEPTH = 3


def staff_memberships(user: User) -> list[Membership]:
    """The user's active memberships, loaded once per request."""
    if not user.is_authenticated:
        return []
    cached: list[Membership] | None = user.__dict__.get("_active_memberships")
    if cached is None:
        cached = list(Membership.objects.filter(user=user, is_active=True).select_related("agency"))
        user.__dict__["_active_memberships"] = cached
    return cached


def is_staff_member(user: User) -> bool:
    return user.is_active and bool(staff_memberships(user))


def visible_agency_ids(user: User) -> set[int]:
    """Agencies whose appeals this staff member may read.

    Their own agencies; a controller also oversees the bodies below theirs.
    """
    memberships = staff_memberships(user)
    visible = {m.agency_id for m in memberships}
    level = {m.agency_id for m in memberships if m.role == Membership.Role.CONTROLLER}
    for _ in range(AGENCY_TREE_DEPTH):
        if not level:
            break
        level = set(Agency.objects.filter(parent_id__in=level).values_list("pk", flat=True))
        visible |= level
    return visible


def appeals_for_staff(user: User) -> QuerySet[Appeal]:
    return Appeal.objects.filter(agency_id__in=visible_agency_ids(user))


def appeals_of_citizen(user: User) -> QuerySet[Appeal]:
    return Appeal.objects.filter(applicant=user)


def appeal_timeline(appeal: Appeal) -> QuerySet[AppealEvent]:
    return appeal.events.select_related("actor", "from_agency", "to_agency").order_by(
        "created_at", "pk"
    )


def higher_body(agency: Agency) -> Agency:
    """Where a complaint about this agency's answer goes.

    The parent body when there is one; otherwise the agency itself, whose head reviews it
    (APPC: a complaint is filed through the body that decided, which passes it up).
    """
    parent = agency.parent
    return parent if parent is not None and parent.is_active else agency


def attachment_visible_to(user: User, appeal: Appeal) -> bool:
    """The applicant, and staff of the agencies that may see the appeal."""
    if not user.is_authenticated:
        return False
    return appeal.applicant_id == user.pk or appeal.agency_id in visible_agency_ids(user)
