"""Filing a petition: a citizen whose identity is verified writes to a body, after
confirming its subject is none of those the law excludes (docs/petitions.md, "Filing")."""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from agencies.models import Agency, Category
from agencies.workdays import due_at
from appeals.attachments import CleanFile, as_content_file
from core.ratelimit import rate_take
from core.refusals import ActionRefused
from petitions.levels import level_for, petition_rules, threshold_for
from petitions.models import (
    DEMAND_LIMIT,
    TEXT_LIMIT,
    TITLE_LIMIT,
    Petition,
    PetitionAttachment,
    PetitionLevel,
)

DAY = 24 * 3600


@dataclass(frozen=True)
class Draft:
    """What the citizen wrote, as the form or the API cleaned it."""

    addressee: Agency
    category: Category
    title: str
    text: str
    demand: str
    language: str = "ru"


def verified_citizen(user: User) -> None:
    """Petitions and their signatures need a verified IIN (the law: sign-in with a digital
    signature); an organisation's BIN is not a citizen."""
    if not user.is_authenticated or not user.iin_proven or user.kind != User.Kind.INDIVIDUAL:
        raise ActionRefused(
            _("Only a citizen whose IIN is verified may file or sign a petition."),
            forbidden=True,
        )


def addressee_level(addressee: Agency) -> PetitionLevel:
    """The addressee's level, refused when petitions cannot go to it."""
    if not addressee.is_active:
        raise ActionRefused(_("This body no longer exists: choose the one that took it over."))
    level = level_for(addressee)
    if level is None or threshold_for(addressee, level) is None:
        raise ActionRefused(_("Petitions cannot be addressed to this body."))
    return level


def _check_text(draft: Draft) -> None:
    limits = ((draft.title, TITLE_LIMIT), (draft.text, TEXT_LIMIT), (draft.demand, DEMAND_LIMIT))
    if not all(value.strip() for value, _limit in limits):
        raise ActionRefused(_("Write the title, the text and what the petition asks for."))
    if any(len(value) > limit for value, limit in limits):
        raise ActionRefused(_("The petition is longer than the form allows."))
    if not draft.category.is_active or draft.category.parent_id is None:
        raise ActionRefused(_("Choose a topic from the list."))


def _count_filing(author: User) -> None:
    limit = int(settings.PETITIONS_FILED_PER_DAY)
    if not rate_take(f"petition-file:{author.pk}", amount=1, limit=limit, window=DAY).allowed:
        raise ActionRefused(_("You have filed as many petitions today as one person may."))


def petition_file(
    *, author: User, draft: Draft, files: Sequence[CleanFile], not_excluded: bool
) -> Petition:
    """Files the petition for moderation, due within the rules' working days."""
    verified_citizen(author)
    if not not_excluded:
        raise ActionRefused(_("Confirm that the petition is not about an excluded subject."))
    level = addressee_level(draft.addressee)
    _check_text(draft)
    _count_filing(author)
    now = timezone.now()
    with transaction.atomic():
        petition = Petition.objects.create(
            slug=secrets.token_urlsafe(12), author=author, addressee=draft.addressee,
            level=level, region=draft.addressee.region, category=draft.category,
            title=draft.title.strip(), text=draft.text.strip(), demand=draft.demand.strip(),
            language=draft.language, submitted_at=now,
            admissibility_due=due_at(now, petition_rules().admissibility_working_days),
        )  # fmt: skip
        for clean in files:
            PetitionAttachment.objects.create(
                petition=petition, file=as_content_file(clean), original_name=clean.name,
                content_type=clean.content_type, size=len(clean.content),
            )  # fmt: skip
    return petition
