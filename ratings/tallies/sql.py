"""The statements of the tallies' refresh and rebuild (ratings/tallies/refresh.py), and
the counting rules they share with the triggers (ratings/sql/tallies.sql)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

from ratings.arithmetic import TALLY_COUNTS
from ratings.models import Grain
from ratings.units import UNIT_MAP

COUNTING_RULES = Path(__file__).resolve().parent.parent / "sql" / "tallies.sql"


def counting_rules() -> str:
    """The SQL of ratings/sql/tallies.sql: the part function and the triggers."""
    return COUNTING_RULES.read_text(encoding="utf-8")


GRAINS = (Grain.DAY, Grain.MONTH, Grain.YEAR, Grain.ALL)
ALL_DAY = datetime.date.min  # the day of the rows of the grain "all"


@dataclass(frozen=True)
class Tally:
    keys: tuple[str, ...]  # the key columns after grain and day
    counts: tuple[str, ...]
    grains: tuple[Grain, ...] = GRAINS  # none: day rows only, and no grain column


TALLIES = {
    "ratings_unittally": Tally(("unit_id", "category_id"), TALLY_COUNTS),
    "ratings_maptally": Tally(("region_id", "category_id"), ("received", "rated", "dissatisfied")),
    "ratings_answerdays": Tally(("unit_id", "days"), ("answers",)),
    "ratings_duetally": Tally(("unit_id", "due_day"), ("open",), grains=()),
}
# The units each appeal was forwarded from (late or not, sent back or not) and to, of every
# appeal or of the logged ones ({events}: EVERY_FORWARD or LOGGED_FORWARDS), for the
# temporary tally_forwards.
FORWARDS = f"""
    WITH {UNIT_MAP},
    moves AS (  -- a move within one unit is no forward of that unit
        SELECT e.appeal_id, fm.unit_id AS source, tm.unit_id AS target,
               coalesce((e.data ->> 'late')::boolean, false) AS late,
               coalesce((e.data ->> 'returned')::boolean, false) AS returned
        FROM {{events}}
        LEFT JOIN unit_map fm ON fm.agency_id = e.from_agency_id
        LEFT JOIN unit_map tm ON tm.agency_id = e.to_agency_id
        WHERE fm.unit_id IS DISTINCT FROM tm.unit_id
    )
    SELECT appeal_id,
           array_agg(DISTINCT source) FILTER (WHERE source IS NOT NULL) AS forwarded_from,
           array_agg(DISTINCT source) FILTER (WHERE source IS NOT NULL AND late) AS late_from,
           array_agg(DISTINCT source) FILTER (WHERE source IS NOT NULL AND returned)
               AS returned_from,
           array_agg(DISTINCT target) FILTER (WHERE target IS NOT NULL) AS forwarded_to
    FROM moves GROUP BY appeal_id
"""  # noqa: S608 - constant fragments only

EVERY_FORWARD = "(SELECT * FROM appeals_appealevent WHERE action = 'appeal.forwarded') e"
# Each logged appeal's forwards looked up by index, appeal by appeal. As a join, the
# planner merges the logged ids with every forward in order of appeal id: the recent
# appeals come last, so it reads them all. (OFFSET 0 keeps the subquery per appeal.)
LOGGED_FORWARDS = (
    "tally_dirty d CROSS JOIN LATERAL (SELECT * FROM appeals_appealevent x"
    " WHERE x.appeal_id = d.appeal_id AND x.action = 'appeal.forwarded' OFFSET 0) e"
)

# The flags of a part, bit i of its `flags` being PART_FLAGS[i] (ratings/sql/tallies.sql
# sets them): an appeal's, then its rating's.
PART_FLAGS = (
    "received", "withdrawn", "answered", "terminated", "answered_on_time", "complained",
    "complained_open", "overturned", "open", "warned", "rated", "dissatisfied", "formal",
)  # fmt: skip


def flag(name: str) -> str:
    """The SQL of a part's flag `name`, 1 or 0, from its column `flags`."""
    return f"(flags >> {PART_FLAGS.index(name)} & 1)"


# The signed parts whose sums the tallies keep: an appeal's (received), a rating's (rated
# only), or its forwards' (the arrays). Grouped where they can be: the sign is a count.
SIGNED = """
    SELECT 0 AS sign, NULL::date AS day, NULL::bigint AS unit_id,
           NULL::bigint AS category_id, NULL::bigint AS region_id, 0 AS flags,
           NULL::int AS days, NULL::date AS due_day, NULL::bigint[] AS forwarded_from,
           NULL::bigint[] AS late_from, NULL::bigint[] AS returned_from,
           NULL::bigint[] AS forwarded_to
    WITH NO DATA
"""
PART_KEYS = "day, unit_id, category_id, region_id, flags, days, due_day"
GROUPED = "1, 2, 3, 4, 5, 6, 7"

