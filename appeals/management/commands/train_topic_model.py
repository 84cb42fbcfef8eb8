from __future__ import annotations

import time
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand

from appeals.topics.proposing import announce
from appeals.topics.training import train_topic_model


class Command(BaseCommand):
    help = (
        "Train the model that proposes an appeal's topic from its text, from the latest "
        "appeals (TOPIC_TRAINING_LIMIT, or --limit), the seed corpus and the categories' names."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--limit", type=int, default=None, help="latest appeals to learn from")

    def handle(self, *args: Any, limit: int | None, **options: Any) -> None:
        started = time.monotonic()
        trained = train_topic_model(limit=limit)
        announce(trained.pk)
        self.stdout.write(
            f"Topic model {trained.pk}: {trained.appeals_used} texts, "
            f"{len(trained.weights) // 1024} KiB, {time.monotonic() - started:.1f} s."
        )
