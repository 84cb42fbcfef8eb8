"""The periodic tasks of Celery beat: each runs every so many seconds, set by its variable
of the environment (.env.example)."""

from __future__ import annotations

from typing import Any

import environ


class _Every:
    """A schedule entry: `task` every `variable` seconds (its default when unset)."""

    def __init__(self, env: environ.Env) -> None:
        self.env = env

    def __call__(self, task: str, variable: str, default: int) -> dict[str, Any]:
        return {"task": task, "schedule": self.env.int(variable, default=default)}

    def once(self, task: str, variable: str, default: int) -> dict[str, Any]:
        # A run still queued when the next is due would repeat it: dropped, so runs never pile up.
        entry = self(task, variable, default)
        return entry | {"options": {"expires": entry["schedule"]}}


def beat_schedule(env: environ.Env, *, heartbeat_seconds: int) -> dict[str, dict[str, Any]]:
    """CELERY_BEAT_SCHEDULE, read from the environment."""
    every = _Every(env)
    return {
        "heartbeat": {
            "task": "portal.tasks.heartbeat",
            "schedule": heartbeat_seconds,
            # A heartbeat older than its interval says nothing new: drop it rather than queue it.
            "options": {"expires": heartbeat_seconds},
        },
        # One query asks when PostgreSQL started; after a restart the hot relations are read
        # back (portal/warming.py).
        "warm-database": every.once(
            "portal.tasks.warm_database", "DATABASE_WARM_CHECK_SECONDS", 10
        ),
        **_of_the_apps(every),
    }


def _of_the_apps(every: _Every) -> dict[str, dict[str, Any]]:
    return {
        # The outbox is sent right after each write; this run catches what a broker outage held.
        "send-pending-notifications": every(
            "notifications.tasks.send_pending_notifications", "NOTIFICATIONS_SWEEP_SECONDS", 60
        ),
        "recompute-rankings": every.once(
            "ratings.tasks.recompute_rankings", "RANKINGS_RECOMPUTE_SECONDS", 60
        ),
        # Retention is counted in days: pruning at every recompute would only look again.
        "prune-ranking-snapshots": every(
            "ratings.tasks.prune_ranking_snapshots", "RANKINGS_PRUNE_SECONDS", 3600
        ),
        # Expired sessions and API tokens: useless, and read by nothing until deleted.
        "clear-expired": every("accounts.tasks.clear_expired", "EXPIRED_CLEAR_SECONDS", 86400),
        # One digest per head per day; running it more often only catches what became due.
        "deadline-digest": every("appeals.tasks.deadline_digest", "DEADLINE_DIGEST_SECONDS", 3600),
        # The topic the form proposes learns from the latest routing (appeals/topics/).
        "train-topic-model": every.once(
            "appeals.tasks.train_topic_model", "TOPIC_RETRAIN_SECONDS", 86400
        ),
        # The meetings' figures, after the check on "resolved" (receptions/figures.py).
        "publish-reception-figures": every(
            "receptions.tasks.publish_figures", "RECEPTIONS_FIGURES_SECONDS", 600
        ),
        "prune-reception-figures": every(
            "receptions.tasks.prune_figures", "RANKINGS_PRUNE_SECONDS", 3600
        ),
        # Each booking is reminded once; a run every few minutes keeps reminders near their hour.
        "receptions-reminders": every(
            "receptions.tasks.send_reminders", "RECEPTIONS_REMINDERS_SECONDS", 300
        ),
        # Petitions' counts for the lists, missed crossings, ended collections, unfinished
        # answer notices and signature bursts (petitions/upkeep.py).
        "petitions-upkeep": every("petitions.tasks.upkeep", "PETITIONS_UPKEEP_SECONDS", 60),
        # Appeals about one problem grouped as they arrive (listening/clustering.py); a run
        # still queued when the next is due is dropped, the watermark keeps what is left.
        "cluster-appeals": every.once("listening.tasks.cluster_appeals", "CLUSTERING_SECONDS", 10),
    }
