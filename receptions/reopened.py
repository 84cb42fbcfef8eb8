"""The check on "resolved": a question resolved at a meeting on day D is reopened by the
earliest appeal on the same topic received within (D, D + RECEPTIONS_REOPEN_DAYS] from
the same citizen, or from the same locality of the same region. Marked in one UPDATE per
run; which appeals each run reads, and why: docs/receptions.md."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.db import connection, transaction

from receptions.models import ReceptionSnapshot

# Appeals are stamped when received and committed an instant later: each run looks again
# at a day before the last one, so none slips between two runs.
OVERLAP = datetime.timedelta(days=1)

# The open questions: resolved, not yet reopened, with the window of days (D, D + N] as
# times [opens, closes) in Asia/Almaty. {recent} keeps to those whose window was still
# open at the last run, or that were recorded since (question_resolved_idx).
QUESTIONS = """
    SELECT q.id, q.citizen_id, q.category_id, q.region_id, lower(q.locality) AS locality,
           q.recorded_at,
           ((m.starts_at AT TIME ZONE 'Asia/Almaty')::date + 1)::timestamp
               AT TIME ZONE 'Asia/Almaty' AS opens,
           ((m.starts_at AT TIME ZONE 'Asia/Almaty')::date + 1 + %(days)s)::timestamp
               AT TIME ZONE 'Asia/Almaty' AS closes
    FROM receptions_question q JOIN receptions_meeting m ON m.id = q.meeting_id
    WHERE q.outcome = 'resolved' AND q.reopened_by_id IS NULL {recent}
"""
RECENT = """
    AND q.recorded_at >= %(since)s - make_interval(days => %(days)s + 2)
    AND (((m.starts_at AT TIME ZONE 'Asia/Almaty')::date + 1 + %(days)s)::timestamp
             AT TIME ZONE 'Asia/Almaty' > %(since)s
         OR q.recorded_at > %(since)s)
"""
# The same citizen: each question's earliest appeal in its window, one descent of
# appeal_applicant_recv_idx per question.
BY_CITIZEN = """
    SELECT o.id AS question_id, a.id AS appeal_id, a.received_at
    FROM open o CROSS JOIN LATERAL (
        SELECT a.id, a.received_at FROM appeals_appeal a
        WHERE a.applicant_id = o.citizen_id AND a.category_id = o.category_id
          AND a.received_at >= o.opens AND a.received_at < o.closes
        ORDER BY a.received_at, a.id LIMIT 1
    ) a
    WHERE o.citizen_id IS NOT NULL
"""
# The same locality, for the appeals received since the last run: read by
# appeal_agency_received_idx, one descent per body, and matched to the open questions.
BY_LOCALITY_NEW_APPEALS = """
    SELECT o.id, a.id, a.received_at
    FROM appeals_appeal a
    JOIN open o ON o.region_id = a.region_id AND o.category_id = a.category_id
        AND a.received_at >= o.opens AND a.received_at < o.closes
    WHERE o.locality <> '' AND strpos(lower(a.address), o.locality) > 0 {new}
"""
NEW_APPEALS = """
    AND a.agency_id = ANY(ARRAY(SELECT id FROM agencies_agency)) AND a.received_at > %(since)s
"""
# The same locality, for the questions recorded since the last run (a few): the appeals
# already received in their window, by region and topic.
BY_LOCALITY_NEW_QUESTIONS = """
    SELECT o.id, a.id, a.received_at
    FROM open o CROSS JOIN LATERAL (
        SELECT a.id, a.received_at FROM appeals_appeal a
        WHERE a.region_id = o.region_id AND a.category_id = o.category_id
          AND a.received_at >= o.opens AND a.received_at < o.closes
          AND strpos(lower(a.address), o.locality) > 0
        ORDER BY a.received_at, a.id LIMIT 1
    ) a
    WHERE o.locality <> '' AND o.recorded_at > %(since)s
"""
MARK = """
    WITH open AS MATERIALIZED ({questions}),
    found AS ({candidates})
    UPDATE receptions_question q SET reopened_by_id = f.appeal_id
    FROM (
        SELECT DISTINCT ON (question_id) question_id, appeal_id FROM found
        ORDER BY question_id, received_at, appeal_id
    ) f
    WHERE q.id = f.question_id AND q.reopened_by_id IS NULL
"""


def last_run() -> datetime.datetime | None:
    """When the check last ran: it runs before every figures snapshot."""
    latest = ReceptionSnapshot.objects.order_by("-as_of").values_list("as_of", flat=True)
    return latest.first()


def reopened_mark(*, since: datetime.datetime | None) -> int:
    """Mark the resolved questions reopened since `since` (None: check every one), each by
    its earliest matching appeal; returns how many were marked. Safe to run twice."""
    params: dict[str, Any] = {"days": int(settings.RECEPTIONS_REOPEN_DAYS)}
    if since is None:
        questions = QUESTIONS.format(recent="")
        candidates = [BY_CITIZEN, BY_LOCALITY_NEW_APPEALS.format(new="")]
    else:
        params["since"] = since - OVERLAP
        questions = QUESTIONS.format(recent=RECENT)
        candidates = [
            BY_CITIZEN,
            BY_LOCALITY_NEW_APPEALS.format(new=NEW_APPEALS),
            BY_LOCALITY_NEW_QUESTIONS,
        ]
    sql = MARK.format(questions=questions, candidates=" UNION ALL ".join(candidates))
    with transaction.atomic(), connection.cursor() as cursor:
        # The planner prices the per-question lookups high and JIT-compiles the statement:
        # 1.5 s of compiling for 25 ms of work (docs/benchmarks.md, receptions).
        cursor.execute("SET LOCAL jit = off")
        cursor.execute(sql, params)
        marked = int(cursor.rowcount)
        cursor.execute("SET LOCAL jit TO DEFAULT")
    return marked
