"""Benchmark: the near-copy query of the check against formal replies on one big body.

Usage, on a database of generated appeals (docs/benchmarks.md, "Similarity check"):
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/otinish_sim10m \
        .venv/bin/python bench/similarity.py [--body-answers 800000] [--checks 200]

Tops up the body with the most answers to --body-answers answered appeals, then times the
check on near-copies of its answers and on other answers (p50/p95/max, two passes).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
# Run as a script, this folder comes first on the path, and its http.py would shadow the
# standard library's http package that Django imports.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]
TARGET_MS = 50

BIGGEST = """
    SELECT agency_id, count(*) FROM appeals_appeal
    WHERE status = 'answered' AND answer_text <> '' GROUP BY 1 ORDER BY 2 DESC LIMIT 1
"""
# Answered appeals of other akimats moved to the body (their texts stay their own): a
# bench-only change, without the rankings' triggers.
TOP_UP = """
    SET LOCAL session_replication_role = replica;
    UPDATE appeals_appeal SET agency_id = %(body)s, addressee_id = %(body)s
    WHERE id IN (
        SELECT a.id FROM appeals_appeal a JOIN agencies_agency g ON g.id = a.agency_id
        WHERE a.status = 'answered' AND a.answer_text <> '' AND a.agency_id <> %(body)s
          AND g.kind IN ('akimat', 'local') AND a.complaint_of_id IS NULL
        ORDER BY a.id LIMIT %(missing)s)
"""
# A repeatable sample of the body's answers, from random pages of the table.
SOURCES = """
    SELECT reference, language, answer_kind, answer_text
    FROM appeals_appeal TABLESAMPLE SYSTEM (%(percent)s) REPEATABLE (%(seed)s)
    WHERE agency_id = %(body)s AND status = 'answered' AND answer_text <> ''
    LIMIT %(count)s
"""
PENDING = """
    SELECT id FROM appeals_appeal
    WHERE agency_id = %s AND status IN ('registered', 'in_progress') ORDER BY id DESC LIMIT 1
