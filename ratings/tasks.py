from __future__ import annotations

from celery import shared_task

from ratings.snapshots import rankings_recompute


@shared_task(name="ratings.tasks.recompute_rankings")
def recompute_rankings() -> int:
    """Brings the tallies up to date and publishes fresh snapshots of every scheduled period.

    Safe to run twice at once: the tallies' lock lets one refresh at a time add the
    changes, and a period being published by another run is left to it.
    """
    return len(rankings_recompute())
