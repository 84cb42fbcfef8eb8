"""The Celery application: Redis is the broker; the schedule lives in settings."""

from __future__ import annotations

import os
from contextvars import Token
from typing import Any

from celery import Celery
from celery.signals import beat_init, task_postrun, task_prerun

from core.db_routing import Scope, begin_scope, end_scope

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.development")

app = Celery("otinish")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@beat_init.connect
def _first_heartbeat(sender: Any = None, **kwargs: Any) -> None:
    # Beat's first scheduled run comes one interval after start; beat now so /healthz
    # is green as soon as the worker is up.
    app.send_task("portal.tasks.heartbeat")
    app.send_task("ratings.tasks.recompute_rankings")  # rankings on the site from the start


_task_scopes: dict[str, Token[Scope | None]] = {}


@task_prerun.connect
def _read_the_primary(task_id: str = "", **kwargs: Any) -> None:
    # A task reads the primary, even one run eagerly inside a request that reads a replica.
    _task_scopes[task_id] = begin_scope()


@task_postrun.connect
def _end_task_scope(task_id: str = "", **kwargs: Any) -> None:
    token = _task_scopes.pop(task_id, None)
    if token is not None:
        end_scope(token)
