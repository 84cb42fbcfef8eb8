"""Where the back-office opens for a staff member: the queue their role works from."""

from __future__ import annotations

from django.urls import reverse

from accounts.models import Membership, Visitor
from accounts.selectors import staff_memberships
from appeals.models import Appeal
from appeals.selectors import Queue

Role = Membership.Role
LIST = "backoffice:appeals_appeal_changelist"
# The list's query for each role; a person with several roles opens on the first of theirs
# in this order (the head's and the registrar's queues hold the others' work back).
QUEUE_OF_ROLE: dict[str, str] = {
    Role.HEAD: f"status__exact={Appeal.Status.REGISTERED}",  # registered: to be assigned
    Role.REGISTRAR: f"queue={Queue.REGISTRATION}",  # to register or forward
    Role.EXECUTOR: f"queue={Queue.MINE}",  # assigned to them, not answered
    Role.CONTROLLER: f"queue={Queue.OVERDUE}",  # overdue in the bodies they oversee
}


def landing_url(user: Visitor) -> str:
    """The list filtered to the queue of the user's role; the walk-in form for the front
    office; the petitions to moderate for their moderators; the whole list for anyone else."""
    roles = {membership.role for membership in staff_memberships(user)}
    for role, query in QUEUE_OF_ROLE.items():
        if role in roles:
            return f"{reverse(LIST)}?{query}"
    if Role.FRONT_OFFICE in roles:
        return reverse("backoffice:appeals_appeal_front_office")
    if Role.MODERATOR in roles:  # petitions' moderators hold no appeals
        return reverse("backoffice:petitions_petition_moderation")
    return reverse(LIST)
