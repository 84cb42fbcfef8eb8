"""A cluster answered as a whole: the one answer goes, through the appeal workflow's own
service, to every member appeal its sender may answer now, and each appeal counts on its
own in the rankings; the others are listed with the workflow's reason. The cluster's row
is locked, so a second sending (a replayed form, two heads at once) answers nothing again.

Members not yet in progress are skipped, not registered and assigned on the way: whether
an appeal is admissible and who executes it stay the registrar's and the head's calls."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from appeals.attachments import CleanFile
from appeals.models import Appeal
from appeals.services import appeal_answer
from appeals.workflow import Action, refusal
from core.refusals import ActionRefused
from listening.models import ProblemCluster
from listening.permissions import may_answer
from listening.selectors import visible_members


@dataclass
class ClusterAnswered:
    """What became of each member appeal the sender can see."""

    answered: list[Appeal] = field(default_factory=list)
    skipped: list[tuple[Appeal, str]] = field(default_factory=list)  # with the reason


def _answer_one(
    appeal: Appeal, actor: User, kind: str, text: str, files: Sequence[CleanFile]
) -> str | None:
    """None once answered; else why not (the workflow's or the answer check's words)."""
    reason = refusal(actor, Action.ANSWER, appeal)
    if reason is not None:
        return reason
    try:
        # One answer to many is the point: the check's "near copy" warning is overridden,
        # and the override is recorded on each appeal's route like any other.
        appeal_answer(
            appeal_id=appeal.pk, actor=actor, kind=kind, text=text, attachments=files,
            override_warnings=True,
        )  # fmt: skip
    except ActionRefused as refused:
        return refused.message
    return None


def cluster_answer(
    *, cluster_id: int, actor: User, kind: str, text: str, attachments: Sequence[CleanFile] = ()
) -> ClusterAnswered:
    """Answers the cluster's appeals; the cluster is answered once at least one was."""
    if kind not in Appeal.AnswerKind.values or not text.strip():
        raise ActionRefused(_("Choose the kind of answer and write its text."))
    with transaction.atomic():
        cluster = ProblemCluster.objects.select_for_update().get(pk=cluster_id)
        if not may_answer(actor, cluster):
            raise ActionRefused(
                _("Only the body's head or its executors answer a cluster."), forbidden=True
            )
        if cluster.status == ProblemCluster.Status.ANSWERED:
            raise ActionRefused(_("This cluster has already been answered as a whole."))
        result = ClusterAnswered()
        members = visible_members(actor, cluster).order_by("received_at", "pk")
        for appeal in members:
            reason = _answer_one(appeal, actor, kind, text, attachments)
            if reason is None:
                result.answered.append(appeal)
            else:
                result.skipped.append((appeal, reason))
        if not result.answered:
            return result  # nothing sent: the cluster stays as it was
        cluster.status = ProblemCluster.Status.ANSWERED
        cluster.answered_at, cluster.answered_by, cluster.answer_text = timezone.now(), actor, text
        cluster.save(update_fields=["status", "answered_at", "answered_by", "answer_text"])
    return result
