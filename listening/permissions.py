"""Who may do what with problem clusters: staff read the clusters of the bodies whose
appeals they read (a controller, those of the bodies below theirs too) and, in a cluster,
only the appeals they may already read; the body's head and executors answer a cluster;
its head and the controllers over it propose a change of rules and track it."""

from __future__ import annotations

from accounts.models import Membership, Visitor
from accounts.selectors import staff_memberships
from appeals.selectors import visible_agency_ids
from appeals.workflow import roles_in
from listening.models import ProblemCluster

Role = Membership.Role
ANSWERING_ROLES = frozenset({Role.HEAD, Role.EXECUTOR})


def readable_agency_ids(user: Visitor) -> set[int]:
    """Bodies whose clusters this staff member reads: those whose appeals he reads."""
    return visible_agency_ids(user)


def may_answer(user: Visitor, cluster: ProblemCluster) -> bool:
    """The head or an executor of the cluster's body (each appeal is still checked)."""
    if not user.is_authenticated or not user.is_active:
        return False
    return bool(roles_in(user, cluster.agency_id) & ANSWERING_ROLES)


def may_track_rules(user: Visitor, cluster: ProblemCluster) -> bool:
    """The body's head, or a controller of it or of a body above it."""
    if not user.is_authenticated or not user.is_active:
        return False
    if Role.HEAD in roles_in(user, cluster.agency_id):
        return True
    controls = any(m.role == Role.CONTROLLER for m in staff_memberships(user))
    return controls and cluster.agency_id in visible_agency_ids(user)
