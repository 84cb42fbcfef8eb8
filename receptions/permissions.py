"""Who may do what with meetings: the body's officials, heads and registrars announce them
and record their questions; its other staff and the controllers above it read them; front
offices book for walk-ins. Citizens see their own bookings and questions only."""

from __future__ import annotations

from accounts.models import Membership, Visitor
from accounts.selectors import staff_memberships
from appeals.selectors import is_front_office, visible_agency_ids

# The roles that announce a body's meetings and record what was raised at them.
MANAGING_ROLES = (Membership.Role.OFFICIAL, Membership.Role.HEAD, Membership.Role.REGISTRAR)


def managed_agency_ids(user: Visitor) -> set[int]:
    """Bodies whose meetings this staff member announces and records."""
    return {m.agency_id for m in staff_memberships(user) if m.role in MANAGING_ROLES}


def readable_agency_ids(user: Visitor) -> set[int]:
    """Bodies whose meetings, bookings and questions this staff member may read."""
    return visible_agency_ids(user)


def may_book_for_walk_ins(user: Visitor) -> bool:
    return is_front_office(user)
