"""Benchmark: recomputing the rankings, next to the floor of one GROUP BY pass.

Usage: DATABASE_URL=postgres://…/otinish_big .venv/bin/python bench/rankings.py [--runs 5]

Prints the floor, a full rebuild, a full recompute, the scheduled run with nothing changed
and after 10,000 changes, and the peak memory of each step (each in a child process);
docs/benchmarks.md says what each step does. It changes the database: the tallies are
rebuilt (unless --no-rebuild), snapshots published.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
# Run as a script, this folder comes first on the path, and its http.py would shadow the
# standard library's http package that Django imports.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]
CHANGED = 10_000

FLOOR = """
    WITH unit_map(agency_id, unit_id) AS (SELECT * FROM unnest(%s::bigint[], %s::bigint[]))
    SELECT m.unit_id,
           count(*),
           count(*) FILTER (WHERE a.status = 'withdrawn'),
           count(*) FILTER (WHERE a.status = 'answered'),
           count(*) FILTER (WHERE a.status = 'terminated'),
           count(*) FILTER (WHERE a.status IN ('answered', 'terminated')
                              AND a.answered_at <= a.due_at),
           count(*) FILTER (WHERE a.complained AND a.status <> 'withdrawn'),
           count(*) FILTER (WHERE a.complained
                              AND a.status IN ('submitted', 'registered', 'in_progress')),
           count(*) FILTER (WHERE a.overturned AND a.status <> 'withdrawn'),
           count(*) FILTER (WHERE a.answer_warned AND a.status = 'answered'),
           count(f.id),
           count(f.id) FILTER (WHERE NOT f.satisfied),
           count(f.id) FILTER (WHERE f.reason = 'formal')
    FROM appeals_appeal a
    JOIN unit_map m ON m.agency_id = a.agency_id
    LEFT JOIN ratings_feedback f ON f.appeal_id = a.id
    GROUP BY m.unit_id
"""

VACUUM_AFTER_REBUILD = (
    "VACUUM (ANALYZE) ratings_tallydelta, ratings_dirtyappeal, ratings_countedforwards,"
    " ratings_unittally, ratings_maptally, ratings_answerdays, ratings_duetally"
)
VACUUM_LOGS = "VACUUM ratings_tallydelta, ratings_dirtyappeal"

# The appeals to change: open ones, the most recent first or at random in the last 30 days.
PICK = {
    "recent": "ORDER BY a.received_at DESC",
    "spread": "AND a.received_at >= (SELECT max(received_at) FROM appeals_appeal)"
    " - interval '30 days' ORDER BY md5(a.id::text)",
}
# The changed appeals as they were, and the ratings given, kept for RESTORE.
CHANGE = """
    CREATE TEMP TABLE bench_changed AS
    SELECT a.id, a.status, a.answer_kind, a.answer_text, a.answered_at FROM appeals_appeal a
    WHERE a.status IN ('submitted', 'registered', 'in_progress') {pick} LIMIT %s;
    UPDATE appeals_appeal a
    SET status = 'answered', answer_kind = 'explained', answer_text = 'bench',
        answered_at = least(now(), a.received_at + interval '3 days')
    FROM bench_changed c WHERE a.id = c.id;
    CREATE TEMP TABLE bench_rated (id bigint);
    WITH rated AS (
        INSERT INTO ratings_feedback
            (appeal_id, satisfied, reason, comment, created_at, updated_at)
        SELECT id, id %% 2 = 0, CASE WHEN id %% 2 = 0 THEN '' ELSE 'formal' END, '', now(),
               now()
        FROM bench_changed WHERE id %% 3 = 0 ON CONFLICT (appeal_id) DO NOTHING RETURNING id
    )
    INSERT INTO bench_rated SELECT id FROM rated;
    SELECT (SELECT count(*) FROM bench_changed),
           (SELECT count(DISTINCT (received_at AT TIME ZONE 'Asia/Almaty')::date)
            FROM appeals_appeal a JOIN bench_changed c ON c.id = a.id);
