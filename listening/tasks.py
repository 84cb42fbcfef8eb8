"""The clustering job's Celery task, run by beat (CLUSTERING_SECONDS)."""

from __future__ import annotations

from celery import shared_task

from listening.clustering import clustering_catch_up


@shared_task(name="listening.tasks.cluster_appeals")
def cluster_appeals() -> int:
    return clustering_catch_up()
