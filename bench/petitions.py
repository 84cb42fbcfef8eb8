"""Benchmark: citizens sign one petition through gunicorn while others read its page.

Usage, against the database in DATABASE_URL (Redis in REDIS_URL):
    .venv/bin/python bench/petitions.py [--rate 200] [--duration 30] [--readers 10]

Each signing request is a new verified citizen's, his session written straight into the
table. Prints p50/p95/p99 of signing and of the page, the rate achieved, errors, and
whether the count is exact (docs/benchmarks.md, "Petitions")."""

from __future__ import annotations

import sys
from pathlib import Path

# Run as a script, this file's folder would come first on the path and bench/http.py would
# hide the standard library's `http`: import from the project's root instead.
ROOT = Path(__file__).resolve().parent.parent
if Path(sys.path[0]).resolve() == ROOT / "bench":
    sys.path[0] = str(ROOT)

import argparse  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import random  # noqa: E402
import secrets  # noqa: E402
from collections import Counter  # noqa: E402
from dataclasses import dataclass, field  # noqa: E402
from typing import Any, ClassVar  # noqa: E402

# locust (with gevent) patches the standard library as it is imported, before any socket opens.
import gevent  # noqa: E402
from locust import constant_throughput, task  # noqa: E402

from bench import _runner, _server  # noqa: E402
from bench._journeys import Browser, location  # noqa: E402
from bench._server import PROXY_HEADERS  # noqa: E402

SIGNER_LOGIN = "petition-signer-{n}@bench.otinish.test"
AUTHOR_LOGIN = "petition-author@bench.otinish.test"
MODERATOR_LOGIN = "petition-moderator@bench.otinish.test"
ADDRESSEE = "akimat-kz-75-almaly"
SIGNERS = 20  # concurrent signing clients; the rate is shared among them (docs/benchmarks.md)
CSRF_SECRET = "b" * 32  # the cookie's secret, sent back in the header as a browser's script would
TARGETS = {"sign": 150, "petition page": 30}  # p95, ms
# They never log in with a password: their sessions are written directly.
UNUSABLE = "!"
MESSAGE_SUCCESS = 25  # django.contrib.messages' SUCCESS level


@dataclass
class Crowd:
    """The sessions still unused, and what the signers were told."""

    sessions: list[str]
    page: str = ""
    origin: str = ""
    ready: int = 0
    started: bool = False
    told: Counter[str] = field(default_factory=Counter)

    def take(self) -> str | None:
        return self.sessions.pop() if self.sessions else None


class Person(Browser):
    abstract = True
    crowd: ClassVar[Crowd]

    def on_start(self) -> None:
        super().on_start()
        self.crowd.ready += 1
        while not self.crowd.started:
            gevent.sleep(0.05)


class Signer(Person):
    abstract = True

    @task
    def sign(self) -> None:
        """A new citizen signs; anything but a 302 with the success message is a failure."""
        session = self.crowd.take()
        if session is None:
            self.fail("no signer left: more --rate × --duration than prepared")
            return
        self.client.cookiejar.clear()
        page = self.crowd.page
        headers = {
            **PROXY_HEADERS, "Cookie": f"sessionid={session}; csrftoken={CSRF_SECRET}",
            "X-CSRFToken": CSRF_SECRET, "Origin": self.crowd.origin,
            "Referer": f"{self.crowd.origin}{page}",
        }  # fmt: skip
        with self.client.request(
            "POST", f"{page}sign/", name="sign", headers=headers, allow_redirects=False,
            catch_response=True,
        ) as response:  # fmt: skip
            told = told_of(self.client.cookiejar, response.status_code, location(response))
            self.crowd.told[told] += 1
            if told == "signed":
                response.success()
            else:
                response.failure(told)


class Reader(Person):
    abstract = True

    @task
    def read(self) -> None:
        self.client.cookiejar.clear()
        self.fetch("GET", self.crowd.page, "petition page")


def told_of(cookiejar: Any, status: int, where: str) -> str:
    """What the response said: "signed", or the refusal (by the messages cookie's level)."""
    from django.contrib.messages.storage.cookie import CookieStorage
    from django.http import HttpRequest

    if status != 302:
        return f"HTTP {status}"
    request = HttpRequest()
    request.COOKIES = {c.name: c.value for c in cookiejar if c.name == "messages"}
    messages = list(CookieStorage(request))
    if not messages:
        return f"no message ({where})"
    return "signed" if messages[-1].level == MESSAGE_SUCCESS else f"refused: {messages[-1]}"


