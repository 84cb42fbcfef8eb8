"""Benchmark: the clustering job (listening/clustering.py) on a big database of appeals.

Usage (docs/benchmarks.md, "Clustering"):
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/otinish_bench_10000000 \
        .venv/bin/python bench/clustering.py [--appeals 5000] [--rate 50]

Writes new appeals and runs the job inside one transaction that is rolled back; prints
appeals/s clustered and the process's peak RSS.
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import resource
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
# Run as a script, this folder comes first on the path, and its http.py would shadow the
# standard library's http package that Django imports.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]
TARGET_PER_SECOND = 50
TARGET_RSS_MB = 500
# With --rate, how far behind the arrivals the job may fall and still keep up.
MAX_LAG = 5.0

SAMPLE = """
    SELECT type_id, applicant_id, category_id, region_id, agency_id, subject, text, address,
           language
    FROM appeals_appeal TABLESAMPLE SYSTEM (%s) REPEATABLE (7)
    WHERE NOT imported AND complaint_of_id IS NULL LIMIT %s
"""
WORDS = ("срочно", "прошу", "опять", "уже", "помогите", "жители", "снова", "очень")


class Rollback(Exception):
    """Leaves the bench's transaction: nothing it wrote stays."""


def _setup() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.development")
    import django

    django.setup()


def _sample(count: int) -> list[tuple[Any, ...]]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE relname = 'appeals_appeal'")
        rows = max(float((cursor.fetchone() or [1])[0]), 1.0)
        percent = min(100.0, 100.0 * count * 3 / rows)
        cursor.execute(SAMPLE, [percent, count])
        return list(cursor.fetchall())


def _reworded(text: str, rng: random.Random) -> str:
    words = text.split()
    for _ in range(max(1, len(words) // 8)):
        words.insert(rng.randrange(len(words) + 1), rng.choice(WORDS))
    return " ".join(words)


def new_appeals(count: int, serial: int, rng: random.Random, pool: list[tuple[Any, ...]]) -> list:
    """`count` unsaved appeals received a minute ago (past the job's settling delay)."""
    from appeals.models import Appeal

    now = datetime.datetime.now(datetime.UTC) - datetime.timedelta(minutes=1)
    made: list[Appeal] = []
    for n in range(count):
        source = rng.choice(pool)
        kind, _, category, region, agency, subject, text, address, language = source
        if made and rng.random() < 0.2:  # a second person about the same problem
            twin = rng.choice(made)
            category, region, agency = twin.category_id, twin.region_id, twin.agency_id
            subject, text, address = twin.subject, _reworded(twin.text, rng), twin.address
        made.append(Appeal(
            reference=f"BCL-{serial + n:010d}", type_id=kind,
            applicant_id=rng.choice(pool)[1], category_id=category, region_id=region,
            agency_id=agency, addressee_id=agency, subject=subject, text=text,
            address=address, language=language, received_at=now,
            due_at=now + datetime.timedelta(days=15),
        ))  # fmt: skip
    return made


def background(per_day: int, days: int, rng: random.Random, pool: list[tuple[Any, ...]]) -> None:
    """Appeals received over the last `days` at `per_day`, before the watermark: a small
    database made as dense as a big one where the job looks for candidates."""
    from appeals.models import Appeal

    now = datetime.datetime.now(datetime.UTC)
    # In chunks, oldest first as they would have arrived: the process's peak RSS stays the
    # job's, and the window's rows lie in the table as a real stream leaves them.
    for chunk in range(days * 10):
        made = new_appeals(per_day // 10, 10**9 + chunk * per_day, rng, pool)
        for made_appeal in made:
            back = days - (chunk + rng.random()) / 10
            made_appeal.received_at = now - datetime.timedelta(days=back)
        Appeal.objects.bulk_create(made, batch_size=1000)


def run(appeals: int, rate: int, batch: int, per_day: int) -> dict[str, Any]:
    from django.db import transaction

    from appeals.models import Appeal
    from listening.clustering import clustering_catch_up
    from listening.models import ClusteringState, ClusterMember

    rng = random.Random(7)
    report: dict[str, Any] = {}
    try:
        with transaction.atomic():
            pool = _sample(min(appeals, 20_000))
            if per_day:
                background(per_day, 8, rng, pool)
            last = Appeal.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
            ClusteringState.objects.update_or_create(pk=1, defaults={"last_appeal_id": last})
            step = rate or appeals
            busy, seconds, done = 0.0, [], 0
            while done < appeals:
                chunk = min(step, appeals - done)
                Appeal.objects.bulk_create(new_appeals(chunk, done, rng, pool), batch_size=1000)
                started = time.perf_counter()
                clustering_catch_up(budget=3600, batch=batch)
                seconds.append(time.perf_counter() - started)
                busy += seconds[-1]
                done += chunk
            # Each step is one second of arrivals: the job falls behind by what it needs over.
            lag = worst_lag = 0.0
            for needed in seconds:
                lag = max(0.0, lag + needed - 1.0)
                worst_lag = max(worst_lag, lag)
            report = {
                "appeals": appeals, "seconds": busy, "per_second": appeals / busy,
                "worst_step": max(seconds), "steps": len(seconds), "worst_lag": worst_lag,
                "clustered": ClusterMember.objects.filter(appeal_id__gt=last).count(),
            }  # fmt: skip
            raise Rollback
    except Rollback:
        pass
    report["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("--appeals", type=int, default=5_000, help="new appeals to cluster")
    parser.add_argument("--rate", type=int, default=0, help="appeals a second; 0: all at once")
    parser.add_argument("--batch", type=int, default=500, help="appeals per job batch")
    parser.add_argument(
        "--per-day", type=int, default=0, help="appeals a day added over the last 8 days first"
    )
    args = parser.parse_args(argv)
    _setup()
    report = run(args.appeals, args.rate, args.batch, args.per_day)
    keeps_up = report["per_second"] >= TARGET_PER_SECOND and (
        not args.rate or report["worst_lag"] <= MAX_LAG
    )
    print(
        f"clustering: {report['appeals']} appeals in {report['seconds']:.1f} s, "
        f"{report['per_second']:.0f} appeals/s (target ≥ {TARGET_PER_SECOND}: "
        f"{'met' if keeps_up else 'MISSED'}), {report['clustered']} put in clusters; "
        f"slowest step {report['worst_step']:.2f} s of {report['steps']}, "
        f"most behind {report['worst_lag']:.1f} s"
    )
    rss = report["peak_rss_mb"]
    print(f"clustering: peak RSS {rss:.0f} MB (target ≤ {TARGET_RSS_MB} MB: "
          f"{'met' if rss <= TARGET_RSS_MB else 'MISSED'})")  # fmt: skip
    return 0 if keeps_up and rss <= TARGET_RSS_MB else 1


if __name__ == "__main__":
    sys.exit(main())
