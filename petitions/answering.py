"""The addressee answers a petition that reached its threshold: accepted, partly or
refused, with the decision taken. The answer is public; every signer is told, in batches
that resume where they stopped (docs/petitions.md, "Answering")."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core.after_commit import task_after_commit
from core.refusals import ActionRefused
from notifications.services import notifications_enqueue_sending
from petitions.models import Petition, Signature
from petitions.notices import tell_author, tell_signer
from petitions.permissions import answering_agency_ids

DECISION_LIMIT = 10_000
BATCH = 500


@transaction.atomic
def petition_answer(*, staff: User, petition_id: int, outcome: str, decision: str) -> Petition:
    """Publishes the answer and closes the collection; the signers are told after commit."""
    petition = Petition.objects.select_for_update().filter(pk=petition_id).first()
    if petition is None or petition.addressee_id not in answering_agency_ids(staff):
        raise ActionRefused(
            _("Only the addressee's staff may answer this petition."), forbidden=True
        )
    if petition.status != Petition.Status.CONSIDERING:
        raise ActionRefused(_("Only a petition under consideration can be answered."))
    if outcome not in Petition.Outcome.values:
        raise ActionRefused(_("Choose the outcome: accepted, partly accepted or refused."))
    if not decision.strip() or len(decision) > DECISION_LIMIT:
        raise ActionRefused(_("Write the decision taken, in at most 10,000 characters."))
    now = timezone.now()
    petition.status, petition.outcome, petition.decision = (
        Petition.Status.ANSWERED, outcome, decision.strip(),
    )  # fmt: skip
    petition.answered_at, petition.answered_by = now, staff
    petition.closed_at = petition.closed_at or now
    petition.save()
    tell_author(petition, "answered")
    # By the task's name: tasks import the services, not the other way round. A broker
    # outage only delays it: the minute's task resumes every answer not yet told.
    task_after_commit(
        "petitions.tasks.notify_signers", petition.pk,
        unsent="Petition %s: signers' notices wait for the minute's task",
    )  # fmt: skip
    return petition


def signers_notify(petition_id: int, *, batch: int = BATCH) -> int:
    """Tells the answer to the signers not yet told, a batch per transaction; returns how
    many were told. A rerun after a crash resumes from `notified_through`."""
    told = 0
    while True:
        with transaction.atomic():
            petition = Petition.objects.select_for_update().get(pk=petition_id)
            if petition.status != Petition.Status.ANSWERED or petition.notified_at is not None:
                return told
            signatures = list(
                Signature.objects.filter(
                    petition_id=petition_id, withdrawn_at__isnull=True,
                    pk__gt=petition.notified_through,
                ).select_related("signer").order_by("pk")[:batch]
            )  # fmt: skip
            for signature in signatures:
                tell_signer(petition, signature.signer, signature.pk)
            if signatures:
                petition.notified_through = signatures[-1].pk
            else:
                petition.notified_at = timezone.now()
            petition.save(update_fields=["notified_through", "notified_at"])
        told += len(signatures)
        notifications_enqueue_sending()
