from __future__ import annotations

from celery import shared_task

from portal import health


@shared_task(name="portal.tasks.heartbeat")
def heartbeat() -> None:
    """Proves beat schedules and a worker runs: /healthz reads the time it leaves."""
    health.record_heartbeat()
