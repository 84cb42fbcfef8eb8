"""The appeal workflow's single transition table: who may take each step, from which status,
to which status, through which service, with what input.

Every change goes through the service its row names (`appeals/services.py`), which asks
`check()` here on the row it has locked. Views ask `allowed_actions()` for the buttons a
person may press now; the back-office form and the API serializer of an action are both
made from its `inputs`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from importlib import import_module
from typing import Any

from django.db.models import QuerySet, TextChoices
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django_stubs_ext import StrOrPromise

from accounts.models import Membership, User, Visitor
from appeals.models import TEXT_LIMIT, Appeal, Question
from appeals.selectors import executors_of, forward_targets, join_candidates, repeat_candidates
from core.refusals import ActionRefused

Status = Appeal.Status
Role = Membership.Role
COMMENT_LIMIT = 2000


class Action(StrEnum):
    REGISTER = "register"
    FORWARD = "forward"
    ASSIGN = "assign"
    ANSWER = "answer"
    DECIDE = "decide"
    EXTEND = "extend"
    TERMINATE = "terminate"
    WITHDRAW = "withdraw"
    HEAR = "hear"
    ASK = "ask"
    JOIN = "join"


class InputKind(StrEnum):
    TEXT = "text"  # a comment or a reason, several lines
    CHOICE = "choice"  # one of `choices`
    AGENCY = "agency"  # another active agency (appeals.selectors.forward_targets)
    EXECUTOR = "executor"  # an executor of the appeal's agency (selectors.executors_of)
    DATE = "date"
    FILES = "files"  # judged by appeals.attachments
    FLAG = "flag"  # yes or no, unticked by default
    # The applicant's earlier answered appeal a repeat points to (selectors.repeat_candidates)
    EARLIER = "earlier"
    # A parallel appeal of the same applicant another body answers (selectors.join_candidates)
    PARALLEL = "parallel"


@dataclass(frozen=True)
class Input:
    """One thing the person acting types or picks, passed to the service under `name`."""

    name: str
    kind: InputKind
    label: StrOrPromise
    required: bool = True
    max_length: int = COMMENT_LIMIT  # of a text
    choices: type[TextChoices] | None = None


@dataclass(frozen=True)
class Transition:
    label: StrOrPromise
    sources: frozenset[str]
    target: str | None  # None: the status stays
    staff_roles: frozenset[str]  # roles in the responsible agency that may act
    service: str  # the function of appeals.services that takes the step
    inputs: tuple[Input, ...] = ()
    by_applicant: bool = False


def _comment(label: StrOrPromise) -> Input:
    return Input("comment", InputKind.TEXT, label, required=False)


OPEN = frozenset(Appeal.OPEN_STATUSES)
REGISTRAR_OR_HEAD = frozenset({Role.REGISTRAR, Role.HEAD})
HEAD = frozenset({Role.HEAD})
REASON = gettext_lazy("Reason")
TRANSITIONS: dict[Action, Transition] = {
    Action.REGISTER: Transition(
        gettext_lazy("Register"), frozenset({Status.SUBMITTED}), Status.REGISTERED,
        REGISTRAR_OR_HEAD, "appeal_register", (_comment(gettext_lazy("Comment")),),
    ),
    # Forwarding puts the appeal in the new agency's registration queue.
    Action.FORWARD: Transition(
        gettext_lazy("Forward"), OPEN, Status.SUBMITTED, REGISTRAR_OR_HEAD, "appeal_forward", (
            Input("to_agency", InputKind.AGENCY, gettext_lazy("To agency")),
            Input("reason", InputKind.TEXT, REASON),
            # Only to send it back to a body it already left: the head's, recorded.
            Input("return_reason", InputKind.TEXT,
                  gettext_lazy("Why it goes back to a body that already had it"), required=False),
        ),
    ),
    Action.ASSIGN: Transition(
        gettext_lazy("Assign an executor"), frozenset({Status.REGISTERED, Status.IN_PROGRESS}),
        Status.IN_PROGRESS, HEAD, "appeal_assign", (
            Input("executor", InputKind.EXECUTOR, gettext_lazy("Executor")),
            Input("instruction", InputKind.TEXT, gettext_lazy("Instruction"), required=False),
        ),
    ),
    Action.ANSWER: Transition(
        pgettext_lazy("workflow action", "Answer"), frozenset({Status.IN_PROGRESS}),
        Status.ANSWERED, frozenset({Role.EXECUTOR, Role.HEAD}), "appeal_answer", (
            Input("kind", InputKind.CHOICE, gettext_lazy("Answer"), choices=Appeal.AnswerKind),
            Input("text", InputKind.TEXT, gettext_lazy("Text of the answer"),
                  max_length=TEXT_LIMIT),
            Input("attachments", InputKind.FILES, gettext_lazy("Files"), required=False),
            # Sends an answer the check warned about (appeals/answer_gate.py), recorded.
            Input("override_warnings", InputKind.FLAG,
                  gettext_lazy("Send anyway — the override is recorded"), required=False),
        ),
    ),
    # A complaint is answered with the higher body's decision (appeals/complaint_decisions.py).
    Action.DECIDE: Transition(
        gettext_lazy("Decide the complaint"), frozenset({Status.IN_PROGRESS}), Status.ANSWERED,
        frozenset({Role.EXECUTOR, Role.HEAD}), "complaint_decide", (
            Input("outcome", InputKind.CHOICE, gettext_lazy("Decision"),
                  choices=Appeal.ComplaintOutcome),
            Input("text", InputKind.TEXT, gettext_lazy("Reasons for the decision"),
                  max_length=TEXT_LIMIT),
            Input("attachments", InputKind.FILES, gettext_lazy("Files"), required=False),
        ),
    ),
    Action.EXTEND: Transition(
        gettext_lazy("Extend the deadline"), frozenset({Status.REGISTERED, Status.IN_PROGRESS}),
        None, HEAD, "appeal_extend", (
            Input("until", InputKind.DATE, gettext_lazy("New deadline")),
            Input("reason", InputKind.TEXT, REASON),
        ),
    ),
    Action.TERMINATE: Transition(
        gettext_lazy("Leave without consideration"), OPEN, Status.TERMINATED, HEAD,
        "appeal_terminate", (
            Input("reason", InputKind.CHOICE, REASON, choices=Appeal.TerminationReason),
            # A repeat is left without consideration only by pointing to the answer it repeats.
            Input("earlier", InputKind.EARLIER,
                  gettext_lazy("For a repeat: the earlier appeal whose answer stands"),
                  required=False),
            _comment(gettext_lazy("Comment")),
        ),
    ),
    Action.WITHDRAW: Transition(
        gettext_lazy("Withdraw"), OPEN, Status.WITHDRAWN, frozenset(), "appeal_withdraw",
        (_comment(gettext_lazy("Why do you withdraw it? (optional)")),), by_applicant=True,
    ),
    # Before a refusal, the citizen is told of it and may object (APPC art. 73).
    Action.HEAR: Transition(
        gettext_lazy("Notify of an intended refusal"), frozenset({Status.IN_PROGRESS}), None,
        frozenset({Role.EXECUTOR, Role.HEAD}), "appeal_hear", (
            Input("intended", InputKind.TEXT,
                  gettext_lazy("The intended refusal, its grounds and legal basis"),
                  max_length=TEXT_LIMIT),
        ),
    ),
    Action.ASK: Transition(
        gettext_lazy("Ask the applicant"), frozenset({Status.REGISTERED, Status.IN_PROGRESS}),
        None, frozenset({Role.EXECUTOR, Role.HEAD}), "appeal_ask", (
            Input("kind", InputKind.CHOICE, gettext_lazy("Ask for"), choices=Question.Kind),
            Input("text", InputKind.TEXT, gettext_lazy("Question")),
        ),
    ),
    # A parallel appeal is answered through the one the competent body answers; its body
    # sees that answer (appeals/joining.py).
    Action.JOIN: Transition(
        gettext_lazy("Join to a parallel appeal"), OPEN, None,
        frozenset({Role.EXECUTOR, Role.HEAD}), "appeal_join", (
            Input("lead", InputKind.PARALLEL, gettext_lazy("The parallel appeal that is answered")),
            _comment(gettext_lazy("Comment")),
        ),
    ),
}  # fmt: skip
ANSWERS = frozenset({Action.ANSWER, Action.DECIDE})
STAFF_ACTIONS = tuple(action for action in Action if not TRANSITIONS[action].by_applicant)


def service_for(action: Action) -> Callable[..., Appeal]:
    """The service that takes `action`: called with appeal_id, actor and the inputs."""
    # Imported by name: the services import this table to check each step.
    services: Any = import_module("appeals.services")
    service: Callable[..., Appeal] = getattr(services, TRANSITIONS[action].service)
    return service


def input_choices(item: Input, appeal: Appeal) -> QuerySet[Any]:
    """What an agency, executor or earlier-appeal input may name for this appeal (the service
    checks too)."""
    if item.kind == InputKind.AGENCY:
        return forward_targets(appeal)
    if item.kind == InputKind.EARLIER:
        return repeat_candidates(appeal)
    if item.kind == InputKind.PARALLEL:
        return join_candidates(appeal)
    return executors_of([appeal.agency_id])


def roles_in(user: User, agency_id: int) -> frozenset[str]:
    """The active roles `user` holds in one agency (cached on the user for the request)."""
    cache: dict[int, frozenset[str]] = user.__dict__.setdefault("_roles_by_agency", {})
    if agency_id not in cache:
        cache[agency_id] = frozenset(
            Membership.objects.filter(
                user_id=user.pk, agency_id=agency_id, is_active=True
            ).values_list("role", flat=True)
        )
    return cache[agency_id]


def refusal(user: Visitor, action: Action, appeal: Appeal) -> str | None:
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
    if action in ANSWERS | {Action.HEAR} and not is_head and appeal.executor_id != user.pk:
        return _("Only the assigned executor or the head may answer.")
    if action == Action.HEAR and appeal.complaint_of_id is not None:
        return _("A complaint is decided without a hearing: the complaint is the applicant's say.")
    if action == Action.ASK and not is_head and appeal.executor_id != user.pk:
        return _("Only the assigned executor or the head may ask the applicant.")
    if action == Action.ANSWER and appeal.complaint_of_id is not None:
        return _("A complaint is decided: upheld, partly upheld or rejected.")
    if action == Action.DECIDE and appeal.complaint_of_id is None:
        return _("Only a complaint is decided; an appeal is answered.")
    if action == Action.EXTEND and appeal.original_due_at is not None:
        return _("The deadline has already been extended once.")
    if action == Action.JOIN:
        return join_refusal(appeal)
    return None


def join_refusal(appeal: Appeal) -> str | None:
    """Why `appeal` cannot be joined to a parallel appeal now (no chains: one lead each)."""
    if appeal.joined_to_id is not None:
        return _("This appeal is already joined to a parallel appeal.")
    if appeal.complaint_of_id is not None:
        return _("A complaint is decided on its own.")
    if Appeal.objects.filter(joined_to=appeal).exists():
        return _("Other appeals are joined to this one: it is the one answered.")
    if not join_candidates(appeal).exists():
        return _("No parallel appeal of the applicant can take this one.")
    return None


def may_ever(user: Visitor, action: Action, appeal: Appeal) -> bool:
    """Whether this person's relation to the appeal allows the action at all."""
    transition = TRANSITIONS[action]
    if not user.is_authenticated or not user.is_active:
        return False
    if transition.by_applicant:
        return appeal.applicant_id == user.pk
    return bool(roles_in(user, appeal.agency_id) & transition.staff_roles)


def check(user: Visitor, action: Action, appeal: Appeal) -> None:
    reason = refusal(user, action, appeal)
    if reason is not None:
        raise ActionRefused(reason, forbidden=not may_ever(user, action, appeal))


def allowed_actions(user: Visitor, appeal: Appeal) -> list[Action]:
    return [action for action in Action if refusal(user, action, appeal) is None]
