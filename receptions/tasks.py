"""Celery tasks of receptions: thin wrappers around their services."""

from __future__ import annotations

from celery import shared_task
from django.utils import timezone

from receptions.figures import figures_prune, figures_recompute
from receptions.reminders import reminders_send


@shared_task(name="receptions.tasks.send_reminders")
def send_reminders() -> int:
    return reminders_send()


@shared_task(name="receptions.tasks.publish_figures")
def publish_figures() -> int:
    """Checks "resolved" against the appeals, then publishes the figures of each scheduled
    period (figures_recompute); a period another run is publishing is left to it."""
    return len(figures_recompute())


@shared_task(name="receptions.tasks.prune_figures")
def prune_figures() -> int:
    """Thins out old figures' snapshots (figures_prune); returns the rows deleted."""
    return figures_prune(timezone.now())
