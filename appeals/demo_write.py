"""The demo's rows and how they are written: appeals, their route's events and ratings,
staged with COPY into temporary tables and moved into place with one INSERT … SELECT each,
in one transaction, as the CSV import does (appeals/importing.py). Every trigger, index and
constraint holds as for the services' writes; no model instance is built, which for ten
thousand appeals and their events took longer than writing them."""

from __future__ import annotations

import datetime
import io
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db import connection, transaction

from appeals.models import format_reference, next_reference_numbers

APPEAL_TEXT = "Прошу рассмотреть мою проблему и принять меры."


@dataclass(slots=True)
class DemoEvent:
    """One step of a route, as appeals/steps.py records it."""

    action: str
    actor_id: int | None
    created_at: datetime.datetime
    from_status: str
    to_status: str
    to_agency_id: int | None
    from_agency_id: int | None = None
    comment: str = ""
    data: dict[str, object] = field(default_factory=dict)


@dataclass(slots=True)
class DemoAppeal:
    """An appeal to write, with its route and its rating (None: not rated)."""

    prefix: str  # of its type, for the reference number
    type_id: int
    applicant_id: int
    category_id: int
    region_id: int
    subject: str
    agency_code: str
    agency_id: int
    addressee_id: int
    status: str
    received_at: datetime.datetime
    due_at: datetime.datetime
    answered_at: datetime.datetime | None = None
    executor_id: int | None = None
    forward_count: int = 0
    answer_kind: str = ""
    answer_text: str = ""
    answer_warned: bool = False
    termination_reason: str = ""
    events: list[DemoEvent] = field(default_factory=list)
    rating: tuple[bool, str] | None = None  # satisfied, and the reason when not
    reference: str = ""


STAGES = {
    "demo_appeal": (
        "reference text, type_id bigint, applicant_id bigint, category_id bigint, "
        "region_id bigint, subject text, addressee_id bigint, agency_id bigint, "
        "executor_id bigint, status text, received_at timestamptz, due_at timestamptz, "
        "answered_at timestamptz, forward_count int, answer_kind text, answer_text text, "
        "termination_reason text, answer_warned boolean"
    ),
    "demo_event": (
        "reference text, position int, action text, actor_id bigint, created_at timestamptz, "
        "from_status text, to_status text, from_agency_id bigint, to_agency_id bigint, "
        "comment text, data jsonb"
    ),
    "demo_rating": "reference text, satisfied boolean, reason text",
}
MOVE = (
    """
    INSERT INTO appeals_appeal (
        reference, type_id, applicant_id, co_applicants, category_id, region_id, address,
        subject, text, language, addressee_id, agency_id, executor_id, status, received_at,
        due_at, extension_reason, answered_at, forward_count, answer_kind, answer_text,
        termination_reason, answer_warned, imported)
    SELECT reference, type_id, applicant_id, 0, category_id, region_id, '', subject, %s, 'ru',
           addressee_id, agency_id, executor_id, status, received_at, due_at, '', answered_at,
           forward_count, answer_kind, answer_text, termination_reason, answer_warned, false
    FROM demo_appeal
    """,
    """
    INSERT INTO appeals_appealevent (appeal_id, action, actor_id, created_at, from_status,
        to_status, from_agency_id, to_agency_id, comment, data)
    SELECT a.id, s.action, s.actor_id, s.created_at, s.from_status, s.to_status,
           s.from_agency_id, s.to_agency_id, s.comment, s.data
    FROM demo_event s JOIN appeals_appeal a ON a.reference = s.reference
    ORDER BY a.id, s.position
    """,
    # Rated a day after the answer, or now if that is still to come.
    """
    INSERT INTO ratings_feedback (appeal_id, satisfied, reason, comment, created_at, updated_at)
    SELECT a.id, s.satisfied, s.reason, '', rated.at, rated.at
    FROM demo_rating s JOIN appeals_appeal a ON a.reference = s.reference,
         LATERAL (SELECT least(a.answered_at + interval '1 day', now()) AS at) rated
    """,
)


# A GIN index takes a bulk insert into its pending list, which every search then reads in
# full: the near-copy check (appeals/answer_similarity.py) of the next answers would give up.
# Moved into the index proper at once, as autovacuum would later.
CLEAN_PENDING = """
    SELECT gin_clean_pending_list(i.indexrelid)
    FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am am ON am.oid = c.relam
    WHERE i.indrelid = 'appeals_appeal'::regclass AND am.amname = 'gin'
"""


def demo_write(appeals: Sequence[DemoAppeal]) -> None:
    """Numbers the appeals and writes them with their events and ratings."""
    numbers = next_reference_numbers(len(appeals))
    for appeal, number in zip(appeals, numbers, strict=True):
        appeal.reference = format_reference(appeal.prefix, appeal.received_at.year, number)
    rows: dict[str, list[tuple[object, ...]]] = {
        "demo_appeal": [_appeal_row(appeal) for appeal in appeals],
        "demo_event": [
            (appeal.reference, position, event.action, event.actor_id, event.created_at,
             event.from_status, event.to_status, event.from_agency_id, event.to_agency_id,
             event.comment, json.dumps(event.data, ensure_ascii=False))
            for appeal in appeals for position, event in enumerate(appeal.events)
        ],
        "demo_rating": [
            (appeal.reference, *appeal.rating) for appeal in appeals if appeal.rating is not None
        ],
    }  # fmt: skip
    with transaction.atomic(), connection.cursor() as cursor:
        for table, columns in STAGES.items():
            cursor.execute(f"DROP TABLE IF EXISTS {table}")
            cursor.execute(f"CREATE TEMP TABLE {table} ({columns}) ON COMMIT DROP")
            cursor.copy_expert(f"COPY {table} FROM STDIN", _copy_text(rows[table]))
        cursor.execute(MOVE[0], [APPEAL_TEXT])
        cursor.execute(MOVE[1])
        cursor.execute(MOVE[2])
    with connection.cursor() as cursor:
        cursor.execute(CLEAN_PENDING)


def _appeal_row(appeal: DemoAppeal) -> tuple[object, ...]:
    return (
        appeal.reference, appeal.type_id, appeal.applicant_id, appeal.category_id,
        appeal.region_id, appeal.subject, appeal.addressee_id, appeal.agency_id,
        appeal.executor_id, appeal.status, appeal.received_at, appeal.due_at,
        appeal.answered_at, appeal.forward_count, appeal.answer_kind, appeal.answer_text,
        appeal.termination_reason, appeal.answer_warned,
    )  # fmt: skip


def _copy_text(rows: Iterable[Sequence[object]]) -> io.StringIO:
    """Rows in COPY's text format: tab-separated, \\N for NULL, special characters escaped."""
    buffer = io.StringIO()
    for row in rows:
        buffer.write("\t".join(_copy_value(value) for value in row) + "\n")
    buffer.seek(0)
    return buffer


def _copy_value(value: object) -> str:
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    return str(value).replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")
