"""Benchmark: generate a CSV of N past appeals and import it with `manage.py import_appeals`.

Usage, on the database `make run` uses (or the one DATABASE_URL names):
    .venv/bin/python -m portal.devservices --purpose run -- \
        .venv/bin/python bench/import_csv.py 1000000
Prints the time of generation and of the import, and rows per second.
"""

from __future__ import annotations

import csv
import datetime
import os
import random
import sys
import tempfile
import time
from pathlib import Path

# Run as a script, bench/ would come first on the path and its http.py would hide the
# standard library's http package: the project's root goes in its place.
sys.path[0] = str(Path(__file__).resolve().parent.parent)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.development")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

from agencies.models import Agency, Category  # noqa: E402
from appeals.importing import COLUMNS  # noqa: E402

STATUSES = ["answered"] * 80 + ["terminated"] * 5 + ["withdrawn"] * 5 + ["in_progress"] * 10
TYPES = ["application"] * 50 + ["complaint"] * 20 + ["request", "proposal", "message"] * 10


def generate(path: Path, rows: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    agencies = list(Agency.objects.filter(kind__in=["akimat", "local", "ministry"], is_active=True)
                    .values_list("code", flat=True))  # fmt: skip
    categories = list(Category.objects.filter(parent__isnull=False).values_list("code", flat=True))
    start = datetime.datetime(2016, 1, 1, 9, 0, tzinfo=datetime.UTC)
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(COLUMNS)
        for _ in range(rows):
            received = start + datetime.timedelta(minutes=rng.randrange(10 * 365 * 24 * 60))
            status = rng.choice(STATUSES)
            closed = status in ("answered", "terminated")
            answered = received + datetime.timedelta(days=rng.uniform(1, 30)) if closed else None
            satisfied = rng.choice(["yes", "yes", "no", "", "", ""]) if status == "answered" else ""
            writer.writerow([
                "", rng.choice(TYPES), rng.choice(agencies), rng.choice(categories), "",
                received.isoformat(timespec="seconds"), status,
                answered.isoformat(timespec="seconds") if answered else "", "", satisfied,
                rng.choice(agencies) if rng.random() < 0.05 else "",
            ])  # fmt: skip


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "appeals.csv"
        started = time.perf_counter()
        generate(path, rows)
        generated = time.perf_counter() - started
        started = time.perf_counter()
        call_command("import_appeals", str(path))
        imported = time.perf_counter() - started
    print(f"rows={rows} generate={generated:.1f}s import={imported:.1f}s "
          f"rate={rows / imported:,.0f} rows/s")  # fmt: skip


if __name__ == "__main__":
    main()
