"""Benchmark: receptions and meetings on a generated database (docs/benchmarks.md).

Usage: DATABASE_URL=… REDIS_URL=… .venv/bin/python bench/receptions.py \
           [--runs 5] [--requests 200] [--bookers 40] [--slots 10]

Prints the check on "resolved", the published figures, the public pages (p50/p95 side by
side) and a storm of simultaneous bookings for the last slots of a reception.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import random
import statistics
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
# Run as a script, this folder comes first on the path, and its http.py would shadow the
# standard library's http package that Django imports.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]
INCREMENTAL = datetime.timedelta(minutes=10)
# The keys the pages are filtered by: those with the most meetings.
BUSIEST = """
    SELECT (SELECT g.code FROM receptions_meeting m JOIN agencies_agency g ON g.id = m.agency_id
            GROUP BY g.code ORDER BY count(*) DESC, g.code LIMIT 1),
           (SELECT r.code FROM receptions_meeting m JOIN agencies_region r ON r.id = m.region_id
            GROUP BY r.code ORDER BY count(*) DESC, r.code LIMIT 1)
"""
SAMPLE_MEETINGS = "SELECT id FROM receptions_meeting ORDER BY md5(id::text) LIMIT %s"


def _setup() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.development")
    os.environ.setdefault("DEBUG", "false")  # no query log: as in production
    import django

    django.setup()


class _Rollback(Exception):
    """Raised to roll a timed run back."""


def timed_rolled_back(call: Callable[[], Any]) -> tuple[float, Any]:
    """The seconds `call` takes in a transaction rolled back after it, and its result."""
    from django.db import transaction

    result: list[Any] = []
    started = time.perf_counter()
    try:
        with transaction.atomic():
            result.append(call())
            seconds = time.perf_counter() - started
            raise _Rollback
    except _Rollback:
        pass
    return seconds, result[0]


def spread(times: list[float]) -> dict[str, float]:
    """Median, p95 and max of some timings in seconds, in milliseconds."""
    from bench._timing import spread_ms

    return spread_ms(t * 1000 for t in times)


def measure_reopened(runs: int) -> dict[str, Any]:
    """(a) The check on "resolved", every question (since=None) and as a run ten minutes
    after the last one; each run rolled back, full and incremental alternated."""
    from django.utils import timezone

    from receptions.models import Question
    from receptions.reopened import reopened_mark

    full: list[float] = []
    recent: list[float] = []
    marked = {"full": 0, "incremental": 0}
    for _ in range(runs):
        seconds, marked["full"] = timed_rolled_back(lambda: reopened_mark(since=None))
        full.append(seconds)
        since = timezone.now() - INCREMENTAL
        seconds, marked["incremental"] = timed_rolled_back(partial(reopened_mark, since=since))
        recent.append(seconds)
    resolved = Question.objects.filter(outcome=Question.Outcome.RESOLVED)
    return {
        "full": statistics.median(full), "incremental": statistics.median(recent),
        "marked": marked, "resolved": resolved.count(),
        "open": resolved.filter(reopened_by__isnull=True).count(),
    }  # fmt: skip


def measure_figures(runs: int) -> dict[str, Any]:
    """(b) The figures of the three published periods: once committed (the first run checks
    every question), then `runs` runs of all three and of each alone, rolled back."""
    from receptions.figures import SCHEDULED_PERIODS, figures_recompute
    from receptions.models import ReceptionFigure
    from receptions.reopened import last_run

    checked = "every question" if last_run() is None else "since the last snapshot"
    started = time.perf_counter()
    snapshots = figures_recompute()
    first = time.perf_counter() - started
    rows = ReceptionFigure.objects.filter(snapshot__in=snapshots).count()
    together = [timed_rolled_back(figures_recompute)[0] for _ in range(runs)]
    alone = {
        str(period): statistics.median(
            timed_rolled_back(partial(figures_recompute, periods=[period]))[0] for _ in range(runs)
        )
        for period in SCHEDULED_PERIODS
    }
    return {
        "first": first, "checked": checked, "all": statistics.median(together), "alone": alone,
        "rows": rows,
    }  # fmt: skip


def page_urls(requests: int) -> dict[str, Callable[[int], str]]:
    """What each timed page asks for; the i-th request of a meeting's page reads the i-th
    meeting of a fixed random sample."""
    from django.db import connection
    from django.urls import reverse

    from receptions.selectors import today

    with connection.cursor() as cursor:
        cursor.execute(BUSIEST)
        body, region = cursor.fetchone()
        cursor.execute(SAMPLE_MEETINGS, [requests])
        sample = [row[0] for row in cursor.fetchall()]
    calendar, feed = reverse("receptions:calendar"), reverse("receptions:ical")
    year_ago = today() - datetime.timedelta(days=365)
    urls: dict[str, Callable[[int], str]] = {
        "calendar (upcoming)": lambda i: calendar,
        f"calendar, region {region}": lambda i: f"{calendar}?region={region}",
        f"calendar, body {body}": lambda i: f"{calendar}?body={body}",
        "calendar, last 365 days": lambda i: f"{calendar}?date_from={year_ago}",
        "calendar, last 365 days, page 20": lambda i: f"{calendar}?date_from={year_ago}&page=20",
        "calendar, everything, last page": lambda i: f"{calendar}?date_from=2000-01-01&page=last",
        "iCalendar feed": lambda i: feed,
        f"iCalendar feed, region {region}": lambda i: f"{feed}?region={region}",
    }
    if sample:
        urls["meeting page"] = lambda i: reverse(
            "receptions:meeting", args=[sample[i % len(sample)]]
        )
    return urls


def measure_pages(requests: int) -> dict[str, dict[str, float]]:
    """(c) Each page `requests` times through Django's test client, the pages taken in turn
    so that all are measured under the same conditions; one untimed round first."""
    from django.test import Client

    client = Client(HTTP_HOST="localhost", HTTP_ACCEPT_LANGUAGE="ru")
    urls = page_urls(requests)
    times: dict[str, list[float]] = {name: [] for name in urls}
    for i in range(-1, requests):
        for name, url in urls.items():
            started = time.perf_counter()
            response = client.get(url(max(i, 0)))
            taken = time.perf_counter() - started
            if response.status_code != 200:
                raise SystemExit(f"{url(max(i, 0))}: HTTP {response.status_code}")
            if i >= 0:
                times[name].append(taken)
    return {name: spread(taken) for name, taken in times.items()}


def storm_reception(slots: int) -> Any:
    """A personal reception of the busiest body a week ahead, with `slots` free slots."""
    from django.db.models import Count
    from django.utils import timezone

    from agencies.models import Agency, Region
    from receptions.models import Meeting, Slot

    agency = Agency.objects.annotate(n=Count("meetings")).order_by("-n", "pk").first()
    region = Region.objects.order_by("pk").first()
    assert agency is not None and region is not None  # noqa: S101 - reference data loaded
    starts = timezone.now().replace(microsecond=0) + datetime.timedelta(days=7)
    meeting = Meeting.objects.create(
        agency=agency, kind=Meeting.Kind.PERSONAL, official_name="Bench official",
        region_id=agency.region_id or region.pk, starts_at=starts,
        ends_at=starts + datetime.timedelta(minutes=15 * slots), slot_minutes=15,
    )  # fmt: skip
    Slot.objects.bulk_create(
        Slot(meeting=meeting, starts_at=starts + datetime.timedelta(minutes=15 * n))
        for n in range(slots)
    )
    return meeting


def _booker(
    meeting: Any,
    citizen: Any,
    category: Any,
    start: threading.Barrier,
    log: list[tuple[str, float]],
) -> None:
    """One citizen, on a connection of his own, books the earliest free slot as soon as all
    are ready, and tries the next one each time his is taken, until none is left."""
    from django.db import connection

    from core.refusals import ActionRefused
    from receptions.booking import SlotTaken, booking_make
    from receptions.selectors import free_slots

    try:
        connection.ensure_connection()
        start.wait()
        while True:
            slot = free_slots(meeting).values_list("pk", flat=True).first()
            if slot is None:
                log.append(("none left", 0.0))
                return
            started = time.perf_counter()
            try:
                booking_make(citizen=citizen, slot_id=slot, category=category,
                             question="Bench question")  # fmt: skip
                outcome = "booked"
            except SlotTaken:
                outcome = "taken"
            except ActionRefused as refused:
                outcome = f"refused: {refused}"
            log.append((outcome, time.perf_counter() - started))
            if outcome != "taken":
                return
    except Exception as error:  # counted as a failure, not lost
        log.append((f"error: {error!r}", 0.0))
    finally:
        connection.close()


STORM_CHECK = """
    SELECT count(*), count(DISTINCT slot_id), count(DISTINCT citizen_id),
           (SELECT count(*) FROM receptions_slot WHERE meeting_id = %(meeting)s)
    FROM receptions_booking WHERE meeting_id = %(meeting)s AND status = 'active'
