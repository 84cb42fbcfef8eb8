"""Receptions and meetings for the generated history: tens of thousands a year at 10 M
appeals, their questions with outcomes as the published figures have them, booked slots,
free slots and ratings; written after the appeals, in one transaction, by a few
INSERT … SELECT statements (bench/generating/meetings_sql.py; docs/benchmarks.md)."""

from __future__ import annotations

from itertools import accumulate
from typing import Any

from django.db import connection, transaction

from agencies.models import Agency, Category
from bench.generating import meetings_sql
from bench.generating.people import People, reserve_ids
from bench.generating.plan import Plan, cumulative

# Some 40,000 meetings a year when the appeals run at 4.4 M a year (akims alone held
# 19,800 in the second half of 2022).
MEETINGS_PER_APPEAL = 0.009
AKIMAT_MEETINGS = 0.97  # the rest are the ministries'
AKIMAT_KINDS = {"residents": 35, "personal": 35, "visiting": 15, "target_group": 10, "online": 5}
MINISTRY_KINDS = {"visiting": 45, "personal": 35, "online": 15, "target_group": 5}
# Mean questions: an akim's meeting about two (33,400 for 19,800); a minister's visit
# about eight (1,679 for 216).
QUESTIONS_PER_MEETING, MINISTRY_VISIT_QUESTIONS = 2.2, 8.3
# Outcomes in Question.Outcome's order: akims report nearly all resolved; ministers 74 %
# resolved and the rest under control.
OUTCOMES = ("resolved", "explained", "control", "forwarded")
AKIMAT_OUTCOMES = (0.93, 0.05, 0.015, 0.005)
MINISTRY_OUTCOMES = (0.74, 0.0, 0.26, 0.0)
NOT_HELD = 0.04
RATED, DISSATISFIED = 0.4, 0.3
SLOT_MINUTES = 15
REASONS = [
    "Командировка руководителя", "Болезнь руководителя", "Перенесено по погодным условиям",
    "Совпало с заседанием Правительства", "Не обеспечено помещение",
]  # fmt: skip
TARGET_GROUPS = ["farmers", "entrepreneurs", "parents", "youth", "pensioners", "disability"]
QUESTION_TEXT = "Вопрос, поставленный на приёме (сгенерирован для нагрузочного теста)."
AGENCY_TABLE = """
    DROP TABLE IF EXISTS gen_meeting_agency;
    CREATE TEMP TABLE gen_meeting_agency (id bigint PRIMARY KEY, kind text, region_id bigint,
        forward_to bigint, official_first bigint, officials int) ON COMMIT DROP;
    INSERT INTO gen_meeting_agency
    SELECT * FROM unnest(%s::bigint[], %s::text[], %s::bigint[], %s::bigint[], %s::bigint[],
                         %s::int[]);
"""


def meeting_count(plan: Plan) -> int:
    chosen = plan.options.meetings
    return round(plan.options.count * MEETINGS_PER_APPEAL) if chosen < 0 else chosen


def _hosts(plan: Plan) -> list[tuple[Agency, float, int, int, int | None]]:
    """(body, share of the meetings, first official's id, officials, forwarded to)."""
    ministries = [p for p in plan.agencies.values() if p.weight > 0 and
                  p.agency.kind in (Agency.Kind.MINISTRY, Agency.Kind.CENTRAL)]  # fmt: skip
    local = [p for p in plan.agencies.values() if p.weight > 0 and p not in ministries]
    mtszn = next((p.agency.pk for p in ministries if p.agency.code == "mtszn"), None)
    hosts = []
    for group, share in ((local, AKIMAT_MEETINGS), (ministries, 1 - AKIMAT_MEETINGS)):
        total = sum(p.weight for p in group) or 1.0
        for p in group:
            first, officials = p.staff["official"]
            # Forwarded: a district's question to its city, an akim's to a ministry, a
            # minister's to the akimat of the region (found in SQL).
            to = p.agency.parent_id if p.agency.kind == Agency.Kind.LOCAL else mtszn
            to = None if p in ministries else to
            hosts.append((p.agency, share * p.weight / total, first, officials, to))
    return hosts


