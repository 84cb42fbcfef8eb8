"""The authorised body's moderators accept a petition, which publishes it by its link, or
refuse it with the ground and reasons (docs/petitions.md, "Moderation")."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core.refusals import ActionRefused
from petitions.filing import addressee_level
from petitions.levels import collection_end, threshold_for
from petitions.models import TALLY_SHARDS, ExcludedSubject, Petition, PetitionFlag, SignatureTally
from petitions.notices import tell_author
from petitions.permissions import is_moderator


def _submitted(moderator: User, petition_id: int) -> Petition:
    if not is_moderator(moderator):
        raise ActionRefused(_("Only a moderator of petitions may do this."), forbidden=True)
    petition = Petition.objects.select_for_update().filter(pk=petition_id).first()
    if petition is None:
        raise ActionRefused(_("There is no such petition."))
    if petition.status != Petition.Status.SUBMITTED:
        raise ActionRefused(_("This petition has already been moderated."))
    return petition


@transaction.atomic
def petition_accept(*, moderator: User, petition_id: int) -> Petition:
    """Publishes the petition by its link and opens the collection, its goal fixed now."""
    petition = _submitted(moderator, petition_id)
    addressee_level(petition.addressee)  # an addressee abolished meanwhile: refuse instead
    now = timezone.now()
    petition.status = Petition.Status.COLLECTING
    petition.moderator, petition.moderated_at, petition.published_at = moderator, now, now
    petition.threshold = threshold_for(petition.addressee, petition.level)
    petition.collection_ends_at = collection_end(now, petition.level)
    petition.save()
    SignatureTally.objects.bulk_create(
        SignatureTally(petition=petition, shard=shard) for shard in range(TALLY_SHARDS)
    )
    tell_author(petition, "accepted")
    return petition


@transaction.atomic
def petition_refuse(
    *,
    moderator: User,
    petition_id: int,
    ground: str,
    reason: str,
    excluded_subject: ExcludedSubject | None = None,
) -> Petition:
    """Refuses the petition: the ground, and which excluded subject when that is the ground."""
    petition = _submitted(moderator, petition_id)
    if ground not in Petition.RefusalGround.values:
        raise ActionRefused(_("Choose the ground of the refusal."))
    if (ground == Petition.RefusalGround.EXCLUDED_SUBJECT) != (excluded_subject is not None):
        raise ActionRefused(_("Name the excluded subject only when it is the ground."))
    if not reason.strip():
        raise ActionRefused(_("Write the reasons of the refusal."))
    petition.status = Petition.Status.REFUSED
    petition.moderator, petition.moderated_at = moderator, timezone.now()
    petition.refusal_ground, petition.excluded_subject = ground, excluded_subject
    petition.refusal_reason = reason.strip()[:5000]
    petition.save()
    tell_author(petition, "refused")
    return petition


@transaction.atomic
def flag_review(*, moderator: User, flag_id: int, note: str = "") -> PetitionFlag:
    """Marks a burst's flag looked at, with what the moderator found."""
    if not is_moderator(moderator):
        raise ActionRefused(_("Only a moderator of petitions may do this."), forbidden=True)
    flag = PetitionFlag.objects.select_for_update().filter(pk=flag_id).first()
    if flag is None:
        raise ActionRefused(_("There is no such flag."))
    if flag.reviewed_at is not None:
        raise ActionRefused(_("This flag has already been reviewed."))
    flag.reviewed_by, flag.reviewed_at = moderator, timezone.now()
    flag.review_note = note.strip()[:500]
    flag.save(update_fields=["reviewed_by", "reviewed_at", "review_note"])
    return flag
