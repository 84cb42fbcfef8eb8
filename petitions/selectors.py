"""Reads of petitions shared by the pages, the API, the feeds and the exports. Nothing here
returns a signer's name beyond the short one, nor an author's."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from petitions.models import Petition, Signature
from petitions.signing import signature_count

RECENT_SIGNERS = 20


def public_petitions() -> QuerySet[Petition]:
    """Those anyone may reach by link: published, whatever came after."""
    return Petition.objects.filter(status__in=Petition.PUBLISHED)


def listed_petitions() -> QuerySet[Petition]:
    """Those in the public lists, feeds and open data: past the first threshold."""
    return public_petitions().filter(listed_at__isnull=False)


def recent_signers(petition_id: int, limit: int = RECENT_SIGNERS) -> list[str]:
    """The latest signers' short names, newest first."""
    return list(
        Signature.objects.filter(petition_id=petition_id, withdrawn_at__isnull=True)
        .order_by("-id")
        .values_list("short_name", flat=True)[:limit]
    )


def active_signature(petition_id: int, user_id: int) -> Signature | None:
    return Signature.objects.filter(
        petition_id=petition_id, signer_id=user_id, withdrawn_at__isnull=True
    ).first()


@dataclass(frozen=True)
class Progress:
    count: int
    threshold: int

    @property
    def percent(self) -> int:
        """Toward the addressee's threshold, 0–100 (a bar never runs past its end)."""
        return min(100, self.count * 100 // self.threshold) if self.threshold else 0


def progress(petition: Petition) -> Progress:
    return Progress(signature_count(petition.pk), petition.threshold or 0)


@dataclass(frozen=True)
class Step:
    label: str
    at: datetime.datetime


def timeline(petition: Petition) -> list[Step]:
    """The public steps of a published petition, oldest first."""
    steps = [
        (_("Filed"), petition.submitted_at),
        (_("Published by link after moderation"), petition.published_at),
        (_("Listed: the first signatures gathered"), petition.listed_at),
        (_("Threshold reached: sent to the addressee"), petition.reached_at),
        (_("Collection closed"), petition.closed_at),
        (_("Answered"), petition.answered_at),
    ]
    return sorted((Step(str(label), at) for label, at in steps if at), key=lambda s: s.at)
