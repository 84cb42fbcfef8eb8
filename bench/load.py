"""Load scenario: citizens send and follow appeals while staff work the queues.

Usage, against the database in DATABASE_URL (Redis in REDIS_URL):
    .venv/bin/python bench/load.py [--citizens 100] [--staff 10] [--duration 180]

Drives gunicorn (or --host) through the real forms, then checks in the database that the
appeals are exactly the confirmed submissions: nothing lost, nothing doubled
(docs/benchmarks.md). Exits non-zero on any failure.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if Path(sys.path[0]).resolve() == ROOT / "bench":  # run as a script: import from the root
    sys.path[0] = str(ROOT)

import argparse  # noqa: E402
import itertools  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import random  # noqa: E402
from collections import Counter  # noqa: E402
from collections.abc import Iterator  # noqa: E402
from dataclasses import dataclass, field  # noqa: E402
from typing import ClassVar  # noqa: E402

# locust (with gevent) patches the standard library as it is imported, before any socket opens.
from locust import between, task  # noqa: E402

from bench import _runner, _server  # noqa: E402
from bench._journeys import (  # noqa: E402
    Browser,
    Confirmed,
    answer_form,
    assign_form,
    register_form,
)
from bench._users import Login, ensure_citizens, ensure_staff, staff_roles  # noqa: E402

CITIZEN_LOGIN = "load-citizen-{n}@bench.otinish.test"
STAFF_LOGIN = "load-staff-{n}@bench.otinish.test"


@dataclass
class Plan:
    """What the users share: who they are, where they write, and what they achieved."""

    agency_id: int
    citizens: list[Login]
    staff: list[Login]
    confirmed: list[Confirmed] = field(default_factory=list)
    actions: Counter[str] = field(default_factory=Counter)
    _citizen: Iterator[int] = field(default_factory=itertools.count)
    _staff: Iterator[int] = field(default_factory=itertools.count)

    def next_citizen(self) -> Login:
        return self.citizens[next(self._citizen) % len(self.citizens)]

    def next_staff(self) -> Login:
        return self.staff[next(self._staff) % len(self.staff)]


class Citizen(Browser):
    abstract = True
    wait_time = between(4, 12)
    plan: ClassVar[Plan]

    def on_start(self) -> None:
        super().on_start()
        self.login = self.plan.next_citizen()
        if self.log_in("/accounts/login/", self.login):
            self.fetch("GET", "/static/css/portal.css", "static file")

    @task(3)
    def send(self) -> None:
        confirmed = self.send_appeal(self.login.email, addressee=self.plan.agency_id)
        if confirmed is not None:
            self.plan.confirmed.append(confirmed)

    @task(2)
    def follow(self) -> None:
        links = self.my_appeals()
        if links:
            self.fetch("GET", random.choice(links), "my appeal page")


class Staff(Browser):
    abstract = True
    wait_time = between(2, 6)
    plan: ClassVar[Plan]

    def on_start(self) -> None:
        super().on_start()
        self.login = self.plan.next_staff()
        self.log_in("/backoffice/login/?next=/backoffice/", self.login)

    @task
    def work(self) -> None:
        """Executors answer, heads assign or register, registrars register."""
        role = self.login.role
        if role == "executor":
            outcome = self.act(self.queue("mine"), "answer", "kind", answer_form)
        elif role == "head" and random.random() < 0.5:
            registered = self.queue("unit", status="registered")
            outcome = self.act(registered, "assign", "executor", assign_form)
        else:
            outcome = self.act(self.queue("registration"), "register", "comment", register_form)
        self.plan.actions[outcome] += 1


@dataclass(frozen=True)
class Verdict:
    confirmed: int
    in_database: int
    missing: list[str]
    unconfirmed: list[str]
    repeated: list[str]
    wrong_owner: list[str]

    @property
    def ok(self) -> bool:
        lists = (self.missing, self.unconfirmed, self.repeated, self.wrong_owner)
        return self.confirmed == self.in_database and not any(lists)


def appeals_before(emails: list[str]) -> int:
    from appeals.models import Appeal

    last = Appeal.objects.filter(applicant__email__in=emails).order_by("-pk").first()
    return last.pk if last else 0


def verify(plan: Plan, after_id: int) -> Verdict:
    """The appeals these citizens made during the run, against what they saw confirmed."""
    from appeals.models import Appeal

    emails = [login.email for login in plan.citizens]
    made = dict(
        Appeal.objects.filter(applicant__email__in=emails, pk__gt=after_id).values_list(
            "reference", "applicant__email"
        )
    )
    seen = Counter(item.reference for item in plan.confirmed)
    return Verdict(
        confirmed=len(plan.confirmed),
        in_database=Appeal.objects.filter(applicant__email__in=emails, pk__gt=after_id).count(),
        missing=sorted(set(seen) - set(made)),
        unconfirmed=sorted(set(made) - set(seen)),
        repeated=sorted(reference for reference, times in seen.items() if times > 1),
        wrong_owner=sorted(
            item.reference
            for item in plan.confirmed
            if item.reference in made and made[item.reference] != item.email
        ),
    )


def arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("--citizens", type=int, default=100)
    parser.add_argument("--staff", type=int, default=10)
    parser.add_argument("--duration", type=float, default=180, help="seconds")
    parser.add_argument("--spawn-rate", type=float, default=5, help="users started per second")
    parser.add_argument("--host", help="a running server instead of starting gunicorn")
    parser.add_argument("--agency", default="akimat-kz-75", help="where staff work")
    parser.add_argument("--citizen-login", default=CITIZEN_LOGIN)
    parser.add_argument("--staff-login", default=STAFF_LOGIN)
    parser.add_argument("--media-root", type=Path, help="where uploads go (.devdata/bench-media)")
    parser.add_argument("--report", type=Path, help="also write the outcome here as JSON")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = arguments(argv)
    environment = _server.server_environment(
        database_url=os.environ["DATABASE_URL"],
        redis_url=os.environ["REDIS_URL"],
        media_root=args.media_root or _server.default_media_root(),
        appeals_per_hour=100_000,
    )
    _server.use_environment(environment)
    from agencies.models import Agency  # once Django is configured

    agency = Agency.objects.get(code=args.agency)
    citizens = ensure_citizens(args.citizen_login, args.citizens)
    staff = ensure_staff(args.staff_login, staff_roles(args.staff), agency)
    after_id = appeals_before([login.email for login in citizens])
    print(_runner.machine_load())
    with _server.target(args.host, environment) as url:
        plan = Plan(agency.pk, citizens, staff)
        users = _user_classes(plan, url, args.citizens, args.staff)
        result = _runner.run(
            users, users=args.citizens + args.staff, spawn_rate=args.spawn_rate,
            duration=args.duration, host=url,
        )  # fmt: skip
    stats = result.environment.stats
    verdict = verify(plan, after_id)
    print(f"{args.citizens} citizens and {args.staff} staff for {args.duration:.0f} s; "
          f"gunicorn {_server.WORKERS} workers")  # fmt: skip
    print(_runner.table(_runner.rows("load", stats)))
    print(_summary(plan, verdict))
    print(result.generator_load)
    for line in _runner.errors(stats):
        print("error:", line)
    failures = stats.total.num_failures
    if args.report:
        args.report.write_text(_report(plan, verdict, failures, stats.total.num_requests))
    return 0 if failures == 0 and verdict.ok else 1


def _user_classes(plan: Plan, url: str, citizens: int, staff: int) -> list[type[Browser]]:
    """The two kinds of users, bound to this run's plan, in the numbers asked for."""
    origin = url.replace("http://", "https://", 1)
    classes: list[type[Browser]] = []
    for base, count in ((Citizen, citizens), (Staff, staff)):
        if count:
            attributes = {"plan": plan, "origin": origin, "fixed_count": count, "abstract": False}
            classes.append(type(base.__name__, (base,), attributes))
    return classes


