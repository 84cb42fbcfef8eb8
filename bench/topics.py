"""Benchmark: the topic proposed from the text while the citizen types (appeals/topics/).

Usage, on a database of generated appeals (docs/benchmarks.md, "bench/topics.py"):
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/otinish_bench_10000000 \
        .venv/bin/python bench/topics.py [--texts 300] [--limit 200000] [--no-train]

Trains a model from the latest --limit appeals (or, --no-train, takes the newest), then
times propose() and the form's endpoint (POST /appeals/topics/, Django's test client) on
texts of the database, each whole and as typed so far (60 characters, half)."""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
# Run as a script, this folder comes first on the path, and its http.py would shadow the
# standard library's http package that Django imports.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]
TARGET_MS = 50

SAMPLE = """
    SELECT text, region_id FROM appeals_appeal TABLESAMPLE SYSTEM (%(percent)s) REPEATABLE (7)
    WHERE NOT imported LIMIT %(count)s
"""


def _setup() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.development")
    import django

    django.setup()


def typed_texts(count: int) -> list[tuple[str, int | None]]:
    """`count` texts of the database, each whole and as typed so far, with its region."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT greatest(reltuples, 1) FROM pg_class WHERE relname = 'appeals_appeal'"
        )
        rows_estimate = float(cursor.fetchone()[0])
        percent = min(100.0, 100.0 * count * 20 / rows_estimate)
        cursor.execute(SAMPLE, {"percent": percent, "count": count})
        rows = cursor.fetchall()
    if not rows:  # an empty database: the seed corpus stands in for its appeals
        from appeals.topics.training import seed_texts

        rows = [(text, None) for _code, text in list(seed_texts())[:count]]
    return [
        (part, region)
        for text, region in rows
        for part in (text[:60], text[: len(text) // 2], text)
    ]


def in_process(texts: list[tuple[str, int | None]]) -> tuple[dict[str, float], float]:
    from appeals.topics.proposing import propose
    from bench._timing import spread_ms

    for text, _region in texts[:20]:
        propose(text)  # the model is read once per process: not what is timed
    times, proposed = [], 0
    for text, _region in texts:
        started = time.perf_counter()
        proposed += bool(propose(text))
        times.append((time.perf_counter() - started) * 1000)
    return spread_ms(times), proposed / max(1, len(texts))


def through_endpoint(texts: list[tuple[str, int | None]]) -> dict[str, float]:
    from django.conf import settings
    from django.test import Client

    from accounts.models import User
    from bench._timing import spread_ms

    settings.TOPIC_PROPOSALS_PER_HOUR = 10**9  # the limit is not what is measured
    browser = Client(SERVER_NAME="localhost")
    citizen = User.objects.filter(is_staff=False, is_active=True).order_by("pk").first()
    if citizen is None:  # an empty database: a citizen of the bench's own
        citizen = User.objects.create_user(email="topics@bench.otinish.test", full_name="Bench")
    browser.force_login(citizen)
    times = []
    for text, region in texts:
        started = time.perf_counter()
        answer = browser.post("/appeals/topics/", {"text": text, "region": region or ""})
        times.append((time.perf_counter() - started) * 1000)
        if answer.status_code != 200:
            raise SystemExit(f"/appeals/topics/ answered {answer.status_code}")
    return spread_ms(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("--texts", type=int, default=300)
    parser.add_argument("--limit", type=int, default=None, help="appeals to learn from")
    parser.add_argument("--no-train", action="store_true", help="use the newest model")
    parser.add_argument("--report", help="also write the figures to this JSON file")
    args = parser.parse_args(argv)
    _setup()
    from django.db import connection

    from appeals.models import TopicModel
    from appeals.topics.proposing import announce
    from appeals.topics.training import train_topic_model

    report: dict[str, Any] = {"target_ms": TARGET_MS}
    if not args.no_train or not TopicModel.objects.exists():
        started = time.perf_counter()
        trained = train_topic_model(limit=args.limit)
        announce(trained.pk)
        report["training"] = {
            "seconds": time.perf_counter() - started, "texts": trained.appeals_used,
            "kib": len(trained.weights) // 1024,
        }  # fmt: skip
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM appeals_appeal")
        report["appeals"] = cursor.fetchone()[0]
    texts = typed_texts(args.texts)
    report["propose"], report["proposed_share"] = in_process(texts)
    report["endpoint"] = through_endpoint(texts)
    lines = [f"topic proposal at {report['appeals']:,} appeals"]
    if "training" in report:
        t = report["training"]
        lines.append(f"  trained on {t['texts']:,} texts in {t['seconds']:.1f} s, {t['kib']} KiB")
    for name in ("propose", "endpoint"):
        row = report[name]
        verdict = "met" if row["p95"] <= TARGET_MS else "MISSED"
        lines.append(
            f"  {name:<9} n={row['n']} p50 {row['p50']:.2f} ms, p95 {row['p95']:.2f} ms, "
            f"max {row['max']:.1f} ms  target p95 ≤ {TARGET_MS} ms: {verdict}"
        )
    report["lines"] = lines
    print("\n".join(lines), flush=True)
    if args.report:
        Path(args.report).write_text(json.dumps(report, ensure_ascii=False, indent=2))
    return 0 if report["propose"]["p95"] <= TARGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
