from __future__ import annotations

from celery import shared_task

from ratings.snapshots import rankings_recompute


@shared_task(name="ratings.tasks.recompute_rankings")
def recompute_rankings() -> int:
    """Publishes fresh snapshots of every scheduled period; safe to run twice at once."""
    return len(rankings_recompute())
