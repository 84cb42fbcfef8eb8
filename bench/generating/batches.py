"""Writing the appeals: the plan as small temporary tables of each connection, then batches
of INSERT … SELECT on one or more connections, each batch in its own transaction."""

from __future__ import annotations

import datetime
import io
import threading
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_EXCEPTION, ThreadPoolExecutor, wait
from contextlib import suppress
from typing import Any

from django.db import DatabaseError, connection, transaction

from agencies.models import Agency, AppealType, Category
from agencies.workdays import ALMATY, workday_cutoff
from appeals.forwards import FORWARD_WORKING_DAYS
from appeals.models import NEVER_DELETED
from bench.generating import complaints, inserts, sql, words
from bench.generating.answers import answer_parameters
from bench.generating.people import People
from bench.generating.plan import (
    COMPLAINTS_LINKED,
    DAY_OFF_HOURS,
    EXTENDED,
    FORWARDED,
    PARTLY_UPHELD,
    RATED,
    RETURNED,
    RETURNS_SINCE_DAYS,
    TERMINATED,
    TYPE_WEIGHTS,
    UPHELD,
    WITHDRAWN,
    WORKING_HOURS,
    Plan,
    Report,
    cumulative,
)
from core import checked_writes


def _pg_array(values: Sequence[float]) -> str:
    return "{" + ",".join(repr(v) for v in values) + "}"


def _copy_value(value: Any) -> str:
    """One value in COPY's text format."""
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, datetime.date):  # dates and date-times
        return value.isoformat()
    text = str(value)
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


def _copy(cursor: Any, table: str, rows: Sequence[Sequence[Any]]) -> None:
    buffer = io.StringIO()
    for row in rows:
        buffer.write("\t".join(_copy_value(value) for value in row) + "\n")
    buffer.seek(0)
    cursor.copy_expert(f"COPY {table} FROM STDIN", buffer)


def _session_rows(plan: Plan) -> dict[str, list[tuple[Any, ...]]]:
    """The plan as the rows of the small temporary tables the batches join."""
    days, first = [], 0
    today = plan.now.astimezone(ALMATY).date()
    for day, count, working in plan.days:
        until = plan.extension_until(day)
        days.append((day, first, count, working, day == today, until, until.isoformat()))
        first += count
    agencies = []
    for pk, p in plan.agencies.items():
        staff = [p.staff.get(role, (None, 0)) for role in sql.STAFF_ROLES]
        agencies.append((
            pk, p.agency.kind, p.agency.region_id, p.agency.parent_id,
            _pg_array([c for c, _w in p.categories]),
            _pg_array(cumulative([w for _c, w in p.categories]) if p.categories else []),
            p.predecessor_id, p.predecessor_until, p.dissatisfied, p.late, p.abandoned,
            *[value for block in staff for value in block],
        ))  # fmt: skip
    fields = ("pk", "name_ru", "name_kk", "name_en", "jurisdiction")
    return {
        "gen_day": days,
        "gen_due": [(d, s, a, due, due.isoformat()) for d, s, a, due in plan.deadline_rows()],
        "gen_agency": agencies,
        "gen_category": list(Category.objects.values_list(*fields)),
    }


def _session_tables(tables: dict[str, list[tuple[Any, ...]]]) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql.SESSION_TABLES)
        for table, rows in tables.items():
            _copy(cursor, table, rows)
        cursor.execute("ANALYZE " + ", ".join(tables))


def _batch_parameters(
    plan: Plan, people: People, appeal_base: int, reference_base: int
) -> dict[str, Any]:
    options = plan.options
    today = plan.now.astimezone(ALMATY)
    midnight = today.replace(hour=0, minute=0, second=0, microsecond=0)
    ministries = [
        p for p in plan.agencies.values()
        if p.agency.kind in (Agency.Kind.MINISTRY, Agency.Kind.CENTRAL) and p.weight > 0
    ]  # fmt: skip
    chosen = [p for p in plan.agencies.values() if p.weight > 0]
    cutoff = workday_cutoff()
    complaint_type = AppealType.objects.filter(code="complaint").values_list("pk", flat=True)
    return {
        "seed": options.seed * 64,
        "now": plan.now,
        "tz": str(ALMATY),
        "forward_share": FORWARDED,
        "forward_days": FORWARD_WORKING_DAYS,
        "withdrawn_share": WITHDRAWN,
        "terminated_share": TERMINATED,
        "extended_share": EXTENDED,
        "rated_share": RATED,
        "complaint_type_id": complaint_type.first() or 0,
        "complaint_share": COMPLAINTS_LINKED,
        "upheld_share": UPHELD,
        "partly_upheld_share": PARTLY_UPHELD,
        "returns_since": plan.now - datetime.timedelta(days=RETURNS_SINCE_DAYS),
        "return_share": RETURNED,
        "today_seconds": int((today - midnight).total_seconds()),
        "cutoff": cutoff.hour * 3600 + cutoff.minute * 60,
        "hours_working": cumulative(WORKING_HOURS),
        "hours_day_off": cumulative(DAY_OFF_HOURS),
        "type_cum": cumulative([TYPE_WEIGHTS.get(t.code, 5) for t in plan.types]),
        "type_ids": [t.pk for t in plan.types],
        "type_prefixes": [t.prefix for t in plan.types],
        "type_days": [t.deadline_working_days for t in plan.types],
        "agency_cum": cumulative([p.weight for p in chosen]),
        "agency_ids": [p.agency.pk for p in chosen],
        "region_cum": cumulative([plan.region_weight(r) for r in plan.regions]),
        "region_ids": [r.pk for r in plan.regions],
        "ministry_cum": cumulative([p.weight for p in ministries] or [1]),
        "ministry_ids": [p.agency.pk for p in ministries] or [None],
        "citizen_base": people.citizen_base,
        "citizens": people.citizens,
        "staff_base": people.staff_base,
        "staff_first": people.staff_first,
        "appeal_base": appeal_base,
        "reference_base": reference_base,
        **words.NAMES,
        **words.TEXTS,
        **answer_parameters(),
    }