def _parameters(plan: Plan, people: People, meetings: int) -> dict[str, Any]:
    hosts = _hosts(plan)
    firsts = list(accumulate((count for _d, count, _w in plan.days), initial=0))[:-1]
    topics = Category.objects.filter(jurisdiction="local", parent__isnull=False)
    categories = list(topics.order_by("pk").values_list("pk", flat=True))
    return {
        "mseed": plan.options.seed * 64 + (1 << 50),  # apart from the appeals' draws
        "now": plan.now, "tz": "Asia/Almaty", "meetings": meetings,
        "appeals": max(plan.options.count, 1),
        "days": [day for day, _c, _w in plan.days], "day_firsts": firsts,
        "agency_ids": [a.pk for a, *_rest in hosts],
        "agency_cum": cumulative([share for _a, share, *_rest in hosts]),
        "akimat_kinds": list(AKIMAT_KINDS),
        "akimat_kind_cum": cumulative(list(AKIMAT_KINDS.values())),
        "ministry_kinds": list(MINISTRY_KINDS),
        "ministry_kind_cum": cumulative(list(MINISTRY_KINDS.values())),
        "region_ids": [r.pk for r in plan.regions],
        "not_held_share": NOT_HELD, "questions_per_meeting": QUESTIONS_PER_MEETING,
        "ministry_visit_questions": MINISTRY_VISIT_QUESTIONS,
        "target_groups": TARGET_GROUPS, "reasons": REASONS, "slot_minutes": SLOT_MINUTES,
        "akimat_outcomes": list(OUTCOMES), "akimat_outcome_cum": cumulative(AKIMAT_OUTCOMES),
        "ministry_outcomes": list(OUTCOMES),
        "ministry_outcome_cum": cumulative(MINISTRY_OUTCOMES),
        "category_ids": categories, "category_cum": cumulative([1] * len(categories)),
        "citizen_base": people.citizen_base, "citizens": people.citizens,
        "text": QUESTION_TEXT, "rated_share": RATED, "dissatisfied_share": DISSATISFIED,
    }  # fmt: skip


def _agency_rows(plan: Plan) -> list[list[object]]:
    hosts = _hosts(plan)
    return [
        [a.pk for a, *_r in hosts], [a.kind for a, *_r in hosts],
        [a.region_id for a, *_r in hosts], [h[4] for h in hosts], [h[2] for h in hosts],
        [h[3] for h in hosts],
    ]  # fmt: skip


def meetings_generate(plan: Plan, people: People) -> tuple[int, int]:
    """Write the meetings and everything of theirs; returns (meetings, questions)."""
    meetings = meeting_count(plan)
    if meetings <= 0:
        return 0, 0
    parameters = _parameters(plan, people, meetings)
    parameters["meeting_base"] = reserve_ids("receptions_meeting", meetings)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL synchronous_commit = off; SET LOCAL jit = off")
        cursor.execute(AGENCY_TABLE, _agency_rows(plan))
        cursor.execute(meetings_sql.MEETINGS, parameters)
        cursor.execute(meetings_sql.INSERT_MEETINGS, parameters)
        cursor.execute(meetings_sql.QUESTIONS, parameters)
        cursor.execute("SELECT count(*) FROM gen_question")
        (questions,) = cursor.fetchone()
        for table in ("receptions_question", "receptions_slot", "receptions_booking"):
            parameters[table.split("_")[1] + "_base"] = reserve_ids(table, max(questions, 1))
        cursor.execute(meetings_sql.SETTLE, parameters)
        for statement in (meetings_sql.INSERT_SLOTS, meetings_sql.INSERT_BOOKINGS,
                          meetings_sql.INSERT_QUESTIONS, meetings_sql.INSERT_RATINGS):  # fmt: skip
            cursor.execute(statement, parameters)
        cursor.execute(
            "ANALYZE receptions_meeting, receptions_question, receptions_slot, "
            "receptions_booking, receptions_questionfeedback"
        )
    return meetings, int(questions)