def _summary(plan: Plan, verdict: Verdict) -> str:
    actions = ", ".join(f"{name} {count}" for name, count in sorted(plan.actions.items()))
    lines = [
        f"confirmed submissions: {verdict.confirmed}; appeals of these citizens in the "
        f"database: {verdict.in_database} -> {'EQUAL' if verdict.ok else 'MISMATCH'}",
        f"staff actions: {actions or 'none'}",
    ]
    for label, items in (
        ("confirmed but not in the database", verdict.missing),
        ("in the database but never confirmed", verdict.unconfirmed),
        ("confirmed more than once", verdict.repeated),
        ("confirmed to another citizen", verdict.wrong_owner),
    ):
        if items:
            lines.append(f"{label}: {len(items)}: {', '.join(items[:10])}")
    return "\n".join(lines)


def _report(plan: Plan, verdict: Verdict, failures: int, requests: int) -> str:
    return json.dumps(
        {
            "requests": requests,
            "failures": failures,
            "confirmed": [
                {"email": c.email, "reference": c.reference, "appeal_id": c.appeal_id}
                for c in plan.confirmed
            ],
            "in_database": verdict.in_database,
            "ok": verdict.ok,
            "actions": dict(plan.actions),
        },
        ensure_ascii=False,
        indent=1,
    )


if __name__ == "__main__":
    sys.exit(main())
