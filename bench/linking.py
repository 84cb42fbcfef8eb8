"""Benchmark: finding a new appeal's repeats and parallels (appeals/linking.py) for the
applicants who write the most.

Usage, on a database of generated appeals (docs/benchmarks.md, "Repeats and parallels"):
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/otinish_bench_10000000 \
        .venv/bin/python bench/linking.py [--appeals 200] [--sample 2000]

Read only: times the finder's query on the newest appeal of the busiest sampled applicants,
as if it had just arrived — twice, the second pass with a warm cache (p50/p95/max).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
# Run as a script, this folder comes first on the path, and its http.py would shadow the
# standard library's http package that Django imports.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]
TARGET_MS = 50

# Applicants from random pages, each with their count of appeals (appeal_applicant_recv_idx)
# and newest appeal: the busiest first.
BUSIEST = """
    WITH sampled AS (
        SELECT DISTINCT applicant_id FROM appeals_appeal TABLESAMPLE SYSTEM (%(percent)s)
        REPEATABLE (7) WHERE NOT imported LIMIT %(sample)s
    )
    SELECT s.applicant_id, c.appeals, n.id
    FROM sampled s
    CROSS JOIN LATERAL (
        SELECT count(*) AS appeals FROM appeals_appeal a WHERE a.applicant_id = s.applicant_id
    ) c
    CROSS JOIN LATERAL (
        SELECT a.id FROM appeals_appeal a WHERE a.applicant_id = s.applicant_id
        ORDER BY a.received_at DESC LIMIT 1
    ) n
    ORDER BY c.appeals DESC LIMIT %(appeals)s
"""


def _setup() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.development")
    import django

    django.setup()


def busiest(appeals: int, sample: int) -> list[tuple[int, int, int]]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT max(id) FROM appeals_appeal")  # the table's size, at once
        rows = float(cursor.fetchone()[0] or 1)
        percent = min(100.0, max(0.01, 100.0 * sample * 20 / rows))
        cursor.execute(BUSIEST, {"percent": percent, "sample": sample, "appeals": appeals})
        return [(int(a), int(c), int(n)) for a, c, n in cursor.fetchall()]


def timed(appeal_ids: list[int]) -> dict[str, Any]:
    from appeals.linking import similar_earlier
    from bench._timing import spread_ms

    times, linked = [], 0
    for appeal_id in appeal_ids:
        started = time.perf_counter()
        found = similar_earlier(appeal_id)
        times.append(1000 * (time.perf_counter() - started))
        linked += bool(found)
    summary = spread_ms(times)
    return {"runs": len(times), "p50": summary["p50"], "p95": summary["p95"],
            "max": summary["max"], "linked": linked}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("--appeals", type=int, default=200, help="new appeals timed")
    parser.add_argument("--sample", type=int, default=2000, help="applicants sampled")
    parser.add_argument("--report", type=Path, help="also write the figures here as JSON")
    args = parser.parse_args()
    _setup()
    from appeals.linking import CANDIDATES

    chosen = busiest(args.appeals, args.sample)
    counts = [count for _, count, _ in chosen]
    print(f"{len(chosen)} applicants, {min(counts)}–{max(counts)} appeals each "
          f"(median {statistics.median(counts):.0f}); at most {CANDIDATES} compared")  # fmt: skip
    figures: dict[str, Any] = {"applicants": len(chosen), "max_appeals": max(counts), "passes": []}
    for number in (1, 2):
        row = timed([newest for _, _, newest in chosen])
        figures["passes"].append(row)
        verdict = "met" if row["p95"] <= TARGET_MS else "MISSED"
        print(f"pass {number}: p50 {row['p50']:.1f} ms, p95 {row['p95']:.1f} ms, "
              f"max {row['max']:.1f} ms; {row['linked']} linked"
              f"  (p95 ≤ {TARGET_MS} ms: {verdict})")  # fmt: skip
    if args.report:
        args.report.write_text(json.dumps(figures, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
