"""Complaints in the generated history: some appeals of the type "complaint" are about an
earlier appeal of their batch (its answer, its termination, or its silence past the
deadline), sent by its applicant to the body above its body, which decides them. The
appeal complained about is marked so (complained, overturned), for the rankings."""

from __future__ import annotations

from bench.generating.words import draw

# Which complaints have found their appeal, by the complaint's number (n), for the second
# writing of those complaints (bench/generating/sql.py BATCH_LINKED).
LINK_TABLE = """
    DROP TABLE IF EXISTS gen_link;
    CREATE TEMP TABLE gen_link (
        n bigint PRIMARY KEY, day date, original_id bigint, applicant_id bigint,
        higher_id bigint, region_id bigint, category_id bigint, ground text) ON COMMIT DROP;
"""
# A complaint of the batch that looks for its appeal (not forwarded: sent where it belongs).
_LOOKING = (
    "{b}.type_id = %(complaint_type_id)s AND {b}.source_id IS NULL"
    f" AND {draw('link', '{b}.n')} < %(complaint_share)s"
)
# Each looking complaint picks an appeal received 20 to 120 days before it, in the batch; one
# that can be complained about then, by a body with a body above it, is its appeal (each
# appeal, the first complaint about it).
LINKS = f"""
    -- Without statistics of the temporary tables, the planner may join them row by row.
    SET LOCAL enable_nestloop = off;
    INSERT INTO gen_link (n, day, original_id, applicant_id, higher_id, region_id, category_id,
        ground)
    SELECT DISTINCT ON (o.id) c.n, c.day, o.id, o.applicant_id, h.id, o.region_id,
        o.category_id,
        CASE WHEN o.e_close < c.received_at AND o.outcome = 'answered' THEN 'answer'
             WHEN o.e_close < c.received_at AND o.outcome = 'terminated' THEN 'termination'
             ELSE 'inaction' END
    FROM (
        SELECT b.n, b.day, b.received_at,
               d.first + floor({draw("pick", "b.n")} * d.cnt)::bigint AS m
        FROM gen_batch b
        JOIN gen_day d ON d.day = b.day - (20 + floor(100 * {draw("back", "b.n")}))::int
        WHERE {_LOOKING.format(b="b")} AND d.cnt > 0
    ) AS c
    JOIN gen_batch o ON o.n = c.m
    JOIN gen_agency a ON a.id = o.agency_now
    JOIN gen_agency h ON h.id = a.parent_id
    WHERE o.outcome <> 'withdrawn' AND NOT ({_LOOKING.format(b="o")})
      AND (o.e_close < c.received_at
           OR (o.due_at < c.received_at AND (o.e_close IS NULL OR o.e_close > c.received_at)))
    ORDER BY o.id, c.received_at;
    SET LOCAL enable_nestloop TO DEFAULT;
"""  # noqa: S608 - constant fragments only
# The complaints that found their appeal, as written again (bench/generating/sql.py
# BATCH_LINKED, into gen_linked), take the place of their first writing.
LINKED = """
    DELETE FROM gen_batch b USING gen_link k WHERE b.n = k.n;
    INSERT INTO gen_batch SELECT * FROM gen_linked;
"""
# The appeals complained about, marked so (and overturned, when a complaint was upheld).
MARKED = """
    LEFT JOIN (
        SELECT complaint_of AS original_id, bool_or(complaint_outcome = 'upheld') AS upheld
        FROM gen_linked GROUP BY complaint_of
    ) AS marked ON marked.original_id = b.id
"""
