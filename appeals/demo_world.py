"""The demo's bodies and their habits: every akimat of a region or city and every active
ministry, each with enough appeals over two years to be ranked in every published period
(docs/rankings.md, "The demo's rankings"); and what an appeal of a given age has become."""

from __future__ import annotations

import datetime
import random
from collections.abc import Iterator
from dataclasses import dataclass

from django.conf import settings

from accounts.models import User
from agencies.models import Agency, Category, Region
from appeals.models import Appeal

Status = Appeal.Status
DAYS_OF_HISTORY = 730
RECENT_DAYS = 30
# Appeals per body in the last RECENT_DAYS, per case a rank needs (times the body's size),
# and in the rest of the two years: enough ratings in the last 30 days for every body.
RECENT_PER_CASE = 4
OLDER_PER_CASE = 3
# Sizes of the bodies that get more appeals than most; the others draw from 0.9 to 1.2.
SIZES = {"akimat-kz-75": 1.6, "akimat-kz-71": 1.5, "akimat-kz-79": 1.3, "mtszn": 1.5}
# One body leaves many appeals without consideration: its answer rate shows it (method. 3).
TERMINATING = {"akimat-kz-71": 0.25}
TERMINATING_ELSEWHERE = 0.03
# Answers sent over a warning of the answer check (method. 4): one body does it often.
WARNED = {"akimat-kz-75": 0.15}
WARNED_ELSEWHERE = 0.03
RATED_SHARE = 0.65  # of the answers, rated by their applicants
WITHDRAWN_SHARE = 0.04
# Days to a late answer: past a deadline of 15 working days, three weeks or so.
LATE_DAYS = (22, 35)
# Appeals younger than this a body may have left lying past their deadline, unanswered.
STUCK_DAYS = 90


@dataclass(frozen=True)
class Body:
    """A ranked body of the demo, its people and its habits."""

    agency: Agency
    people: dict[str, int]  # the ids of its registrar, executor and head, by role
    applicants: list[int]
    categories: list[int]
    regions: list[int]  # where its appeals come from
    size: float  # more or fewer appeals than most
    speed: int  # the days it takes to answer, on average
    late: float  # the share of answers it gives past the deadline
    stuck: float  # the share of appeals it leaves lying past the deadline
    terminating: float
    warned: float
    unhappy: float  # the share of its ratings that are "not satisfied"


def ranked_agencies() -> list[Agency]:
    """The 20 akimats of regions and cities and the active ministries, by code."""
    kinds = (Agency.Kind.AKIMAT, Agency.Kind.MINISTRY)
    return list(
        Agency.objects.filter(kind__in=kinds, is_active=True)
        .select_related("region")
        .order_by("code")
    )


def demo_bodies(
    rng: random.Random, staff: dict[str, dict[str, User]], applicants: dict[str, list[User]]
) -> list[Body]:
    """Every ranked body with its habits, drawn once from the seed."""
    local = list(
        Category.objects.filter(jurisdiction="local", parent__isnull=False).values_list(
            "pk", flat=True
        )
    )
    central: dict[int, list[int]] = {}
    for pk, body in Category.objects.filter(
        jurisdiction="central", parent__isnull=False
    ).values_list("pk", "central_agency_id"):
        central.setdefault(body, []).append(pk)
    regions = list(Region.objects.order_by("code").values_list("pk", flat=True))
    bodies = []
    for agency in ranked_agencies():
        code = agency.code
        bodies.append(Body(
            agency=agency, people={role: user.pk for role, user in staff[code].items()},
            applicants=[user.pk for user in applicants[code]],
            categories=central.get(agency.pk) or local,
            regions=[agency.region_id] if agency.region_id else regions,
            size=SIZES.get(code, round(rng.uniform(0.9, 1.2), 2)),
            speed=rng.randint(3, 10), late=round(rng.uniform(0, 0.2), 3),
            stuck=round(rng.uniform(0.01, 0.06), 3),
            terminating=TERMINATING.get(code, TERMINATING_ELSEWHERE),
            warned=WARNED.get(code, WARNED_ELSEWHERE), unhappy=round(rng.uniform(0.08, 0.45), 2),
        ))  # fmt: skip
    return bodies


def receipt_times(
    rng: random.Random, now: datetime.datetime, body: Body
) -> Iterator[datetime.datetime]:
    """When the body's appeals were received: many in the last 30 days, fewer before."""
    cases = settings.RANKINGS_MIN_CASES
    spans = (
        (round(RECENT_PER_CASE * cases * body.size), 60, RECENT_DAYS * 24 * 60),
        (
            round(OLDER_PER_CASE * cases * body.size),
            RECENT_DAYS * 24 * 60,
            DAYS_OF_HISTORY * 24 * 60,
        ),
    )
    for count, earliest, latest in spans:
        for _ in range(count):
            yield now - datetime.timedelta(minutes=rng.randint(earliest, latest))


def closing_delay(rng: random.Random, body: Body) -> datetime.timedelta:
    """How long after receipt the body answers an appeal (or leaves it unconsidered): half a
    day at least (after the assignment), and now and then past the deadline."""
    if rng.random() < body.late:
        return datetime.timedelta(days=rng.uniform(*LATE_DAYS))
    return datetime.timedelta(days=rng.uniform(0.5, 2 * body.speed))


def status_at(
    rng: random.Random, body: Body, age: datetime.timedelta, delay: datetime.timedelta
) -> str:
    """The status now of an appeal received `age` ago, that the body closes after `delay`:
    closed once that time has passed, unless withdrawn before or left lying."""
    if age > datetime.timedelta(hours=30) and rng.random() < WITHDRAWN_SHARE:
        return Status.WITHDRAWN
    lying = age.days < STUCK_DAYS and rng.random() < body.stuck
    if age >= delay and not lying:
        return Status.TERMINATED if rng.random() < body.terminating else Status.ANSWERED
    if age < datetime.timedelta(days=1):
        return rng.choice((Status.SUBMITTED, Status.SUBMITTED, Status.REGISTERED))
    if lying:  # never registered, or never answered
        return rng.choice((Status.SUBMITTED, Status.IN_PROGRESS, Status.IN_PROGRESS))
    return rng.choice((Status.REGISTERED, *[Status.IN_PROGRESS] * 4))
