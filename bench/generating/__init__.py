"""Synthetic history for benchmarks: millions of appeals written straight into PostgreSQL.

The rows are computed on the server (INSERT … SELECT over generate_series); Python only
plans. Every random choice is a hash of (seed, appeal number, purpose), so a batch gives
the same rows whatever runs it; batches commit one by one. Every index, constraint and
trigger holds as for the services' writes. How and why: docs/benchmarks.md.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.contrib.auth.hashers import make_password
from django.db import connection
from django.utils import timezone

from accounts.models import Membership
from bench.generating.batches import run_batches
from bench.generating.meetings import meetings_generate
from bench.generating.people import (
    People,
    people_create,
    reserve_ids,
    reserve_reference_numbers,
)
from bench.generating.plan import (
    BENCH_DOMAIN,
    DEFAULT_PASSWORD,
    DEFAULT_STAFF,
    Options,
    Plan,
    Report,
)

__all__ = ["DEFAULT_PASSWORD", "DEFAULT_STAFF", "Options", "Report", "appeals_generate"]


def appeals_generate(
    options: Options, progress: Callable[[int], None] = lambda done: None
) -> Report:
    """Write `options.count` appeals with their people, events and ratings; returns the tally."""
    report = Report()
    started = time.monotonic()
    plan = Plan(options, timezone.now())
    people = people_create(plan, make_password(options.password))  # hashed once for everyone
    report.citizens, report.staff = people.citizens, people.staff
    report.people_seconds = time.monotonic() - started
    appeal_base = reserve_ids("appeals_appeal", options.count)
    reference_base = reserve_reference_numbers(options.count)
    try:
        run_batches(plan, people, appeal_base, reference_base, report, progress)
    except KeyboardInterrupt:
        report.interrupted = True
    if not report.interrupted:
        report.meetings, report.questions = meetings_generate(plan, people)
    # Fresh statistics for the planner; none for tables a run interrupted at once left as
    # they were (zero live rows on the pages of rolled-back batches would mislead it).
    tables = ["accounts_user", "accounts_membership"]
    if report.appeals:
        tables += ["appeals_appeal", "appeals_appealevent", "ratings_feedback"]
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {', '.join(tables)}")
    report.seconds = time.monotonic() - started
    report.logins = _logins(plan, people)
    return report


def _logins(plan: Plan, people: People) -> list[tuple[str, str]]:
    """Citizen number one (the most prolific by construction) and the biggest body's staff."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM appeals_appeal WHERE applicant_id = %s", [people.citizen_base]
        )
        (appeals,) = cursor.fetchone()
    logins = [(f"citizen-{people.citizen_first}@{BENCH_DOMAIN}", f"citizen, {appeals} appeals")]
    biggest = plan.biggest_agency()
    for role in (Membership.Role.REGISTRAR, Membership.Role.HEAD, Membership.Role.EXECUTOR):
        first_id, _size = biggest.staff[role.value]
        number = people.staff_first + first_id - people.staff_base
        logins.append((f"staff-{number}@{BENCH_DOMAIN}", f"{role}, {biggest.agency.code}"))
    return logins
