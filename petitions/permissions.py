"""Who may do what with petitions: the authorised body's moderators check them; the
addressee's heads, registrars and executors answer them; its other staff and the
controllers above it read them. A petition's author sees his own before publication."""

from __future__ import annotations

from accounts.models import Membership, Visitor
from accounts.selectors import staff_memberships
from appeals.selectors import visible_agency_ids
from petitions.models import Petition, PetitionRules

ANSWERING_ROLES = (Membership.Role.HEAD, Membership.Role.REGISTRAR, Membership.Role.EXECUTOR)


def is_moderator(user: Visitor) -> bool:
    """A moderator of the authorised body (of any body while the rules name none)."""
    body_id = PetitionRules.objects.values_list("moderating_body_id", flat=True).first()
    return any(
        m.role == Membership.Role.MODERATOR and (body_id is None or m.agency_id == body_id)
        for m in staff_memberships(user)
    )


def answering_agency_ids(user: Visitor) -> set[int]:
    """Bodies whose petitions this staff member answers."""
    return {m.agency_id for m in staff_memberships(user) if m.role in ANSWERING_ROLES}


def readable_agency_ids(user: Visitor) -> set[int]:
    """Bodies whose petitions' back-office pages this staff member may read."""
    return visible_agency_ids(user)


def may_see_unpublished(user: Visitor, petition: Petition) -> bool:
    """A petition not (or never) published: its author and the moderators only."""
    if not user.is_authenticated:
        return False
    return petition.author_id == user.pk or is_moderator(user)
