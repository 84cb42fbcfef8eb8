"""In-process benchmark: the server time and SQL statements of sending one appeal.

Usage, against the database in DATABASE_URL (reference data loaded; Redis in REDIS_URL):
    .venv/bin/python bench/submission.py [--runs 200] [--verbose] [--profile api|form]

Sends through the API and the web form with Django's test client, no network; prints
median/p95 ms and the statements of one submission. Adds 2 × (runs + 11) appeals, 5 at most
from each citizen, those who sent least this hour (a real one may send 10 an hour).
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if Path(sys.path[0]).resolve() == ROOT / "bench":
    sys.path[0] = str(ROOT)

import argparse  # noqa: E402
import cProfile  # noqa: E402
import datetime  # noqa: E402
import os  # noqa: E402
import pstats  # noqa: E402
import statistics  # noqa: E402
import time  # noqa: E402
import uuid  # noqa: E402
from collections.abc import Callable, Iterator  # noqa: E402
from typing import Any  # noqa: E402

CITIZEN_LOGIN = "submission-citizen-{n}@bench.otinish.test"
WARM_UP = 10
SENT_BY_ONE = 5  # appeals each citizen sends in a run (APPEALS_PER_HOUR is 10 by default)
RUNS_AN_HOUR = 6  # the citizens who sent least in the last hour send: six runs' worth
# The limits have their own tests; these runs send more than a person may in an hour.
ENVIRONMENT = {
    "DJANGO_SETTINGS_MODULE": "portal.settings.development",
    "DEBUG": "false",
    "ALLOWED_HOSTS": "testserver",
    "APPEALS_PER_HOUR": "1000000",
    "UPLOADS_PER_HOUR": "1000000",
    "API_WRITE_RATE": "1000000/hour",
    "LOG_LEVEL": "WARNING",
}
Send = Callable[[], Any]


def arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("--runs", type=int, default=200, help="timed submissions of each kind")
    parser.add_argument("--verbose", action="store_true", help="list every SQL statement")
    parser.add_argument("--profile", choices=("api", "form"), help="cProfile one kind's runs")
    parser.add_argument("--pages", action="store_true", help="also the journey's other pages")
    return parser.parse_args(argv)


def senders(runs: int, *, pages: bool = False) -> dict[str, Send]:
    """One submission through the API and one through the form, each by the next of the
    citizens who send that kind (signed in, with a token for the API); with `pages`, also
    the form citizens' other requests of the journey (the form, routing, confirmation)."""
    from itertools import cycle

    from django.db.models import Count, Q
    from django.test import Client
    from django.utils import timezone
    from rest_framework.test import APIClient

    from accounts.models import User
    from accounts.tokens import api_token_create
    from agencies.models import Agency, AppealType, Category, Region
    from bench._users import ensure_citizens

    each = -(-(runs + WARM_UP + 1) // SENT_BY_ONE)  # + 1: the run that lists the statements
    emails = [login.email for login in ensure_citizens(CITIZEN_LOGIN, 2 * each * RUNS_AN_HOUR)]
    hour = Q(appeals__received_at__gte=timezone.now() - datetime.timedelta(hours=1))
    recent = User.objects.filter(email__in=emails).annotate(sent=Count("appeals", filter=hour))
    users = list(recent.order_by("sent", "email")[: 2 * each])  # who sent least this hour
    apis, browsers = [APIClient() for _ in range(each)], [Client() for _ in range(each)]
    for api, user in zip(apis, users[:each], strict=True):
        api.credentials(HTTP_AUTHORIZATION=f"Token {api_token_create(user=user)[1]}")
    for browser, user in zip(browsers, users[each:], strict=True):
        browser.force_login(user)
    next_api, next_browser = cycle(apis), cycle(browsers)
    text = {"subject": "Нет отопления в доме", "language": "ru",
            "text": "В доме по улице Абая, 10 нет отопления с 1 ноября. Примите меры."}  # fmt: skip
    body = {"type": "application", "category": "housing-heating", "region": "KZ-75",
            "addressee": "akimat-kz-75", "consent": True, **text}  # fmt: skip
    form = {
        "appeal_type": AppealType.objects.get(code="application").pk,
        "category": Category.objects.get(code="housing-heating").pk,
        "region": Region.objects.get(code="KZ-75").pk,
        "addressee": Agency.objects.get(code="akimat-kz-75").pk,
        "co_applicants": 0, "consent": "on", **text,
    }  # fmt: skip

    def send_api() -> Any:
        response = next(next_api).post("/api/v1/appeals/", body, format="json",
                                       HTTP_IDEMPOTENCY_KEY=str(uuid.uuid4()))  # fmt: skip
        return _checked(response, 201)

    sent: list[tuple[Client, str]] = []  # who sent, and where the confirmation is

    def send_form() -> Any:
        browser = next(next_browser)
        response = browser.post("/appeals/new/", {**form, "submission_key": str(uuid.uuid4())})
        sent.append((browser, response["Location"]))
        return _checked(response, 302)

    kinds = {"api": send_api, "form": send_form}
    return {**kinds, **_pages(cycle(browsers), form, sent)} if pages else kinds


def _pages(
    browsers: Iterator[Any], form: dict[str, Any], sent: list[tuple[Any, str]]
) -> dict[str, Send]:
    """The journey's other requests: the blank form, the routing proposal for the form's
    topic and region, the confirmation of the latest appeal sent through the form."""
    routing = f"/appeals/routing/?category={form['category']}&region={form['region']}"
    return {
        "form page": lambda: _checked(next(browsers).get("/appeals/new/"), 200),
        "routing": lambda: _checked(next(browsers).get(routing), 200),
        "confirmation": lambda: _checked(sent[-1][0].get(sent[-1][1]), 200),
    }


def _checked(response: Any, status: int) -> Any:
    if response.status_code != status:
        raise RuntimeError(f"HTTP {response.status_code}, expected {status}: {response.content!r}")
    return response


def statements(send: Send) -> list[str]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        send()
    return [query["sql"] for query in captured.captured_queries]


def timed(send: Send, runs: int) -> list[tuple[float, float]]:
    """Per submission: ms of the clock, and ms of this process's CPU (client and server in
    one process; on a busy machine the clock also counts the waits for a core)."""
    durations = []
    for _ in range(runs):
        started, cpu = time.perf_counter(), time.process_time()
        send()
        durations.append(
            ((time.perf_counter() - started) * 1000, (time.process_time() - cpu) * 1000)
        )
    return durations


def main(argv: list[str] | None = None) -> int:
    args = arguments(argv)
    os.environ.update(ENVIRONMENT)
    import django

    django.setup()
    sends = senders(args.runs, pages=args.pages)
    for send in sends.values():
        timed(send, WARM_UP)
    if args.profile:
        profiler = cProfile.Profile()
        profiler.runcall(timed, sends[args.profile], args.runs)
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(60)
        return 0
    durations: dict[str, list[tuple[float, float]]] = {name: [] for name in sends}
    for _ in range(args.runs // 10):  # the two kinds in turn, so noise hits both alike
        for name, send in sends.items():
            durations[name] += timed(send, 10)
    for name, send in sends.items():
        sql = statements(send)
        ms, cpu = (sorted(column) for column in zip(*durations[name], strict=True))
        p95 = statistics.quantiles(ms, n=20)[-1]
        print(f"{name}: median {statistics.median(ms):.1f} ms, p95 {p95:.1f} ms, CPU median "
              f"{statistics.median(cpu):.1f} ms, {len(sql)} SQL statements")  # fmt: skip
        if args.verbose:
            for number, statement in enumerate(sql, 1):
                print(f"  {number:2}. {statement[:300]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