def signers_ensure(count: int) -> list[Any]:
    """`count` verified citizens, made once and reused: each run signs a new petition."""
    import datetime

    from django.utils import timezone

    from accounts.models import User
    from bench._users import _unused_iins

    emails = [SIGNER_LOGIN.format(n=n) for n in range(1, count + 1)]
    existing = set(User.objects.filter(email__in=emails).values_list("email", flat=True))
    missing = [email for email in emails if email not in existing]
    now = timezone.now()
    User.objects.bulk_create(
        (
            User(
                email=email,
                password=UNUSABLE,
                full_name=f"Бенчев{n} Асет Маратович",
                iin_bin=iin,
                iin_verified_at=now,
                date_joined=now - datetime.timedelta(days=30),
            )
            for n, (email, iin) in enumerate(zip(missing, _unused_iins(len(missing)), strict=True))
        ),
        batch_size=2_000,
    )
    return list(User.objects.filter(email__in=emails).only("pk", "password"))


def sessions_make(users: list[Any]) -> list[str]:
    """A signed-in session for each, written in bulk as the login would leave it."""
    import datetime

    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    store, expiry = SessionStore(), timezone.now() + datetime.timedelta(hours=2)
    backend = "django.contrib.auth.backends.ModelBackend"
    sessions = {
        secrets.token_hex(16): {
            SESSION_KEY: str(user.pk),
            BACKEND_SESSION_KEY: backend,
            HASH_SESSION_KEY: user.get_session_auth_hash(),
        }
        for user in users
    }
    Session.objects.bulk_create(
        (
            Session(session_key=key, expire_date=expiry, session_data=store.encode(data))
            for key, data in sessions.items()
        ),
        batch_size=2_000,
    )
    return list(sessions)


def _person(email: str, **fields: Any) -> Any:
    from accounts.models import User
    from bench._users import _unused_iins

    user = User.objects.filter(email=email).first()
    if user is None:
        iin = _unused_iins(1)[0] if fields.get("iin_verified_at") else ""
        user = User.objects.create(email=email, password=UNUSABLE, iin_bin=iin, **fields)
    return user


def petition_open() -> Any:
    """A new petition to a district akimat, filed and accepted through the services."""
    from django.utils import timezone

    from accounts.models import Membership
    from agencies.models import Agency, Category
    from petitions.filing import Draft, petition_file
    from petitions.models import PetitionLevel
    from petitions.moderation import petition_accept
    from petitions.reference import petition_rules_load

    if not PetitionLevel.objects.exists():
        petition_rules_load()
    author = _person(AUTHOR_LOGIN, full_name="Бенчева Айгуль Сериковна",
                     iin_verified_at=timezone.now())  # fmt: skip
    moderator = _person(MODERATOR_LOGIN, full_name="Модератор Бенча")
    Membership.objects.get_or_create(
        user=moderator, agency=Agency.objects.get(code="mki"), role=Membership.Role.MODERATOR
    )
    draft = Draft(
        addressee=Agency.objects.get(code=ADDRESSEE),
        category=Category.objects.get(code="housing-heating"),
        title="Бенчмарк: отремонтировать котельную", text="Котельная работает с перебоями.",
        demand="Включить ремонт котельной в план.",
    )  # fmt: skip
    filed = petition_file(author=author, draft=draft, files=[], not_excluded=True)
    return petition_accept(moderator=moderator, petition_id=filed.pk)


def run(args: argparse.Namespace, crowd: Crowd, url: str) -> _runner.Result:
    """The signers share --rate among them, the readers read at --read-rate each; every
    client starts at a random moment of its first period, so that they do not go in step."""

    def phased(cls: type[Person], rate: float, count: int) -> type[Person]:
        def on_start(self: Person) -> None:
            cls.on_start(self)
            gevent.sleep(random.uniform(0, 1 / rate))

        return type(cls.__name__.lower(), (cls,), {
            "crowd": crowd, "origin": crowd.origin, "abstract": False, "on_start": on_start,
            "wait_time": constant_throughput(rate), "fixed_count": count,
        })  # fmt: skip

    users = [phased(Signer, args.rate / args.signers, args.signers)]
    if args.readers:
        users.append(phased(Reader, args.read_rate, args.readers))
    total = args.signers + args.readers
    return _runner.run(
        users, users=total, spawn_rate=total, duration=args.duration, host=url,
        ready=lambda: crowd.ready >= total, go=lambda: setattr(crowd, "started", True),
    )  # fmt: skip


def check(petition_id: int, crowd: Crowd) -> dict[str, Any]:
    """The count against the rows and against the responses that said "signed"."""
    from petitions.models import Signature
    from petitions.signing import signature_count

    rows = Signature.objects.filter(petition_id=petition_id, withdrawn_at__isnull=True).count()
    count, signed = signature_count(petition_id), crowd.told["signed"]
    return {"rows": rows, "count": count, "signed": signed,
            "exact": rows == count == signed}  # fmt: skip


def arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("--rate", type=float, default=200, help="signatures a second, in all")
    parser.add_argument("--duration", type=float, default=30, help="seconds of signing")
    parser.add_argument("--signers", type=int, default=SIGNERS, help="concurrent signing clients")
    parser.add_argument("--readers", type=int, default=10, help="clients reading the page")
    parser.add_argument("--read-rate", type=float, default=2, help="page reads a second each")
    parser.add_argument("--workers", type=int, default=_server.WORKERS, help="gunicorn's")
    parser.add_argument(
        "--threads", type=int, default=0, help="gunicorn's gthread threads a worker (the "
        "Dockerfile runs 8); 0: sync workers, which kept the page's p95 lower here",
    )  # fmt: skip
    parser.add_argument("--report", type=Path, help="also write the figures here as JSON")
    return parser.parse_args(argv)


def environment_for_server() -> dict[str, str]:
    environment = _server.server_environment(
        database_url=os.environ["DATABASE_URL"], redis_url=os.environ["REDIS_URL"],
        media_root=_server.default_media_root(), appeals_per_hour=100_000,
    )  # fmt: skip
    # Every bench signer signs from 127.0.0.1: the limits have their own tests.
    limits = {"PETITIONS_SIGN_PER_ACCOUNT_HOUR": "1000000", "PETITIONS_SIGN_PER_ADDRESS_HOUR":
              "1000000", "PETITIONS_FILED_PER_DAY": "1000000"}  # fmt: skip
    return {**environment, **limits}


def main(argv: list[str] | None = None) -> int:
    args = arguments(argv)
    environment = environment_for_server()
    _server.use_environment(environment)
    from django.contrib.sessions.models import Session

    needed = int(args.rate * args.duration * 1.2) + args.signers
    sessions = sessions_make(signers_ensure(needed))
    crowd, petition = Crowd(list(sessions)), petition_open()
    print(_runner.machine_load())
    try:
        with _server.gunicorn(environment, workers=args.workers, threads=args.threads) as server:
            crowd.page = f"/petitions/{petition.slug}/"
            crowd.origin = server.url.replace("http://", "https://", 1)
            result = run(args, crowd, server.url)
    finally:
        Session.objects.filter(session_key__in=sessions).delete()
    rows = _runner.rows("petitions", result.environment.stats)
    exact = check(petition.pk, crowd)
    figures = {"check": exact, "told": dict(crowd.told),
               "seconds": result.seconds, "rows": [vars(row) for row in rows]}  # fmt: skip
    lines = report_lines(args, result, rows, figures)
    print("\n".join(lines))
    if args.report:
        args.report.write_text(
            json.dumps({**figures, "lines": lines}, ensure_ascii=False, indent=1)
        )
    errors = sum(row.failures for row in rows if row.name == "all requests")
    return 0 if errors == 0 and exact["exact"] else 1


def report_lines(
    args: argparse.Namespace, result: _runner.Result, rows: list[_runner.Row],
    figures: dict[str, Any],
) -> list[str]:  # fmt: skip
    signing = next((row for row in rows if row.name == "sign"), None)
    achieved = signing.requests / result.seconds if signing and result.seconds else 0.0
    check_ = figures["check"]
    lines = [
        result.generator_load,
        f"{args.signers} signers sharing {args.rate:g} signatures/s, {args.readers} readers at "
        f"{args.read_rate:g}/s each, {args.duration:g} s, gunicorn {args.workers} workers"
        + (f" × {args.threads} threads" if args.threads else ""),
        _runner.table(rows),
        f"signing achieved {achieved:.1f}/s (target {args.rate:g}/s)",
    ]
    for name, target_ms in TARGETS.items():
        row = next((row for row in rows if row.name == name), None)
        if row is not None:
            verdict = "met" if row.p95 <= target_ms else f"MISSED by {row.p95 - target_ms:.0f} ms"
            lines.append(f"{name}: p50 {row.p50:.0f} ms, p95 {row.p95:.0f} ms, "
                         f"target ≤ {target_ms} ms: {verdict}")  # fmt: skip
    lines += [f"{told}: {n}" for told, n in figures["told"].items() if told != "signed"]
    lines.append(
        f"count {check_['count']}, active rows {check_['rows']}, responses 'signed' "
        f"{check_['signed']}: {'exact' if check_['exact'] else 'NOT EXACT'}"
    )
    lines += [f"error: {line}" for line in _runner.errors(result.environment.stats)]
    return lines


if __name__ == "__main__":
    sys.exit(main())
