from __future__ import annotations

from celery import shared_task
from django.utils import timezone

from ratings.snapshots import rankings_recompute, snapshots_prune


@shared_task(name="ratings.tasks.recompute_rankings")
def recompute_rankings() -> int:
    """Brings the tallies up to date and publishes fresh snapshots of every scheduled period,
    unless nothing changed since the last run of the same day.

    Safe to run twice at once: the tallies' lock lets one refresh at a time add the
    changes, and a period being published by another run is left to it.
    """
    return len(rankings_recompute(if_changed=True))


@shared_task(name="ratings.tasks.prune_ranking_snapshots")
def prune_ranking_snapshots() -> int:
    """Thins out old snapshots and drops those past the retention (snapshots_prune);
    returns how many rows went, with their ranking and category rows and problem maps."""
    return snapshots_prune(timezone.now())
