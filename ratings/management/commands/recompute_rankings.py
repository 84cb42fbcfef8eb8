from __future__ import annotations

import datetime
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from ratings.models import Period
from ratings.snapshots import SCHEDULED_PERIODS, rankings_recompute
from ratings.tallies.refresh import tallies_refresh


class Command(BaseCommand):
    help = "Compute and publish ranking snapshots (what the scheduled task does), now."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--period", choices=Period.values, help="one period (default: all)")
        parser.add_argument("--from", dest="start", type=datetime.date.fromisoformat)
        parser.add_argument("--to", dest="end", type=datetime.date.fromisoformat)
        parser.add_argument(
            "--rebuild", action="store_true", help="rebuild the tallies from every appeal first"
        )

    def handle(
        self, *args: Any, period: str | None, start: Any, end: Any, rebuild: bool, **options: Any
    ) -> None:
        if start or end:
            if not (start and end) or start > end:
                raise CommandError("Give both --from and --to, the first not after the second.")
            period = Period.CUSTOM
        periods = (period,) if period else SCHEDULED_PERIODS
        if rebuild:
            refresh = tallies_refresh(rebuild=True)
            self.stdout.write(f"Tallies rebuilt from {refresh.appeals} appeals.")
        snapshots = rankings_recompute(periods=periods, start=start, end=end)
        for snapshot in snapshots:
            self.stdout.write(f"{snapshot}: {snapshot.rows.count()} rows")
        self.stdout.write(self.style.SUCCESS(f"Published {len(snapshots)} snapshots."))
