"""HTTP benchmark: the pages that must stay fast, on gunicorn with 2 workers.

Usage, against the database in DATABASE_URL (Redis in REDIS_URL):
    .venv/bin/python bench/http.py [--clients 20] [--rate 0.25] [--duration 30]

Runs each scenario (send an appeal, my appeals, the back-office, the rankings) in turn
with locust; prints p50/p95/p99, requests a second and errors, and exits non-zero on any
error. The scenarios and the people they log in as: docs/benchmarks.md.
"""

from __future__ import annotations

import sys
from pathlib import Path

# Run as a script, this file's folder would come first on the path and this module would
# hide the standard library's `http`: import from the project's root instead.
ROOT = Path(__file__).resolve().parent.parent
if Path(sys.path[0]).resolve() == ROOT / "bench":
    sys.path[0] = str(ROOT)

import argparse  # noqa: E402
import dataclasses  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import random  # noqa: E402
from collections.abc import Callable  # noqa: E402
from dataclasses import dataclass, field  # noqa: E402
from typing import ClassVar  # noqa: E402

# locust (with gevent) patches the standard library as it is imported, before any socket opens.
import gevent  # noqa: E402
from locust import constant, task  # noqa: E402

from bench import _runner, _server  # noqa: E402
from bench._journeys import Browser  # noqa: E402
from bench._users import (  # noqa: E402
    PASSWORD,
    Login,
    ensure_citizens,
    ensure_staff,
    signed_in_sessions,
)

CITIZEN_LOGIN = "http-citizen-{n}@bench.otinish.test"
STAFF_LOGIN = "http-staff-{n}@bench.otinish.test"
QUEUES = ("registration", "unit", "due_soon", "overdue", "answered")
SCENARIOS = ("send", "mine", "backoffice", "ratings")
# Citizens each sender sends as, in turn: at 3 journeys a second for 20 s, 5 appeals each.
SENDERS_EACH = 12
# Issue 7's targets (p95, ms) for the request each scenario is about.
TARGETS = {
    ("send", "send appeal"): 150,
    ("mine", "my appeals"): 100,
    ("backoffice", "queue"): 300,
    ("backoffice", "appeal page"): 300,
    ("ratings", "/ratings/"): 30,
}


@dataclass
class Cast:
    """Who the clients are, and how many of them have logged in."""

    citizens: list[Login]
    staff: list[Login]
    agency_codes: list[str]
    # Senders' other citizens, already signed in: (login, session key) each.
    signed_in: list[tuple[Login, str]] = field(default_factory=list)
    ready: int = 0
    failed_logins: int = 0  # made before the figures are reset, so counted here
    started: bool = False
    _taken: int = 0

    def next_login(self, logins: list[Login]) -> Login:
        self._taken += 1
        return logins[(self._taken - 1) % len(logins)]


class Client(Browser):
    abstract = True
    cast: ClassVar[Cast]
    first_pause: ClassVar[float] = 0.0  # the longest pause before the first journey

    def ready(self) -> None:
        """Logged in: wait for the others and the clock, then for a random moment, so the
        clients do not all start together."""
        self.cast.ready += 1
        while not self.cast.started:
            gevent.sleep(0.05)
        gevent.sleep(random.uniform(0, self.first_pause))


class Citizen(Client):
    abstract = True

    def on_start(self) -> None:
        super().on_start()
        self.login = self.cast.next_login(self.cast.citizens)
        self.cast.failed_logins += not self.log_in("/accounts/login/", self.login)
        self.ready()


class Sender(Citizen):
    """Sends as its own citizen and, in turn, as its share of the signed-in others: one
    person does not send hundreds of appeals an hour (10 is the limit for a real one)."""

    abstract = True

    def on_start(self) -> None:
        super().on_start()
        index, share = self.cast.citizens.index(self.login), len(self.cast.citizens)
        self.people = [(self.login, ""), *self.cast.signed_in[index::share]]

    @task
    def send(self) -> None:
        login, session = self.people[0]
        self.people.append(self.people.pop(0))
        if session:
            self.take_session(session)
        self.send_appeal(login.email)


class Follower(Citizen):
    abstract = True

    @task
    def follow(self) -> None:
        self.my_appeals()


class Clerk(Client):
    abstract = True

    def on_start(self) -> None:
        super().on_start()
        login = self.cast.next_login(self.cast.staff)
        self.cast.failed_logins += not self.log_in("/backoffice/login/?next=/backoffice/", login)
        self.ready()

    @task
    def browse(self) -> None:
        rows = self.queue(random.choice(QUEUES))
        if rows:
            path = f"/backoffice/appeals/appeal/{random.choice(rows)}/change/"
            self.fetch("GET", path, "appeal page")


class Reader(Client):
    abstract = True

    def on_start(self) -> None:
        super().on_start()
        self.ready()

    @task
    def read(self) -> None:
        self.fetch("GET", "/ratings/", "/ratings/")
        code = random.choice(self.cast.agency_codes)
        self.fetch("GET", f"/ratings/agency/{code}/", "agency page")


USERS: dict[str, type[Client]] = {
    "send": Sender,
    "mine": Follower,
    "backoffice": Clerk,
    "ratings": Reader,
}


def arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("--clients", type=int, default=20, help="concurrent clients")
    parser.add_argument("--rate", type=float, default=0.25,
                        help="journeys a client starts a second (mean); 0: no pause")  # fmt: skip
    parser.add_argument("--duration", type=float, default=30, help="seconds per scenario")
    parser.add_argument("--only", nargs="+", choices=SCENARIOS, default=list(SCENARIOS))
    parser.add_argument("--host", help="a running server instead of starting gunicorn")
    parser.add_argument("--agency", default="akimat-kz-75", help="where new staff are heads")
    parser.add_argument("--citizen-login", default=CITIZEN_LOGIN)
    parser.add_argument("--staff-login", default=STAFF_LOGIN)
    parser.add_argument("--password", default=PASSWORD)
    parser.add_argument("--workers", type=int, default=_server.WORKERS, help="gunicorn's")
    parser.add_argument("--threads", type=int, default=0,
                        help="gthread threads a worker (the Dockerfile: 8); 0: sync")  # fmt: skip
    parser.add_argument("--report", type=Path, help="also write the rows here as JSON")
    return parser.parse_args(argv)


def _cast(args: argparse.Namespace) -> Cast:
    from accounts.models import Membership  # once Django is configured
    from agencies.models import Agency

    agency = Agency.objects.get(code=args.agency)
    # With --host the server has its own SECRET_KEY: sessions made here would not sign in.
    each = SENDERS_EACH if "send" in args.only and not args.host else 1
    everyone = ensure_citizens(args.citizen_login, args.clients * each, args.password)
    citizens, others = everyone[: args.clients], everyone[args.clients :]
    heads = [str(Membership.Role.HEAD)] * args.clients
    staff = ensure_staff(args.staff_login, heads, agency, args.password)
    codes = Agency.objects.filter(kind__in=[Agency.Kind.AKIMAT, "ministry"], is_active=True)
    signed_in = list(zip(others, signed_in_sessions(others), strict=True))
    return Cast(citizens, staff, list(codes.values_list("code", flat=True)), signed_in)


def poisson(rate: float) -> Callable[[Client], float]:
    """Pauses of random length, `rate` a second on average: the clients' journeys start at
    independent random moments, as people's do, instead of all at once every 1/rate s
    (which would measure a queue of 20 simultaneous requests, not the pages)."""

    def wait(user: Client) -> float:
        return random.expovariate(rate)

    return wait


def run_scenario(name: str, cast: Cast, url: str, args: argparse.Namespace) -> list[_runner.Row]:
    cast.ready, cast.started = 0, False
    wait: Callable[..., float] = poisson(args.rate) if args.rate else constant(0)
    attributes = {
        "cast": cast,
        "origin": url.replace("http://", "https://", 1),
        "wait_time": wait,
        "first_pause": 1 / args.rate if args.rate else 0.0,
        "abstract": False,
    }
    user = type(name, (USERS[name],), attributes)
    result = _runner.run(
        [user], users=args.clients, spawn_rate=args.clients, duration=args.duration, host=url,
        ready=lambda: cast.ready >= args.clients, go=lambda: setattr(cast, "started", True),
    )  # fmt: skip
    print(f"{name}: {result.generator_load}")
    for line in _runner.errors(result.environment.stats):
        print(f"error in {name}:", line)
    return _runner.rows(name, result.environment.stats)


def verdicts(rows: list[_runner.Row]) -> list[str]:
    lines = []
    for row in rows:
        target_ms = TARGETS.get((row.scenario, row.name))
        if target_ms is not None:
            verdict = "met" if row.p95 <= target_ms else f"MISSED by {row.p95 - target_ms:.0f} ms"
            lines.append(
                f"{row.scenario} / {row.name}: p95 {row.p95:.0f} ms, target ≤ {target_ms} ms: "
                f"{verdict}"
            )
    return lines


def main(argv: list[str] | None = None) -> int:
    args = arguments(argv)
    environment = _server.server_environment(
        database_url=os.environ["DATABASE_URL"],
        redis_url=os.environ["REDIS_URL"],
        media_root=_server.default_media_root(),
        appeals_per_hour=100_000,
    )
    _server.use_environment(environment)
    cast = _cast(args)
    print(_runner.machine_load())
    rows: list[_runner.Row] = []
    with _server.target(args.host, environment, workers=args.workers, threads=args.threads) as url:
        for name in SCENARIOS:
            if name in args.only:
                rows += run_scenario(name, cast, url, args)
    pace = f"{args.rate:g} journeys/s each" if args.rate else "no pause between journeys"
    threads = f" × {args.threads} threads" if args.threads else " (sync)"
    print(f"{args.clients} clients, {pace}, {args.duration:.0f} s per scenario, "
          f"gunicorn {args.workers} workers{threads}")  # fmt: skip
    print(_runner.table(rows))
    print("\n".join(verdicts(rows)))
    errors = sum(row.failures for row in rows if row.name == "all requests")
    errors += cast.failed_logins
    print(f"errors: {errors} (failed log-ins among them: {cast.failed_logins})")
    if args.report:
        report = {
            "rows": [
                {**dataclasses.asdict(row), "target_ms": TARGETS.get((row.scenario, row.name))}
                for row in rows
            ],
            "errors": errors,
        }
        args.report.write_text(json.dumps(report, indent=1))
    return 0 if errors == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
