from __future__ import annotations

from celery import shared_task

from appeals.deadlines import deadline_watch_run
from appeals.letters.tasks import issue_letter  # registered where workers look
from appeals.linking import link_appeal
from appeals.topics.proposing import announce
from appeals.topics.training import train_topic_model as train


@shared_task(name="appeals.tasks.deadline_digest")
def deadline_digest() -> int:
    return deadline_watch_run()


@shared_task(name="appeals.tasks.train_topic_model")
def train_topic_model() -> int:
    trained = train()
    announce(trained.pk)
    return trained.pk


__all__ = ["deadline_digest", "issue_letter", "link_appeal", "train_topic_model"]
