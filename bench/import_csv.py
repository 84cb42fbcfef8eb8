"""Benchmark: generate a CSV of N past appeals, import it with `manage.py import_appeals`
in a child process, then put the database back as it was (docs/benchmarks.md).

Usage, on the database `make run` uses (or the one DATABASE_URL names):
    .venv/bin/python -m portal.devservices --purpose run -- \
        .venv/bin/python bench/import_csv.py 1000000 [--runs 2] [--tree old=/tmp/old]
Putting back deletes appeals, past their append-only trigger: it needs a superuser.
"""

from __future__ import annotations

import argparse
import csv
import datetime
import os
import random
import statistics
import subprocess
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

from django.db import connection, transaction  # noqa: E402

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


ROOT = Path(__file__).resolve().parent.parent
# What an import writes, by appeal id; the tally tables themselves are written only by a
# refresh, and are checked unchanged.
LOGGED = ("ratings_feedback", "appeals_appealevent", "ratings_tallydelta", "ratings_dirtyappeal")
FINGERPRINTS = {
    "appeals": "SELECT count(*), coalesce(max(id), 0) FROM appeals_appeal",
    **{table: f"SELECT count(*), 0 FROM {table}" for table in LOGGED},  # noqa: S608
    "unit tallies": "SELECT count(*), coalesce(sum(received + answered + rated), 0)"
    " FROM ratings_unittally",
    "map tallies": "SELECT count(*), coalesce(sum(received + rated), 0) FROM ratings_maptally",
}


def fingerprint() -> dict[str, tuple[int, int]]:
    with connection.cursor() as cursor:
        found = {}
        for name, sql in FINGERPRINTS.items():
            cursor.execute(sql)
            count, total = cursor.fetchone()
            found[name] = (int(count), int(total))
    return found


def put_back(last_id: int) -> None:
    """Delete the appeals above `last_id` (imported ones only) and what depends on them;
    then VACUUM, as autovacuum would (it is off on the benchmark's server)."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL session_replication_role = replica")  # past appeals/0004
        for table in LOGGED:
            cursor.execute(f"DELETE FROM {table} WHERE appeal_id > %s", [last_id])  # noqa: S608
        cursor.execute("DELETE FROM appeals_appeal WHERE id > %s AND imported", [last_id])
    with connection.cursor() as cursor:
        cursor.execute(f"VACUUM (ANALYZE) appeals_appeal, {', '.join(LOGGED)}")


def timed_import(path: Path, tree: Path) -> tuple[float, int]:
    """Seconds and peak memory (KiB) of `manage.py import_appeals` run from `tree`."""
    started = time.perf_counter()
    child = subprocess.Popen(  # noqa: S603 - our own interpreter and manage.py
        [sys.executable, str(tree / "manage.py"), "import_appeals", str(path)], cwd=tree
    )
    _pid, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - started
    if status != 0:
        raise SystemExit(f"import_appeals from {tree} failed ({status})")
    return seconds, usage.ru_maxrss


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("rows", type=int, nargs="?", default=100_000)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--tree", action="append", default=[], help="label=path")
    args = parser.parse_args()
    trees = {"this": ROOT, **{k: Path(v) for k, v in (t.split("=", 1) for t in args.tree)}}
    times: dict[str, list[float]] = {label: [] for label in trees}
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "appeals.csv"
        started = time.perf_counter()
        generate(path, args.rows)
        print(f"rows={args.rows} generate={time.perf_counter() - started:.1f}s", flush=True)
        for run in range(1, args.runs + 1):
            turns = list(trees.items())
            for label, tree in turns[::-1] if run % 2 else turns:  # alternate who goes first
                before = fingerprint()
                seconds, peak = timed_import(path, tree)
                started = time.perf_counter()
                put_back(before["appeals"][1])
                after = fingerprint()
                if after != before:
                    raise SystemExit(f"Not put back: before {before}, after {after}")
                times[label].append(seconds)
                print(f"run {run} {label}: import={seconds:.1f}s "
                      f"rate={args.rows / seconds:,.0f} rows/s peak={peak / 1024:.0f} MB; "
                      f"put back in {time.perf_counter() - started:.1f}s", flush=True)  # fmt: skip
    for label, found in times.items():
        median = statistics.median(found)
        print(f"{label}: median import {median:.1f}s ({args.rows / median:,.0f} rows/s) "
              f"of {len(found)} runs")  # fmt: skip


if __name__ == "__main__":
    main()
