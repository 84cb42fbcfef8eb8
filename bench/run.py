"""`make bench`: every benchmark at one size, printed as one table.

Usage (what `make bench` runs; BENCH_SIZE defaults to 100,000 appeals):
    .venv/bin/python -m portal.devservices --purpose run -- \
        .venv/bin/python bench/run.py --size 10000000

The appeals live in `otinish_bench_<size>`, generated once and reused; then the programs
of bench/ run against it, each in its own process (docs/benchmarks.md says which).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

# Run as a script, bench/ comes first on the path and its http.py would hide the standard
# library's http package.
sys.path[0] = str(Path(__file__).resolve().parent.parent)

import psycopg2  # noqa: E402

from bench._users import PASSWORD as GENERATED_PASSWORD  # noqa: E402  generate_appeals' too

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GENERATED_CITIZENS = "citizen-{n}@bench.otinish.test"


LOADED_TABLES = ("appeals_appeal", "appeals_appealevent", "ratings_feedback", "accounts_user")


def bench_database_url(base_url: str, size: int) -> str:
    parts = urlsplit(base_url)
    return urlunsplit(parts._replace(path=f"/otinish_bench_{size}"))


def _connect(url: str, database: str | None = None) -> Any:
    parts = urlsplit(url)
    if database:
        parts = parts._replace(path=f"/{database}")
    connection = psycopg2.connect(urlunsplit(parts))
    connection.autocommit = True
    return connection


def _database_name(url: str) -> str:
    return urlsplit(url).path.lstrip("/")


def database_reset(url: str, *, drop: bool) -> None:
    server = _connect(url, "postgres")
    name = _database_name(url)
    with server.cursor() as cursor:
        if drop:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            cursor.execute(f'CREATE DATABASE "{name}"')
    server.close()


def appeal_count(url: str) -> int:
    connection = _connect(url)
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass('appeals_appeal') IS NOT NULL")
        if not cursor.fetchone()[0]:
            return 0
        cursor.execute("SELECT count(*) FROM appeals_appeal")
        count = int(cursor.fetchone()[0])
    connection.close()
    return count


def _run(env: dict[str, str], *command: str) -> None:
    print("$", " ".join(command), flush=True)
    subprocess.run([PYTHON, *command], cwd=ROOT, env=env, check=True)  # noqa: S603  our scripts


def prepare(url: str, size: int, env: dict[str, str]) -> float | None:
    """The database with `size` generated appeals; the generation's seconds, or None when
    an earlier run's data was reused."""
    count = appeal_count(url) if _exists(url) else 0
    if count >= size:
        print(f"Reusing {_database_name(url)}: {count:,} appeals.")
        _run(env, "manage.py", "migrate", "--noinput", "-v", "0")
        return None
    database_reset(url, drop=count > 0)
    _run(env, "manage.py", "migrate", "--noinput", "-v", "0")
    _run(env, "manage.py", "load_reference")
    started = time.perf_counter()
    _run(env, "manage.py", "generate_appeals", "--count", str(size))
    generated = time.perf_counter() - started
    vacuum_after_load(url)
    return generated


def vacuum_after_load(url: str) -> None:
    """What autovacuum does some minutes after a bulk load, done now: the visibility map
    that index-only scans need, and fresh statistics. Timed apart from the generation."""
    started = time.perf_counter()
    server = _connect(url)
    server.autocommit = True  # VACUUM runs outside a transaction
    with server.cursor() as cursor:
        cursor.execute(f"VACUUM (ANALYZE) {', '.join(LOADED_TABLES)}")
    server.close()
    print(f"VACUUM (ANALYZE) after the load: {time.perf_counter() - started:.1f} s", flush=True)


def _exists(url: str) -> bool:
    server = _connect(url, "postgres")
    with server.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [_database_name(url)])
        found = cursor.fetchone() is not None
    server.close()
    return found


def _report(env: dict[str, str], script: str, *args: str) -> dict[str, Any]:
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        try:
            _run(env, script, *args, "--report", out.name)
        except subprocess.CalledProcessError as failed:
            print(f"{script} exited with {failed.returncode}", flush=True)
        text = Path(out.name).read_text()
    return dict(json.loads(text)) if text else {}