"""


def measure_storm(bookers: int, slots: int) -> dict[str, Any]:
    """(d) `bookers` citizens, each in a thread of his own, book the `slots` free slots of
    one reception at once; then the database is asked whether any slot was given twice.
    The reception and everything of it are deleted after."""
    from django.contrib.auth import get_user_model

    from agencies.models import Category

    citizens = list(
        get_user_model().objects.filter(email__regex=r"^citizen-[0-9]+@bench\.otinish\.test$")
        .order_by("pk")[:bookers]
    )  # fmt: skip
    category = Category.objects.filter(is_active=True, parent__isnull=False).order_by("pk")[0]
    if len(citizens) < bookers:
        raise SystemExit(f"{bookers} generated citizens needed, {len(citizens)} found")
    meeting = storm_reception(slots)
    log: list[tuple[str, float]] = []
    start = threading.Barrier(bookers + 1)
    threads = [
        threading.Thread(target=_booker, args=(meeting, citizen, category, start, log))
        for citizen in citizens
    ]
    try:
        for thread in threads:
            thread.start()
        start.wait()
        started = time.perf_counter()
        for thread in threads:
            thread.join()
        seconds = time.perf_counter() - started
        check = _storm_check(meeting.pk)
    finally:
        _storm_delete(meeting.pk)
    outcomes = Counter(outcome for outcome, _ in log)
    attempts = [taken for outcome, taken in log if outcome in ("booked", "taken")]
    return {
        "bookers": bookers, "slots": slots, "seconds": seconds, "outcomes": dict(outcomes),
        "attempts": len(attempts), "latency": spread(attempts) if attempts else {}, **check,
    }  # fmt: skip


def _storm_check(meeting_id: int) -> dict[str, int]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(STORM_CHECK, {"meeting": meeting_id})
        active, slots_taken, citizens, slots = cursor.fetchone()
    return {"active": active, "slots_taken": slots_taken, "citizens": citizens,
            "slots_offered": slots}  # fmt: skip


def _storm_delete(meeting_id: int) -> None:
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction

    from notifications.models import Notification
    from receptions.models import Booking, Meeting, Slot

    with transaction.atomic():
        bookings = Booking.objects.filter(meeting_id=meeting_id)
        Notification.objects.filter(
            about_type=ContentType.objects.get_for_model(Booking),
            about_id__in=bookings.values("pk"),
        ).delete()
        bookings.delete()
        Slot.objects.filter(meeting_id=meeting_id).delete()
        Meeting.objects.filter(pk=meeting_id).delete()


def measure(*, runs: int, requests: int, bookers: int, slots: int) -> dict[str, Any]:
    """Every step, in this process; the figures as a dict (JSON-ready)."""
    from receptions.models import Meeting, Question

    figures: dict[str, Any] = {
        "meetings": Meeting.objects.count(), "questions": Question.objects.count(),
    }  # fmt: skip
    figures["reopened"] = measure_reopened(runs)
    figures["figures"] = measure_figures(runs)
    figures["pages"] = measure_pages(requests)
    figures["storm"] = measure_storm(bookers, slots)
    return figures


def storm_verdict(storm: dict[str, Any]) -> bool:
    """Every slot given once, to one citizen each, and every slot given."""
    given = min(storm["slots"], storm["bookers"])
    booked = storm["outcomes"].get("booked", 0)
    return storm["active"] == storm["slots_taken"] == storm["citizens"] == booked == given


def table(figures: dict[str, Any]) -> list[str]:
    reopened, published, storm = figures["reopened"], figures["figures"], figures["storm"]
    alone = ", ".join(f"{period} {s:.3f} s" for period, s in published["alone"].items())
    others = {k: v for k, v in storm["outcomes"].items() if k not in ("booked", "taken")}
    rows = [
        ("meetings · questions", f"{figures['meetings']:,} · {figures['questions']:,}", ""),
        ("(a) reopened check, full", f"{reopened['full']:.3f} s",
         f"{reopened['open']:,} of {reopened['resolved']:,} resolved open; "
         f"{reopened['marked']['full']:,} marked (rolled back)"),
        ("(a) reopened check, last 10 min", f"{reopened['incremental']:.3f} s",
         f"{reopened['marked']['incremental']:,} marked (rolled back)"),
        ("(b) figures, committed run", f"{published['first']:.3f} s",
         f"3 periods, checked {published['checked']}; {published['rows']:,} rows"),
        ("(b) figures, 3 periods", f"{published['all']:.3f} s", f"alone: {alone}"),
        ("(d) booking storm", f"{storm['seconds']:.3f} s",
         f"{storm['bookers']} citizens, {storm['slots']} slots: {storm['attempts']} attempts "
         f"({storm['attempts'] / storm['seconds']:.0f}/s), p50/p95 "
         f"{storm['latency'].get('p50', 0):.0f}/{storm['latency'].get('p95', 0):.0f} ms; "
         f"{storm['outcomes'].get('booked', 0)} booked {others or ''}"),
        ("(d) no slot given twice", "yes" if storm_verdict(storm) else "NO",
         f"{storm['active']} active bookings on {storm['slots_taken']} slots, "
         f"{storm['citizens']} citizens"),
    ]  # fmt: skip
    width = max(len(row[0]) for row in rows)
    lines = [f"{name:<{width}}  {value:>14}  {note}" for name, value, note in rows]
    lines += ["", f"{'(c) page, ms':<36} {'p50':>7} {'p95':>7} {'max':>7} {'n':>5}"]
    for name, row in figures["pages"].items():
        lines.append(
            f"{name:<36} {row['p50']:>7.1f} {row['p95']:>7.1f} {row['max']:>7.1f} {row['n']:>5}"
        )
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("--runs", type=int, default=5, help="runs of (a) and (b), median kept")
    parser.add_argument("--requests", type=int, default=200, help="requests of each page")
    parser.add_argument("--bookers", type=int, default=40, help="citizens booking at once")
    parser.add_argument("--slots", type=int, default=10, help="free slots they book")
    parser.add_argument("--report", type=Path, help="also write the figures here as JSON")
    args = parser.parse_args(argv)
    _setup()
    random.seed(2026)
    figures = measure(
        runs=args.runs, requests=args.requests, bookers=args.bookers, slots=args.slots
    )
    lines = table(figures)
    print("\n".join(lines))
    if args.report:
        report = {**figures, "lines": lines, "no_slot_twice": storm_verdict(figures["storm"])}
        args.report.write_text(json.dumps(report, ensure_ascii=False, indent=1, default=str))
    return 0 if storm_verdict(figures["storm"]) else 1


if __name__ == "__main__":
    sys.exit(main())