"""
# Each round leaves the appeals as it found them, so that the next round, and the next
# run of this benchmark, find the same open appeals to answer.
RESTORE = """
    UPDATE appeals_appeal a
    SET status = c.status, answer_kind = c.answer_kind, answer_text = c.answer_text,
        answered_at = c.answered_at
    FROM bench_changed c WHERE a.id = c.id;
    DELETE FROM ratings_feedback f USING bench_rated r WHERE f.id = r.id;
    DROP TABLE bench_changed, bench_rated;
"""


def _setup() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.development")
    import django

    django.setup()


def _next_second() -> None:
    """Untimed: a snapshot's moment is kept to the second, and a run in the same second as
    the one before finds it built and publishes nothing."""
    time.sleep(1 - time.time() % 1 + 0.01)


def _timed(call: Any) -> tuple[float, Any]:
    started = time.perf_counter()
    result = call()
    return time.perf_counter() - started, result


def child(step: str, runs: int) -> dict[str, Any]:
    """One step, in this (child) process; returns its figures."""
    _setup()
    from django.db import DatabaseError, connection, transaction

    from ratings import snapshots
    from ratings.snapshots import rankings_recompute
    from ratings.tallies.refresh import tallies_refresh
    from ratings.units import unit_map

    if step == "floor":
        mapping = unit_map()
        times = []
        with connection.cursor() as cursor:
            for _ in range(runs):
                seconds, _ = _timed(
                    lambda: cursor.execute(FLOOR, [list(mapping), list(mapping.values())])
                )
                cursor.fetchall()
                times.append(seconds)
            cursor.execute("SELECT count(*) FROM appeals_appeal")
            appeals = cursor.fetchone()[0]
        return {"seconds": statistics.median(times), "runs": times, "appeals": appeals}
    if step == "rebuild":
        seconds, refresh = _timed(lambda: tallies_refresh(rebuild=True))
        # The rebuild emptied the logs of changes and wrote the tallies anew; autovacuum
        # clears the logs' dead rows and marks the new rows visible within minutes (not
        # on a server that runs without it), and the checkpointer writes them out: done
        # here, so that the steps after it neither read past millions of dead rows nor
        # pay for the rebuild's writes. CHECKPOINT needs the right to it; without, the
        # steps after it may be slower for some minutes.
        vacuumed, _ = _timed(lambda: connection.cursor().execute(VACUUM_AFTER_REBUILD))
        try:
            with transaction.atomic():
                connection.cursor().execute("CHECKPOINT")
        except DatabaseError:
            pass
        return {"seconds": seconds, "appeals": refresh.appeals, "vacuum": vacuumed}
    if step == "recompute":
        tallies_refresh()  # up to date before the clock starts
        times = []
        for _ in range(runs):
            _next_second()
            times.append(_timed(rankings_recompute)[0])
        return {"seconds": statistics.median(times), "runs": times}
    if step == "unchanged":
        # The scheduled task's run, in a warm worker, after a run that published everything.
        rankings_recompute()
        timed = []
        for _ in range(runs):
            _next_second()
            timed.append(_timed(lambda: rankings_recompute(if_changed=True)))
        return {
            "seconds": statistics.median(taken for taken, _ in timed),
            "runs": [taken for taken, _ in timed],
            "published": sum(len(snapshots) for _, snapshots in timed),
        }
    if step.startswith("incremental-"):
        # A worker that has run before (connection open, code warm) finds 10,000 appeals
        # changed, and runs its task; the refresh happens inside it, in the first period's
        # publication, and is timed there too. `runs` rounds, the median kept; before each,
        # the logs of changes the last refresh emptied are vacuumed, as autovacuum does
        # within a minute for tables of so few live rows.
        rankings_recompute()
        refreshes: list[tuple[float, Any]] = []
        refresh_inside = snapshots.tallies_refresh

        def timed_refresh(**options: Any) -> Any:
            refreshes.append(_timed(lambda: refresh_inside(**options)))
            return refreshes[-1][1]

        snapshots.tallies_refresh = timed_refresh  # the refresh inside each publication
        times, changed, days = [], [], []
        for _ in range(runs):
            connection.cursor().execute(VACUUM_LOGS)
            with transaction.atomic(), connection.cursor() as cursor:
                pick = PICK[step.removeprefix("incremental-")]
                cursor.execute(CHANGE.format(pick=pick), [CHANGED])
                row = cursor.fetchone()
            changed.append(row[0])
            days.append(row[1])
            try:
                _next_second()
                times.append(_timed(lambda: rankings_recompute(if_changed=True))[0])
            finally:  # put back even when the task fails
                with transaction.atomic(), connection.cursor() as cursor:
                    cursor.execute(RESTORE)
            refresh_inside()  # the restored appeals counted again, untimed
        return {
            "seconds": statistics.median(times),
            "runs": times,
            "refresh": statistics.median(taken for taken, _ in refreshes),
            "appeals": max(refresh.appeals for _, refresh in refreshes),
            "changed": max(changed),
            "days": statistics.median(days),
        }
    raise SystemExit(f"unknown step {step}")


def run_child(step: str, runs: int) -> dict[str, Any]:
    """Run a step in a child process; adds its peak memory (max RSS, MB)."""
    process = subprocess.Popen(  # noqa: S603 - this very script, with our own arguments
        [sys.executable, __file__, "--child", step, "--runs", str(runs)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None  # noqa: S101
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise SystemExit(f"step {step} failed")
    figures: dict[str, Any] = json.loads(output.strip().splitlines()[-1])
    figures["max_rss_mb"] = usage.ru_maxrss / 1024  # kilobytes on Linux
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs of (a), (c) and (e), median kept")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--report", type=Path, help="also write the table here as JSON")
    parser.add_argument(
        "--no-rebuild", action="store_true", help="skip (b): the tallies are up to date already"
    )
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.runs), default=str))
        return

    floor = run_child("floor", args.runs)
    print(f"{floor['appeals']:,} appeals; floor runs {[round(t, 3) for t in floor['runs']]}")
    rebuild = None if args.no_rebuild else run_child("rebuild", 1)
    recompute = run_child("recompute", args.runs)
    print(f"recompute runs {[round(t, 3) for t in recompute['runs']]}")
    unchanged = run_child("unchanged", args.runs)
    print(f"unchanged runs {[round(t, 3) for t in unchanged['runs']]}")
    incremental = {}
    for kind in ("recent", "spread"):
        incremental[kind] = run_child(f"incremental-{kind}", args.runs)
        print(f"incremental {kind} runs {[round(t, 3) for t in incremental[kind]['runs']]}")

    rows = [
        ("appeals in the database", f"{floor['appeals']:,}", ""),
        ("(a) floor: one GROUP BY, all time", f"{floor['seconds']:.3f} s",
         f"median of {args.runs}"),
        ("(b) full tally rebuild (one pass)", f"{rebuild['seconds']:.1f} s",
         f"{rebuild['appeals']:,} appeals counted; then VACUUM of the log and tallies "
         f"{rebuild['vacuum']:.1f} s") if rebuild else ("(b) full tally rebuild", "skipped", ""),
        ("(c) full recompute from tallies", f"{recompute['seconds']:.3f} s",
         f"2 scopes × 4 periods, median of {args.runs}"),
        ("(d) ratio (c) / (a)", f"{recompute['seconds'] / floor['seconds']:.2f}", "target ≤ 2"),
        ("(e) scheduled run, nothing changed", f"{unchanged['seconds']:.3f} s",
         f"median of {args.runs}; {unchanged['published']} snapshots published; "
         "target ≤ 0.15 s"),
    ]  # fmt: skip
    for kind, label in (("recent", "most recent open"), ("spread", "random open, last 30 days")):
        figures = incremental[kind]
        rows.append(
            (
                f"(e) incremental, {figures['changed']:,} {label}",
                f"{figures['seconds']:.3f} s",
                f"median of {args.runs}; refresh {figures['refresh']:.3f} s for "
                f"{figures['appeals']:,} appeals received on {figures['days']:.0f} days; "
                "target ≤ 0.25 s",
            )
        )
    steps = (rebuild, recompute, unchanged, *incremental.values())
    peak = max(step["max_rss_mb"] for step in steps if step)
    rows.append(("(f) worker peak memory (max RSS)", f"{peak:.0f} MB", "target ≤ 300 MB"))
    width = max(len(row[0]) for row in rows)
    for name, value, note in rows:
        print(f"{name:<{width}}  {value:>12}  {note}")
    if args.report:
        args.report.write_text(json.dumps({"rows": rows}, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