def _tail(env: dict[str, str], script: str, *args: str, lines: int = 4) -> list[str]:
    """A program's last lines of output, printed as it runs too."""
    print("$", script, " ".join(args), flush=True)
    done = subprocess.run(  # noqa: S603  our scripts
        [PYTHON, script, *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    print(done.stdout, done.stderr[-2000:], sep="\n", flush=True)
    return done.stdout.strip().splitlines()[-lines:] or [f"{script}: exited {done.returncode}"]


def table(
    size: int, generated: float | None, rankings: dict[str, Any], http: dict[str, Any]
) -> str:
    lines = [f"Otinish benchmarks at {size:,} appeals ({os.cpu_count()} cores)", ""]
    if generated is not None:
        lines.append(f"{'generate_appeals':<44} {generated:>10.1f} s")
    for name, value, note in rankings.get("rows", []):
        lines.append(f"{name:<44} {value:>14}  {note}")
    lines += ["", f"{'page':<32} {'p50':>7} {'p95':>7} {'p99':>7} {'req/s':>7} {'err':>5}  target"]
    for row in http.get("rows", []):
        if row["name"] == "all requests":
            continue
        target = row.get("target_ms")
        verdict = ""
        if target:
            verdict = f"p95 ≤ {target} ms: " + ("met" if row["p95"] <= target else "MISSED")
        lines.append(
            f"{row['scenario'] + ' / ' + row['name']:<32} {row['p50']:>7.0f} {row['p95']:>7.0f} "
            f"{row['p99']:>7.0f} {row['rps']:>7.1f} {row['failures']:>5}  {verdict}"
        )
    lines.append(f"HTTP errors: {http.get('errors', 'no report')}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("--size", type=int, default=100_000, help="appeals in the database")
    parser.add_argument("--duration", default="30", help="seconds per HTTP scenario")
    args = parser.parse_args(argv)

    url = bench_database_url(os.environ["DATABASE_URL"], args.size)
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "portal.settings.development",
    }
    generated = prepare(url, args.size, env)
    rankings = _report(env, "bench/rankings.py")
    http = _report(
        env, "bench/http.py", "--duration", args.duration,
        "--citizen-login", GENERATED_CITIZENS, "--password", GENERATED_PASSWORD,
    )  # fmt: skip
    # The biggest body as generated (--body-answers 0: the shared data is not changed).
    similarity = _report(env, "bench/similarity.py", "--body-answers", "0", "--checks", "50")
    linking = _report(env, "bench/linking.py", "--appeals", "200", "--sample", "20000")
    receptions = _report(env, "bench/receptions.py")
    petitions = _report(env, "bench/petitions.py", "--duration", args.duration)
    later = _tail(env, "bench/submission.py", "--runs", "100", lines=2)
    later += _tail(env, "bench/import_csv.py", str(max(1_000, args.size // 10)), lines=1)
    later += _tail(env, "bench/clustering.py", "--appeals", "3000", "--rate", "50", lines=2)
    later += _tail(env, "bench/topics.py", "--texts", "300", lines=3)
    if os.environ.get("BENCH_COLD_STOP") and os.environ.get("BENCH_COLD_START"):
        cold = ("--stop", os.environ["BENCH_COLD_STOP"], "--start", os.environ["BENCH_COLD_START"])
        later += _tail(env, "bench/cold_start.py", *cold, lines=4)
    print()
    print(table(args.size, generated, rankings, http))
    for kind, row in (similarity.get("passes") or [{}])[-1].items():
        print(
            f"{'near-copy check, ' + kind + ' texts':<32} {row['p50']:>7.1f} {row['p95']:>7.1f}"
            f" {row['max']:>7.1f} ms (p50, p95, max)  target p95 ≤ 50 ms"
        )
    for row in (linking.get("passes") or [])[-1:]:
        print(
            f"{'repeats and parallels found':<32} {row['p50']:>7.1f} {row['p95']:>7.1f}"
            f" {row['max']:>7.1f} ms (p50, p95, max)  target p95 ≤ 50 ms"
        )
    print("\n" + "\n".join(receptions.get("lines", ["receptions: no report"])))
    print("\n" + "\n".join(petitions.get("lines", ["petitions: no report"])))
    print("\n" + "\n".join(later))
    passed = http.get("errors") == 0 and rankings and receptions.get("no_slot_twice")
    return 0 if passed and petitions.get("check", {}).get("exact") else 1


if __name__ == "__main__":
    sys.exit(main())
