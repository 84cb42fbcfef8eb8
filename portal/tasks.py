from __future__ import annotations

from celery import shared_task

from portal import health, warming


@shared_task(name="portal.tasks.heartbeat")
def heartbeat() -> None:
    """Proves beat schedules and a worker runs: /healthz reads the time it leaves."""
    health.record_heartbeat()


@shared_task(name="portal.tasks.warm_database")
def warm_database() -> None:
    """Once per start of PostgreSQL, its busiest relations read back into memory."""
    warming.warm_if_restarted()
