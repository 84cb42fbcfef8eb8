"""`manage.py publish_meeting_figures [--from D --to D]`: the meetings' figures now, as the
scheduled task publishes them, or for a custom span of meeting days (docs/receptions.md)."""

from __future__ import annotations

import datetime
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from receptions.figures import SCHEDULED_PERIODS, figures_recompute
from receptions.models import FigurePeriod


class Command(BaseCommand):
    help = "Check resolved questions against the appeals and publish the meetings' figures."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--from", dest="start", type=datetime.date.fromisoformat)
        parser.add_argument("--to", dest="end", type=datetime.date.fromisoformat)

    def handle(self, *args: Any, start: Any, end: Any, **options: Any) -> None:
        periods: tuple[str, ...] = tuple(SCHEDULED_PERIODS)
        if start or end:
            if not (start and end) or start > end:
                raise CommandError("Give both --from and --to, the first not after the second.")
            periods = (FigurePeriod.CUSTOM,)
        snapshots = figures_recompute(periods=periods, start=start, end=end)
        for snapshot in snapshots:
            self.stdout.write(f"{snapshot}: {snapshot.figures.count()} rows")
        self.stdout.write(self.style.SUCCESS(f"Published {len(snapshots)} snapshots."))