# Every appeal's part as it is now (a rebuild). The log of changes is emptied by the same
# statement, so that it leaves out exactly the changes this count sees.
EVERY_PART = f"""
    WITH {UNIT_MAP}, counted AS (DELETE FROM ratings_tallydelta)
    INSERT INTO tally_signed ({PART_KEYS}, sign)
    SELECT p.day, m.unit_id, coalesce(c.parent_id, c.id), a.region_id,
           p.flags + ratings_rating_flags(f.satisfied, f.reason), p.days, p.due_day, count(*)
    FROM appeals_appeal a
    CROSS JOIN LATERAL ratings_appeal_part(a.status, a.received_at, a.due_at, a.answered_at,
                                           a.complained, a.overturned, a.answer_warned) p
    JOIN agencies_category c ON c.id = a.category_id
    LEFT JOIN unit_map m ON m.agency_id = a.agency_id
    LEFT JOIN ratings_feedback f ON f.appeal_id = a.id
    GROUP BY {GROUPED}
"""  # noqa: S608 - constant fragments only; every value is a bound parameter
# The changes the triggers wrote, taken from their log, by unit and top-level category
# (an appeal's part before and after often cancel out); returns the number of appeals
# changed, with those logged for their forwards (tally_dirty).
LOGGED_PARTS = f"""
    WITH {UNIT_MAP},
    taken AS (DELETE FROM ratings_tallydelta RETURNING *),
    signed AS (
        INSERT INTO tally_signed ({PART_KEYS}, sign)
        SELECT d.day, m.unit_id, coalesce(c.parent_id, c.id), d.region_id, d.flags, d.days,
               d.due_day, sum(d.sign)
        FROM taken d
        JOIN agencies_category c ON c.id = d.category_id
        LEFT JOIN unit_map m ON m.agency_id = d.agency_id
        GROUP BY {GROUPED}
        HAVING sum(d.sign) <> 0
    )
    SELECT count(*) FROM (SELECT appeal_id FROM taken UNION SELECT appeal_id FROM tally_dirty) AS a
"""  # noqa: S608 - constant fragments only; every value is a bound parameter
# Forwards' parts in and out of ratings_countedforwards, signed: the ones counted now (of
# the appeals in tally_forwards), and the ones counted before (of those in tally_dirty).
FORWARD_PARTS = """
    INSERT INTO tally_signed (sign, day, category_id, flags, forwarded_from, late_from,
        returned_from, forwarded_to)
    SELECT {sign}, day, category_id, 0, forwarded_from, late_from, returned_from, forwarded_to
    FROM {rows}
"""
FORWARDS_NOW = f"""
    WITH counted AS (
        INSERT INTO ratings_countedforwards
            (appeal_id, day, category_id, forwarded_from, late_from, returned_from, forwarded_to)
        SELECT a.id, (a.received_at AT TIME ZONE 'Asia/Almaty')::date,
               coalesce(c.parent_id, c.id), w.forwarded_from, w.late_from, w.returned_from,
               w.forwarded_to
        FROM tally_forwards w
        JOIN appeals_appeal a ON a.id = w.appeal_id
        JOIN agencies_category c ON c.id = a.category_id
        RETURNING *
    )
    {FORWARD_PARTS.format(sign=1, rows="counted")}
"""  # noqa: S608 - constant fragments only
FORWARDS_BEFORE = f"""
    WITH gone AS (
        DELETE FROM ratings_countedforwards o USING tally_dirty d
        WHERE o.appeal_id = d.appeal_id RETURNING o.*
    )
    {FORWARD_PARTS.format(sign=-1, rows="gone")}
"""  # noqa: S608 - constant fragments only

# The unit tally's counts: of the signed parts' flags, and of their forwards (each unit in
# the arrays once).
FORWARD_COUNTS = ("forwarded_out", "forwarded_in", "late_forwards", "returned_forwards")
PART_COUNTS = tuple(name for name in TALLY_COUNTS if name not in FORWARD_COUNTS)


def _unit_changes() -> str:
    """The unit tally's day rows' changes: the parts' flags, the units forwarded from (late,
    sent back) and the units forwarded to, summed by day, unit and category."""
    zero = dict.fromkeys(TALLY_COUNTS, "0")
    in_unit = zero | {name: f"sign * {flag(name)}" for name in PART_COUNTS}
    source = zero | {
        "forwarded_out": "sign",
        "late_forwards": "sign * coalesce(source = ANY(late_from), false)::int",
        "returned_forwards": "sign * coalesce(source = ANY(returned_from), false)::int",
    }
    target = zero | {"forwarded_in": "sign"}

    def values(counts: dict[str, str]) -> str:
        return ", ".join(f"{value} AS {name}" for name, value in counts.items())

    return f"""
        SELECT day, unit_id, category_id,
               {", ".join(f"sum({name}) AS {name}" for name in TALLY_COUNTS)}
        FROM (
            SELECT day, unit_id, category_id, {values(in_unit)}
            FROM tally_signed s WHERE unit_id IS NOT NULL
            UNION ALL
            SELECT day, source, category_id, {values(source)}
            FROM tally_signed s, unnest(forwarded_from) AS source
            WHERE forwarded_from IS NOT NULL
            UNION ALL
            SELECT day, target, category_id, {values(target)}
            FROM tally_signed s, unnest(forwarded_to) AS target
            WHERE forwarded_to IS NOT NULL
        ) AS parts
        GROUP BY day, unit_id, category_id
    """  # noqa: S608 - constant names only


# The day rows' changes from the signed parts in tally_signed.
DAY_CHANGES = {
    "ratings_unittally": _unit_changes(),
    "ratings_maptally": f"""
        SELECT day, region_id, category_id, sum(sign * {flag("received")}) AS received,
               sum(sign * {flag("rated")}) AS rated,
               sum(sign * {flag("dissatisfied")}) AS dissatisfied
        FROM tally_signed s WHERE region_id IS NOT NULL
        GROUP BY day, region_id, category_id
    """,  # noqa: S608 - constant names only
    "ratings_answerdays": """
        SELECT day, unit_id, days, sum(sign) AS answers
        FROM tally_signed s WHERE unit_id IS NOT NULL AND days IS NOT NULL
        GROUP BY day, unit_id, days
    """,
    "ratings_duetally": f"""
        SELECT day, unit_id, due_day, sum(sign) AS open
        FROM tally_signed s WHERE unit_id IS NOT NULL AND {flag("open")} = 1
        GROUP BY day, unit_id, due_day
    """,  # noqa: S608 - constant names only
}