"""
NAMES = ("Айгерим Омарова", "Ерлан Садыков", "Наталья Ким", "Данияр Искаков", "Гульнара Ли")


@dataclass(frozen=True)
class Sample:
    kind: str  # "copy": a near-copy of `source`'s answer; "other": none
    source: str
    text: str


def _setup() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.development")
    import django

    django.setup()


def body_with_most_answers() -> tuple[int, int]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(BIGGEST)
        agency_id, count = cursor.fetchone()
    return int(agency_id), int(count)


def top_up(body: int, answered: int, target: int) -> int:
    """Moves answered appeals of other akimats to `body` until it has `target`."""
    from django.db import connection, transaction

    missing = max(0, target - answered)
    if missing:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(TOP_UP, {"body": body, "missing": missing})
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE appeals_appeal")
    return missing


def changed(text: str, rng: random.Random) -> str:
    """The answer with half its numbers (dates, sums, houses) and the executor changed."""
    text = re.sub(
        r"\d+",
        lambda m: str(rng.randrange(10 ** len(m.group()))) if rng.random() < 0.5 else m.group(),
        text,
    )
    return re.sub(r"(?<=: )[А-ЯЁA-Z]\w+ [А-ЯЁA-Z]\w+(?=, )", rng.choice(NAMES), text)


def samples(body: int, count: int, seed: int = 2026) -> list[Sample]:
    """`count` near-copies of the body's answers and `count` others, each spliced from two
    of its answers (the first half of one, the second half of the next)."""
    from django.db import connection

    rng = random.Random(seed)
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE relname = 'appeals_appeal'")
        rows_estimate = max(1.0, float(cursor.fetchone()[0]))
        # Enough pages for 20 times the answers needed: the body has some 8 % of the rows.
        percent = min(100.0, 100.0 * count * 3 * 20 / rows_estimate)
        cursor.execute(
            SOURCES, {"percent": percent, "seed": seed, "body": body, "count": count * 3}
        )
        rows = cursor.fetchall()
    rng.shuffle(rows)
    copies = [Sample("copy", ref, changed(text, rng)) for ref, _l, _k, text in rows[:count]]
    others = [
        Sample("other", f"{one[0]}+{two[0]}", changed(one[3][: len(one[3]) // 2]
                                                      + two[3][len(two[3]) // 2 :], rng))
        for one, two in zip(rows[count::2], rows[count + 1 :: 2], strict=False)
    ]  # fmt: skip
    return copies + others[:count]


def pending_appeal(body: int) -> Any:
    from django.db import connection

    from appeals.models import Appeal

    with connection.cursor() as cursor:
        cursor.execute(PENDING, [body])
        row = cursor.fetchone()
    return Appeal.objects.get(pk=row[0]) if row else Appeal.objects.filter(agency_id=body)[0]


def timed_checks(appeal: Any, checks: list[Sample]) -> list[tuple[str, float, bool]]:
    """(kind, milliseconds, whether a near-copy was found) of each check."""
    from appeals.answer_similarity import nearest_answer

    rows = []
    for sample in checks:
        started = time.perf_counter()
        found = nearest_answer(appeal, sample.text)
        rows.append((sample.kind, (time.perf_counter() - started) * 1000, found is not None))
    return rows


def findable(checks: list[Sample]) -> int:
    """How many copies are at least NEAR_COPY_SIMILARITY like their source: what a full scan
    would find at the least, for the recall of the index."""
    from django.conf import settings
    from django.db import connection

    copies = [sample for sample in checks if sample.kind == "copy"]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM appeals_appeal a JOIN unnest(%s::text[], %s::text[]) AS"
            " s(reference, text) ON a.reference = s.reference"
            " WHERE similarity(a.answer_text, s.text) >= %s",
            [[c.source for c in copies], [c.text for c in copies], settings.NEAR_COPY_SIMILARITY],
        )
        return int(cursor.fetchone()[0])


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


def summary(rows: list[tuple[str, float, bool]]) -> dict[str, dict[str, float]]:
    out = {}
    for kind in ("copy", "other", "all"):
        times = [ms for k, ms, _f in rows if kind in (k, "all")]
        found = [f for k, _ms, f in rows if kind in (k, "all")]
        out[kind] = {
            "checks": len(times), "p50": statistics.median(times) if times else 0.0,
            "p95": percentile(times, 0.95), "max": max(times, default=0.0),
            "found": sum(found),
        }  # fmt: skip
    return out


def explain(appeal: Any, text: str) -> str:
    """The plan of one check, for docs/benchmarks.md."""
    from django.conf import settings
    from django.db import connection

    from appeals import answer_similarity as similarity

    params = {
        "text": text, "agency": appeal.agency_id, "appeal": appeal.pk,
        "threshold": settings.NEAR_COPY_SIMILARITY, "per_band": similarity.PER_BAND,
        "candidates": similarity.CANDIDATES,
    }  # fmt: skip
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) " + similarity.NEAREST, params)
        return "\n".join(row[0] for row in cursor.fetchall())


# The designs not chosen (docs/benchmarks.md): trigram indexes of the answers themselves,
# built for the body's rows only, which flatters them (a real one holds every body's).
TRIGRAM_INDEXES = {
    "gin": "CREATE INDEX bench_answer_gin ON appeals_appeal USING gin (answer_text gin_trgm_ops)",
    "gist": "CREATE INDEX bench_answer_gist ON appeals_appeal"
    " USING gist (answer_text gist_trgm_ops(siglen=256))",
}
TRIGRAM_QUERIES = {
    "gin": """SELECT reference, similarity(answer_text, %(text)s) FROM appeals_appeal
        WHERE agency_id = %(body)s AND status = 'answered' AND answer_text <> ''
          AND id <> %(appeal)s AND answer_text %% %(text)s
        ORDER BY 2 DESC LIMIT 1""",
    "gist": """SELECT reference, similarity(answer_text, %(text)s) FROM appeals_appeal
        WHERE agency_id = %(body)s AND status = 'answered' AND answer_text <> ''
          AND id <> %(appeal)s
        ORDER BY answer_text <-> %(text)s LIMIT 1""",
}


def compare_trigram_indexes(appeal: Any, checks: list[Sample], limit_s: int) -> dict[str, Any]:
    """Build time, size and query times of each trigram index, then drop it."""
    from django.conf import settings
    from django.db import DatabaseError, connection

    where = f" WHERE agency_id = {int(appeal.agency_id)} AND status = 'answered'"
    figures: dict[str, Any] = {}
    with connection.cursor() as cursor:
        cursor.execute("SET pg_trgm.similarity_threshold = %s", [settings.NEAR_COPY_SIMILARITY])
        for name, create in TRIGRAM_INDEXES.items():
            started = time.perf_counter()
            cursor.execute(create + where + " AND answer_text <> ''")
            built = time.perf_counter() - started
            cursor.execute("SELECT pg_relation_size(%s)", [f"bench_answer_{name}"])
            size = cursor.fetchone()[0]
            cursor.execute("SET statement_timeout = %s", [f"{limit_s}s"])
            times = []
            for sample in checks:
                params = {"text": sample.text, "body": appeal.agency_id, "appeal": appeal.pk}
                started = time.perf_counter()
                try:
                    cursor.execute(TRIGRAM_QUERIES[name], params)
                    cursor.fetchall()
                    times.append((time.perf_counter() - started) * 1000)
                except DatabaseError:
                    times.append(float(limit_s * 1000))
            cursor.execute("RESET statement_timeout")
            cursor.execute(f"DROP INDEX bench_answer_{name}")
            figures[name] = {
                "build_s": built, "size_mb": size / 2**20, "p50": statistics.median(times),
                "p95": percentile(times, 0.95), "max": max(times), "checks": len(times),
            }  # fmt: skip
    return figures


def measure(body_answers: int, checks: int, passes: int = 2, seed: int = 2026) -> dict[str, Any]:
    """The whole benchmark; returns its figures."""
    from django.db import connection

    body, answered = body_with_most_answers()
    moved = top_up(body, answered, body_answers)
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM appeals_appeal")
        total = cursor.fetchone()[0]
    appeal = pending_appeal(body)
    sample = samples(body, checks, seed)
    runs = [summary(timed_checks(appeal, sample)) for _ in range(passes)]
    return {
        "appeals": total, "body": body, "body_answers": answered + moved, "moved": moved,
        "passes": runs, "findable": findable(sample),
        "plan": explain(appeal, sample[0].text) if sample else "",
    }  # fmt: skip


def table(figures: dict[str, Any]) -> list[str]:
    lines = [
        f"{figures['appeals']:,} appeals; body {figures['body']} has "
        f"{figures['body_answers']:,} answered ({figures['moved']:,} moved in)",
        f"{'pass':<5} {'texts':<6} {'checks':>6} {'p50 ms':>7} {'p95 ms':>7} {'max ms':>7}"
        f" {'near-copy found':>16}",
    ]
    for number, run in enumerate(figures["passes"], 1):
        for kind in ("copy", "other", "all"):
            row = run[kind]
            lines.append(
                f"{number:<5} {kind:<6} {row['checks']:>6} {row['p50']:>7.1f} {row['p95']:>7.1f}"
                f" {row['max']:>7.1f} {row['found']:>16}"
            )
    lines.append(f"copies at least NEAR_COPY_SIMILARITY like their source: {figures['findable']}")
    last = figures["passes"][-1]["all"]["p95"] if figures["passes"] else 0.0
    verdict = "met" if last <= TARGET_MS else "MISSED"
    lines.append(f"target p95 ≤ {TARGET_MS} ms: {verdict}")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("--body-answers", type=int, default=800_000)
    parser.add_argument("--checks", type=int, default=100, help="of each kind: copies, others")
    parser.add_argument("--seed", type=int, default=2026, help="which answers are sampled")
    parser.add_argument("--plan", action="store_true", help="print the plan of one check")
    parser.add_argument(
        "--compare", type=int, default=0, metavar="N",
        help="also time trigram GIN and GiST indexes on N checks of each kind (slow)",
    )  # fmt: skip
    parser.add_argument("--report", type=Path, help="also write the figures here as JSON")
    args = parser.parse_args()
    _setup()
    figures = measure(args.body_answers, args.checks, seed=args.seed)
    print("\n".join(table(figures)))
    if args.compare:
        body = figures["body"]
        chosen = samples(body, args.compare, seed=7)
        figures["trigram"] = compare_trigram_indexes(pending_appeal(body), chosen, 60)
        for name, row in figures["trigram"].items():
            print(
                f"trigram {name}: built in {row['build_s']:.0f} s, {row['size_mb']:.0f} MB;"
                f" {row['checks']} checks p50 {row['p50']:.0f} ms, p95 {row['p95']:.0f} ms,"
                f" max {row['max']:.0f} ms"
            )
    if args.plan:
        print(figures["plan"])
    if args.report:
        args.report.write_text(json.dumps(figures, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
