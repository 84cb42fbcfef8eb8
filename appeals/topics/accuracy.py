"""How often citizens kept the topic proposed from their text: published on the
methodology page, counted in SQL over the appeals with a proposal (appeal_proposed_idx)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Count, F, Q
from django.utils import timezone

from appeals.models import Appeal

DAYS = 90
CACHE_SECONDS = 600  # the page is public; a share over 90 days moves slowly


@dataclass(frozen=True)
class Accuracy:
    proposed: int  # appeals of the last DAYS days with a proposal
    kept: int  # of them, sent under the topic proposed first

    @property
    def share(self) -> float | None:
        return self.kept / self.proposed if self.proposed else None

    @property
    def percent(self) -> float | None:
        return 100 * self.share if self.share is not None else None


def proposal_accuracy(now: datetime.datetime | None = None) -> Accuracy:
    since = (now or timezone.now()) - datetime.timedelta(days=DAYS)
    counted = Appeal.objects.filter(proposed_category__isnull=False, received_at__gte=since)
    sums = counted.aggregate(
        proposed=Count("pk"), kept=Count("pk", filter=Q(category_id=F("proposed_category_id")))
    )
    return Accuracy(sums["proposed"], sums["kept"])


def proposal_accuracy_cached() -> Accuracy:
    found = cache.get("topics:accuracy")
    if isinstance(found, tuple) and len(found) == 2:
        return Accuracy(*found)
    accuracy = proposal_accuracy()
    cache.set("topics:accuracy", (accuracy.proposed, accuracy.kept), CACHE_SECONDS)
    return accuracy
