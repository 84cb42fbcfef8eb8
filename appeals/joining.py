"""Parallel appeals joined: the applicant wrote to several bodies at once on one matter; the
competent body's appeal (the lead) is answered, the others are joined to it and their bodies
read that answer (docs/workflow.md#repeats-and-parallels)."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from appeals.models import Appeal
from appeals.selectors import join_candidates
from appeals.steps import acting, record
from appeals.workflow import Action
from core.refusals import ActionRefused


def appeal_join(*, appeal_id: int, actor: User, lead: Appeal, comment: str = "") -> Appeal:
    """Joins the appeal to `lead`, a parallel of the same applicant (join_candidates); an
    event on both. Locks the lead too, so that two joins cannot make a chain."""
    with transaction.atomic():
        # Both rows locked in the order of their ids: two joins of one pair in opposite
        # directions then wait for each other instead of deadlocking.
        first = min(appeal_id, lead.pk)
        Appeal.objects.select_for_update().filter(pk=first).values_list("pk").first()
        return _joined(appeal_id, actor, lead, comment)


def _joined(appeal_id: int, actor: User, lead: Appeal, comment: str) -> Appeal:
    with acting(appeal_id, actor, Action.JOIN) as appeal:
        locked = Appeal.objects.select_for_update().get(pk=lead.pk)
        if not join_candidates(appeal).filter(pk=locked.pk).exists():
            raise ActionRefused(
                _("Only a parallel appeal of the same applicant, joined to none, can lead.")
            )
        if Appeal.objects.filter(joined_to=appeal).exists():  # joined to it meanwhile
            raise ActionRefused(_("Other appeals are joined to this one: it is the one answered."))
        appeal.joined_to = locked
        appeal.save(update_fields=["joined_to"])
        record(appeal, "joined", actor, from_status=appeal.status, comment=comment,
               reference=locked.reference)  # fmt: skip
        record(locked, "parallel_joined", actor, from_status=locked.status,
               reference=appeal.reference)  # fmt: skip
    return appeal


def joined_told(lead: Appeal) -> None:
    """The lead is answered: each open appeal joined to it records that, for its body, which
    now reads the answer and closes its own with a reference to it."""
    for joined in Appeal.objects.filter(joined_to=lead, status__in=Appeal.OPEN_STATUSES):
        record(joined, "lead_answered", None, from_status=joined.status,
               reference=lead.reference)  # fmt: skip
