from __future__ import annotations

from importlib import import_module

from celery import shared_task
from django.conf import settings

from accounts.tokens import api_tokens_clear_expired


@shared_task(name="accounts.tasks.clear_expired")
def clear_expired() -> int:
    """Deletes expired sessions and API tokens (beat, daily): nobody can use them, and
    requests no longer look for them one owner at a time."""
    import_module(settings.SESSION_ENGINE).SessionStore.clear_expired()
    return api_tokens_clear_expired()
