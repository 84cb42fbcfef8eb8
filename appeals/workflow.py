"""The appeal workflow's single transition table, and who may take each step.

Every change of an appeal goes through a service in `appeals/services.py`, which
asks `check()` here first, on the row it has locked. Views ask `allowed_actions()`
to show exactly the buttons a person may press now.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from accounts.models import Membership, User
from appeals.models import Appeal

Status = Appeal.Status
Role = Membership.Role


class Action(StrEnum):
    REGISTER = "register"
    FORWARD = "forward"
    ASSIGN = "assign"
    ANSWER = "answer"
    EXTEND = "extend"
    TERMINATE = "terminate"
    WITHDRAW = "withdraw"


ACTION_LABELS = {
    Action.REGISTER: gettext_lazy("Register"),
    Action.FORWARD: gettext_lazy("Forward"),
    Action.ASSIGN: gettext_lazy("Assign an executor"),
    Action.ANSWER: pgettext_lazy("workflow action", "Answer"),
    Action.EXTEND: gettext_lazy("Extend the deadline"),
    Action.TERMINATE: gettext_lazy("Leave without consideration"),
    Action.WITHDRAW: gettext_lazy("Withdraw"),
}


@dataclass(frozen=True)
class Transition:
    sources: frozenset[str]
    target: str | None  # None: the status stays
    staff_roles: frozenset[str]  # roles in the responsible agency that may act
    by_applicant: bool = False


OPEN = frozenset(Appeal.OPEN_STATUSES)
TRANSITIONS: dict[Action, Transition] = {
    Action.REGISTER: Transition(
        frozenset({Status.SUBMITTED}), Status.REGISTERED, frozenset({Role.REGISTRAR, Role.HEAD})
    ),
    # Forwarding puts the appeal in the new agency's registration queue.
    Action.FORWARD: Transition(OPEN, Status.SUBMITTED, frozenset({Role.REGISTRAR, Role.HEAD})),
    Action.ASSIGN: Transition(
        frozenset({Status.REGISTERED, Status.IN_PROGRESS}),
        Status.IN_PROGRESS,
        frozenset({Role.HEAD}),
    ),
    Action.ANSWER: Transition(
        frozenset({Status.IN_PROGRESS}), Status.ANSWERED, frozenset({Role.EXECUTOR, Role.HEAD})
    ),
    Action.EXTEND: Transition(
        frozenset({Status.REGISTERED, Status.IN_PROGRESS}), None, frozenset({Role.HEAD})
    ),
    Action.TERMINATE: Transition(OPEN, Status.TERMINATED, frozenset({Role.HEAD})),
    Action.WITHDRAW: Transition(OPEN, Status.WITHDRAWN, frozenset(), by_applicant=True),
}


class ActionRefused(Exception):
    """A person may not take this step now; the message says why, in their language.

    `forbidden` tells a refusal of the person (their role) from one of the moment (the
    appeal's state): the API answers 403 for the first and 409 for the second.
    """

    def __init__(self, message: str, *, forbidden: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.forbidden = forbidden


def roles_in(user: User, agency_id: int) -> frozenset[str]:
    """The active roles `user` holds in one agency (cached on the user for the request)."""
    cache: dict[int, frozenset[str]] = user.__dict__.setdefault("_roles_by_agency", {})
    if agency_id not in cache:
        cache[agency_id] = frozenset(
            Membership.objects.filter(user=user, agency_id=agency_id, is_active=True).values_list(
                "role", flat=True
            )
        )
    return cache[agency_id]


def refusal(user: User, action: Action, appeal: Appeal) -> str | None:
    """Why `user` may not take `action` on `appeal` now, or None when they may."""
    transition = TRANSITIONS[action]
    if not user.is_authenticated or not user.is_active:
        return _("Please log in.")
    if transition.by_applicant:
        if appeal.applicant_id != user.pk:
            return _("Only the applicant may do this.")
    elif not roles_in(user, appeal.agency_id) & transition.staff_roles:
        return _("Your role in this agency does not allow this action.")
    if appeal.status not in transition.sources:
        return _("This appeal is now “%(status)s”: the action is no longer possible.") % {
            "status": appeal.get_status_display()
        }
    is_head = Role.HEAD in roles_in(user, appeal.agency_id)
    if action == Action.ANSWER and not is_head and appeal.executor_id != user.pk:
        return _("Only the assigned executor or the head may answer.")
    if action == Action.EXTEND and appeal.original_due_at is not None:
        return _("The deadline has already been extended once.")
    return None


def may_ever(user: User, action: Action, appeal: Appeal) -> bool:
    """Whether this person's relation to the appeal allows the action at all."""
    transition = TRANSITIONS[action]
    if not user.is_authenticated or not user.is_active:
        return False
    if transition.by_applicant:
        return appeal.applicant_id == user.pk
    return bool(roles_in(user, appeal.agency_id) & transition.staff_roles)


def check(user: User, action: Action, appeal: Appeal) -> None:
    reason = refusal(user, action, appeal)
    if reason is not None:
        raise ActionRefused(reason, forbidden=not may_ever(user, action, appeal))


def allowed_actions(user: User, appeal: Appeal) -> list[Action]:
    return [action for action in Action if refusal(user, action, appeal) is None]