class _Run:
    """One run's batches, taken one at a time by its workers, each on its own connection."""

    def __init__(self, plan: Plan, parameters: dict[str, Any], report: Report,
                 progress: Callable[[int], None]) -> None:  # fmt: skip
        with connection.cursor() as cursor:
            self.foreign_keys = checked_writes.foreign_keys(cursor, inserts.TABLES)
            self.skip_triggers = checked_writes.may_skip_triggers(cursor)
        count, size = plan.options.count, plan.options.batch_size
        self.batches = [(start, min(start + size, count)) for start in range(0, count, size)]
        self.pending = iter(self.batches)
        self.tables = _session_rows(plan)
        self.parameters, self.report, self.progress = parameters, report, progress
        self.lock, self.stop = threading.Lock(), threading.Event()
        self.connections: list[Any] = []  # to cancel the running statements on Ctrl-C

    def work(self, *, own_connection: bool) -> None:
        try:
            connection.ensure_connection()
            with self.lock:
                self.connections.append(connection.connection)
            _session_tables(self.tables)
            while not self.stop.is_set() and (batch := self.take()) is not None:
                self.write(*batch)
        except BaseException:
            self.stop.set()
            raise
        finally:
            if own_connection:
                connection.close()
            else:  # the caller's connection: leave it as it was, unless it is already broken
                with suppress(DatabaseError), connection.cursor() as cursor:
                    cursor.execute(sql.DROP_SESSION_TABLES)

    def take(self) -> tuple[int, int] | None:
        with self.lock:
            return next(self.pending, None)

    def write(self, start: int, end: int) -> None:
        """One batch in one transaction: its appeals, their events and their ratings.

        As a superuser it skips the per-row triggers (core/checked_writes.py): the
        foreign keys are checked per statement instead, and the batch logs its appeals for
        the rankings' tallies as the skipped statement triggers would have.
        """
        parameters = {**self.parameters, "n0": start, "n1": end}
        counts: Counter[str] = Counter()
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql.BATCH_SETTINGS)
            if self.skip_triggers:
                cursor.execute(checked_writes.SKIP_TRIGGERS)
            cursor.execute(complaints.LINK_TABLE)
            cursor.execute(sql.BATCH, parameters)
            # The complaints that found their appeal, written again as complaints about it.
            cursor.execute(complaints.LINKS, parameters)
            cursor.execute(sql.BATCH_LINKED, parameters)
            cursor.execute(complaints.LINKED)
            for table, statement in inserts.INSERTS:
                counts[table] += checked_writes.write_checked(
                    cursor, table, statement, self.foreign_keys[table], unlocked=NEVER_DELETED
                )
            if self.skip_triggers:
                cursor.execute(sql.RESTORE_TRIGGERS)
        with self.lock:
            self.report.appeals += counts["appeals_appeal"]
            self.report.events += counts["appeals_appealevent"]
            self.report.ratings += counts["ratings_feedback"]
            self.progress(self.report.appeals)

    def cancel(self) -> None:
        self.stop.set()
        with self.lock:
            for raw in self.connections:
                raw.cancel()  # the batch in progress rolls back


def run_batches(
    plan: Plan,
    people: People,
    appeal_base: int,
    reference_base: int,
    report: Report,
    progress: Callable[[int], None],
) -> None:
    """Every batch, on `options.workers` connections at once; Ctrl-C keeps whole batches."""
    parameters = _batch_parameters(plan, people, appeal_base, reference_base)
    run = _Run(plan, parameters, report, progress)
    workers = max(1, min(plan.options.workers, len(run.batches)))
    if workers == 1:  # on the caller's connection, inside its transaction if it has one
        run.work(own_connection=False)
        return
    with ThreadPoolExecutor(workers) as pool:
        futures = [pool.submit(run.work, own_connection=True) for _ in range(workers)]
        try:
            done, _ = wait(futures, return_when=FIRST_EXCEPTION)
            for future in done:
                future.result()
        except BaseException:
            run.cancel()
            wait(futures)
            raise
