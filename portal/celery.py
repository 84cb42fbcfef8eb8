"""The Celery application: Redis is the broker; the schedule lives in settings."""

from __future__ import annotations

import os
from typing import Any

from celery import Celery
from celery.signals import beat_init

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
