"""A change of rules a cluster showed to be needed: proposed by the body's head or a
controller over it, then moved by them to review and to its outcome, adopted or rejected;
each step is kept. The cluster, and each proposal, is locked while it changes."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from agencies.workdays import ALMATY
from core.refusals import ActionRefused
from listening.models import ProblemCluster, RuleChange, RuleChangeStep
from listening.permissions import may_track_rules

Status = RuleChange.Status
# Where each proposal may go from where it is; adopted and rejected are final.
NEXT: dict[str, tuple[str, ...]] = {
    Status.PROPOSED: (Status.IN_REVIEW, Status.ADOPTED, Status.REJECTED),
    Status.IN_REVIEW: (Status.ADOPTED, Status.REJECTED),
    Status.ADOPTED: (),
    Status.REJECTED: (),
}
FINAL = (Status.ADOPTED, Status.REJECTED)


def _tracker(actor: User, cluster: ProblemCluster) -> None:
    if not may_track_rules(actor, cluster):
        raise ActionRefused(
            _("Only the body's head or a controller over it tracks changes of rules."),
            forbidden=True,
        )


def rule_change_propose(*, cluster_id: int, actor: User, proposal: str) -> RuleChange:
    """A proposal for the cluster; an open cluster is then marked for a change of rules
    (an answered one stays answered: its applicants have their answer)."""
    if not proposal.strip():
        raise ActionRefused(_("Describe the change of rules proposed."))
    with transaction.atomic():
        cluster = ProblemCluster.objects.select_for_update().get(pk=cluster_id)
        _tracker(actor, cluster)
        change = RuleChange.objects.create(
            cluster=cluster, proposal=proposal, proposed_by=actor, proposed_at=timezone.now()
        )
        _step(change, actor, change.proposed_at)
        if cluster.status == ProblemCluster.Status.OPEN:
            cluster.status = ProblemCluster.Status.RULE_CHANGE
            cluster.save(update_fields=["status"])
    return change


def decided_moment(day: datetime.date, now: datetime.datetime) -> datetime.datetime:
    """Today's decision at this moment; an earlier day's at its noon in Almaty."""
    if day >= now.astimezone(ALMATY).date():
        return now
    return datetime.datetime.combine(day, datetime.time(12), tzinfo=ALMATY)


def rule_change_move(
    *, change_id: int, actor: User, status: str, outcome: str = "",
    decided_on: datetime.date | None = None,
) -> RuleChange:  # fmt: skip
    """Moves the proposal on; an outcome (its text and day) closes it."""
    with transaction.atomic():
        change = RuleChange.objects.select_for_update().select_related("cluster").get(pk=change_id)
        _tracker(actor, change.cluster)
        if status not in NEXT[change.status]:
            raise ActionRefused(
                _("This proposal is now “%(status)s”: it cannot go there.")
                % {"status": change.get_status_display()}
            )
        now = timezone.now()
        if status in FINAL:
            if not outcome.strip():
                raise ActionRefused(_("Write the outcome: what was decided, and by whom."))
            day = decided_on or now.astimezone(ALMATY).date()
            if (
                day > now.astimezone(ALMATY).date()
                or day < change.proposed_at.astimezone(ALMATY).date()
            ):
                raise ActionRefused(_("The day of the decision is between the proposal and today."))
            change.decided_at = decided_moment(day, now)
        change.status = status
        if outcome.strip():
            change.outcome = outcome
        change.save(update_fields=["status", "outcome", "decided_at"])
        _step(change, actor, now)
    return change


def _step(change: RuleChange, actor: User, at: datetime.datetime) -> None:
    """The history keeps each step as taken: who moved it where, and when."""
    RuleChangeStep.objects.create(change=change, status=change.status, actor=actor, taken_at=at)
