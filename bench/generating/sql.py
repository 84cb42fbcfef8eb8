"""The SQL of a batch of appeals, assembled once, at import, from constant fragments;
every value is a bound parameter."""

from __future__ import annotations

from bench.generating.answers import answer_text
from bench.generating.words import DRAWS, draw, person_name, pick, unit
from core import checked_writes

# A batch is one big write: do not wait for each WAL flush (a crash loses whole batches,
# never half of one), and do not JIT-compile these long expressions (seconds per statement,
# for nothing: each runs once).
BATCH_SETTINGS = "SET LOCAL synchronous_commit = off; SET LOCAL jit = off"
# Back with the per-row triggers (skipped by core/checked_writes.py) before the commit; the
# batch's appeals go to the tallies' log, as the statement triggers of
# ratings/sql/tallies.sql would have put them.
RESTORE_TRIGGERS = f"""
    {checked_writes.RESTORE_TRIGGERS};
    SELECT ratings_log_appeals(array(SELECT id FROM gen_batch));
"""  # noqa: S608 - constants only

# --- the plan, as this connection's temporary tables ------------------------------------------

STAFF_ROLES = ("registrar", "executor", "head")
SESSION_TABLES = """
    DROP TABLE IF EXISTS gen_day, gen_due, gen_agency, gen_category;
    CREATE TEMP TABLE gen_day (
        day date PRIMARY KEY, first bigint, cnt int, working boolean, is_today boolean,
        ext_due timestamptz, ext_iso text);
    CREATE TEMP TABLE gen_due (
        day date, span int, after_cutoff boolean, due timestamptz, iso text,
        PRIMARY KEY (day, span, after_cutoff));
    CREATE TEMP TABLE gen_agency (
        id bigint PRIMARY KEY, kind text, region_id bigint, parent_id bigint,
        cat_ids bigint[], cat_cum float8[], pred_id bigint, pred_until timestamptz,
        dissatisfied float8, late float8, abandoned float8,
        registrar_first bigint, registrars int, executor_first bigint, executors int,
        head_first bigint, heads int);
    CREATE TEMP TABLE gen_category (
        id bigint PRIMARY KEY, name_ru text, name_kk text, name_en text, jurisdiction text);
"""
DROP_SESSION_TABLES = "DROP TABLE IF EXISTS gen_day, gen_due, gen_agency, gen_category"

# --- one batch --------------------------------------------------------------------------------

_DRAW_COLUMNS = ",\n           ".join(
    f"{unit('g.n', f'%(seed)s + {index}')} AS r_{name}" for index, name in enumerate(DRAWS)
)
_STAFF_NAME = person_name(
    "%(staff_first)s + (executor_pick - %(staff_base)s)",
    "mod(%(staff_first)s + (executor_pick - %(staff_base)s), 2) = 1",
)
_HOURS = "interval '1 hour'"
# The answer's kind as 1 explained, 2 satisfied, 3 refused (a complaint's by its outcome).
_ANSWER_KIND = """CASE s.complaint_outcome WHEN 'upheld' THEN 2 WHEN 'partly_upheld' THEN 1
    WHEN 'rejected' THEN 3 ELSE CASE WHEN r_answer_kind < 0.7 THEN 1
    WHEN r_answer_kind < 0.9 THEN 2 ELSE 3 END END"""
_ANSWER_TEXT = answer_text(_ANSWER_KIND, _STAFF_NAME)


# Whether a forward at `at` was late: later than 3 working days after the body received the
# appeal at `since` (looked up only for the few forwards that are returns).
def _forward_late(at: str, since: str) -> str:
    return (
        f"CASE WHEN {at} IS NOT NULL THEN {at} > (SELECT due FROM gen_due"  # noqa: S608
        f" WHERE day = ({since} AT TIME ZONE %(tz)s)::date AND span = %(forward_days)s"
        f" AND after_cutoff = (extract(epoch FROM ({since} AT TIME ZONE %(tz)s)::time)"
        f" >= %(cutoff)s)) END"
    )


_RETURN_DELAY = f"{_HOURS} * (2 + 100 * {draw('return_delay', 'p.n')} ^ 2)"
_AGAIN_DELAY = f"{_HOURS} * (1 + 48 * {draw('again_delay', 'p.n')} ^ 2)"
_FWD2 = f"CASE WHEN p.ping_pong THEN p.fwd_raw + {_RETURN_DELAY} + {_AGAIN_DELAY} END"

# Each step below adds a few columns to the one before. OFFSET 0 keeps PostgreSQL from
# folding the steps together, which would recompute every expression wherever it is used.
# The appeals numbered __NUMBERS__ go into the table __TARGET__; complaints find the appeal
# they are about in __LINK__: gen_link (bench/generating/complaints.py) on the second pass,
# nothing on the first.
_BATCH = f"""
DROP TABLE IF EXISTS __TARGET__;
CREATE TEMP TABLE __TARGET__ ON COMMIT DROP AS
WITH drawn AS (
    SELECT g.n, d.day, d.working, d.is_today, d.ext_due, d.ext_iso,
           {_DRAW_COLUMNS}
    __NUMBERS__
    OFFSET 0
), timed AS (
    SELECT drawn.*,
        CASE WHEN is_today THEN floor(r_second * %(today_seconds)s)::int
             ELSE (width_bucket(r_hour, CASE WHEN working THEN %(hours_working)s::float8[]
                                             ELSE %(hours_day_off)s::float8[] END) - 1) * 3600
                  + floor(r_second * 3600)::int
        END AS secs,
        width_bucket(r_type, %(type_cum)s::float8[]) AS t,
        coalesce(k.higher_id, (%(agency_ids)s::bigint[])[
            width_bucket(r_agency, %(agency_cum)s::float8[])]) AS chosen_id,
        k.original_id AS complaint_of
    FROM drawn LEFT JOIN __LINK__ k ON k.n = drawn.n
    OFFSET 0
), chosen AS (
    SELECT t.*,
        (t.day + make_interval(secs => t.secs)) AT TIME ZONE %(tz)s AS received_at,
        t.secs >= %(cutoff)s AS after_cutoff,
        (%(type_ids)s::bigint[])[t.t] AS type_id,
        (%(type_prefixes)s::text[])[t.t] AS prefix,
        (%(type_days)s::int[])[t.t] AS span,
        coalesce(k.region_id, a.region_id, (%(region_ids)s::bigint[])[
            width_bucket(r_region, %(region_cum)s::float8[])]) AS region_id,
        coalesce(k.category_id, a.cat_ids[width_bucket(r_category, a.cat_cum)]) AS category_id,
        a.kind, a.parent_id AS chosen_parent, a.pred_id, a.pred_until
    FROM timed t JOIN gen_agency a ON a.id = t.chosen_id LEFT JOIN __LINK__ k ON k.n = t.n
    OFFSET 0
), routed AS (
    -- The body that is competent now; a few appeals first went to another one and were
    -- forwarded: a district's to its city, an akimat's to a ministry, a ministry's to the
    -- akimat of the appeal's region. A complaint goes straight to the higher body.
    SELECT c.*,
        CASE WHEN c.received_at < c.pred_until THEN c.pred_id ELSE c.chosen_id END AS agency_id,
        CASE WHEN c.complaint_of IS NULL AND c.r_forward < %(forward_share)s THEN CASE c.kind
            WHEN 'local' THEN c.chosen_parent
            WHEN 'akimat' THEN (%(ministry_ids)s::bigint[])[
                width_bucket(c.r_source, %(ministry_cum)s::float8[])]
            ELSE ra.id END
        END AS source_raw
    FROM chosen c LEFT JOIN gen_agency ra ON ra.kind = 'akimat' AND ra.region_id = c.region_id
    OFFSET 0
), sourced AS (
    SELECT r.*,
        CASE WHEN r.received_at < s.pred_until THEN s.pred_id ELSE r.source_raw END AS source_id
    FROM routed r LEFT JOIN gen_agency s ON s.id = r.source_raw
    OFFSET 0
), planned AS (
    SELECT s.*, due.due AS due0, due.iso AS due0_iso, lim.due AS forward_limit,
        fa.dissatisfied AS dissatisfied_rate,
        fa.registrar_first + floor(r_registrar * fa.registrars)::bigint AS registrar_id,
        fa.head_first + floor(r_head * fa.heads)::bigint AS head_id,
        fa.executor_first + floor(r_executor * fa.executors)::bigint AS executor_pick,
        sa.registrar_first + floor(r_source_registrar * sa.registrars)::bigint
            AS source_registrar_id,
        CASE WHEN s.source_id IS NOT NULL AND s.received_at >= %(returns_since)s
             THEN sa.head_first + floor({draw("source_head")} * sa.heads)::bigint
        END AS source_head_id,
        s.source_id IS NOT NULL AND s.received_at >= %(returns_since)s
            AND {draw("return")} < %(return_share)s AS ping_pong,
        CASE WHEN r_outcome < %(withdrawn_share)s THEN 'withdrawn'
             WHEN r_outcome < %(withdrawn_share)s + %(terminated_share)s THEN 'terminated'
             WHEN r_outcome < %(withdrawn_share)s + %(terminated_share)s + fa.abandoned
                 THEN 'abandoned'
             ELSE 'answered' END AS outcome,
        r_late < fa.late AS answered_late,
        CASE WHEN s.source_id IS NOT NULL
             THEN s.received_at + {_HOURS} * (0.5 + 150 * r_forward_delay ^ 2) END AS fwd_raw
    FROM sourced s
    JOIN gen_agency fa ON fa.id = s.agency_id
    LEFT JOIN gen_agency sa ON sa.id = s.source_id
    JOIN gen_due due
        ON due.day = s.day AND due.span = s.span AND due.after_cutoff = s.after_cutoff
    JOIN gen_due lim ON lim.day = s.day AND lim.span = %(forward_days)s
        AND lim.after_cutoff = s.after_cutoff
    OFFSET 0
), registered AS (
    -- A few recent forwards go back and forth ("ping-pong"): the body reached sends the
    -- appeal back (ret), and the first body sends it on again (fwd2); each is a return.
    SELECT p.*,
        CASE WHEN r_forward_registered < 0.4
             THEN p.received_at + (p.fwd_raw - p.received_at) * 0.4 END AS reg0_raw,
        CASE WHEN p.ping_pong THEN p.fwd_raw + {_RETURN_DELAY} END AS ret_raw,
        {_FWD2} AS fwd2_raw,
        coalesce({_FWD2}, p.fwd_raw, p.received_at)
            + {_HOURS} * (0.2 + 40 * r_register_delay ^ 3) AS reg_raw,
        p.outcome IN ('answered', 'withdrawn')
            OR (p.outcome = 'abandoned' AND r_abandoned_registered >= 0.25) AS will_assign
    FROM planned p
    OFFSET 0
), assigned AS (
    SELECT r.*,
        r.reg_raw + {_HOURS} * (0.1 + 30 * r_assign_delay ^ 3) AS asg_raw,
        r.will_assign AND r.outcome <> 'withdrawn' AND r_extend < %(extended_share)s
            AS extended
    FROM registered r
    OFFSET 0
), worked AS (
    SELECT a.*,
        CASE WHEN a.extended THEN a.asg_raw + greatest(a.due0 - a.asg_raw, {_HOURS})
                                  * (0.3 + 0.5 * r_extend_share) END AS ext_raw,
        CASE WHEN a.extended THEN a.ext_due ELSE a.due0 END AS due_planned
    FROM assigned a
    OFFSET 0
), closed AS (
    SELECT w.*,
        CASE w.outcome
            WHEN 'answered' THEN CASE
                WHEN w.answered_late THEN greatest(w.due_planned, coalesce(w.ext_raw, w.asg_raw))
                    + {_HOURS} * (2 + 960 * r_late_delay ^ 3)
                ELSE coalesce(w.ext_raw, w.asg_raw)
                    + greatest(w.due_planned - coalesce(w.ext_raw, w.asg_raw), 2 * {_HOURS})
                      * (0.2 + 0.78 * r_answer_share ^ 0.5) END
            WHEN 'terminated' THEN w.reg_raw + {_HOURS} * (1 + 100 * r_close_delay ^ 2)
            WHEN 'withdrawn' THEN w.received_at + {_HOURS} * (1 + 300 * r_close_delay ^ 2)
        END AS close_raw
    FROM worked w
    OFFSET 0
), reached AS (
    -- What has happened by now; a withdrawal stops the route where it was.
    SELECT c.*,
        CASE WHEN c.reg0_raw <= c.stop_at THEN c.reg0_raw END AS e_reg0,
        CASE WHEN c.fwd_raw <= c.stop_at THEN c.fwd_raw END AS e_fwd,
        CASE WHEN c.ret_raw <= c.stop_at THEN c.ret_raw END AS e_ret,
        CASE WHEN c.fwd2_raw <= c.stop_at THEN c.fwd2_raw END AS e_fwd2,
        CASE WHEN c.reg_raw <= c.stop_at THEN c.reg_raw END AS e_reg,
        CASE WHEN c.will_assign AND c.asg_raw <= c.stop_at THEN c.asg_raw END AS e_asg,
        CASE WHEN c.ext_raw <= c.stop_at THEN c.ext_raw END AS e_ext,
        CASE WHEN c.close_raw <= %(now)s THEN c.close_raw END AS e_close
    FROM (
        SELECT closed.*, CASE WHEN outcome = 'withdrawn' THEN least(close_raw, %(now)s)
                              ELSE %(now)s END AS stop_at
        FROM closed
    ) AS c
    OFFSET 0
), situated AS (
    SELECT r.*,
        CASE WHEN r.e_asg IS NOT NULL THEN 'in_progress'
             WHEN r.e_reg IS NOT NULL THEN 'registered'
             WHEN r.e_fwd IS NOT NULL THEN 'submitted'
             WHEN r.e_reg0 IS NOT NULL THEN 'registered'
             ELSE 'submitted' END AS open_status,
        CASE WHEN r.source_id IS NOT NULL
                  AND (r.e_fwd IS NULL OR (r.e_ret IS NOT NULL AND r.e_fwd2 IS NULL))
             THEN r.source_id ELSE r.agency_id END AS agency_now,
        CASE WHEN r_language < 0.68 THEN 1 WHEN r_language < 0.98 THEN 2 ELSE 3 END AS lang,
        CASE WHEN r.complaint_of IS NULL OR r.e_close IS NULL OR r.outcome <> 'answered'
                 THEN ''
             WHEN {draw("decision", "r.n")} < %(upheld_share)s THEN 'upheld'
             WHEN {draw("decision", "r.n")} < %(upheld_share)s + %(partly_upheld_share)s
                 THEN 'partly_upheld'
             ELSE 'rejected' END AS complaint_outcome
    FROM reached r
    OFFSET 0
)
SELECT %(appeal_base)s + s.n AS id, s.n, s.day,
    s.complaint_of, coalesce(k.ground, '') AS complaint_ground, s.complaint_outcome,
    s.prefix || '-' || extract(year FROM s.day)::int || '-'
        || lpad((%(reference_base)s + s.n)::text,
                greatest(8, length((%(reference_base)s + s.n)::text)), '0') AS reference,
    s.type_id,
    coalesce(k.applicant_id, %(citizen_base)s + floor(%(citizens)s * r_applicant ^ 1.5)::bigint)
        AS applicant_id,
    CASE WHEN r_collective < 0.04 THEN 1 + floor(40 * (r_collective / 0.04) ^ 3)::int
         ELSE 0 END AS co_applicants,
    s.category_id, s.region_id, addr.address,
    left(subject.value, 255) AS subject,
    format((%(topics)s::text[])[(s.lang - 1) * 2 + 1 + floor(r_template * 2)::int],
           lower(subject.value))
        || CASE WHEN addr.address <> ''
                THEN ' ' || format((%(addresses)s::text[])[s.lang], addr.address)
                ELSE '' END AS text,
    (ARRAY['ru', 'kk', 'en'])[s.lang] AS language,
    coalesce(s.source_id, s.agency_id) AS addressee_id, s.agency_now, s.agency_id,
    s.source_id, s.source_registrar_id, s.registrar_id, s.head_id,
    CASE WHEN s.e_asg IS NOT NULL THEN s.executor_pick END AS executor_id,
    CASE WHEN s.e_asg IS NOT NULL THEN {_STAFF_NAME} END AS executor_name,
    CASE WHEN s.e_close IS NOT NULL THEN s.outcome ELSE s.open_status END AS status,
    s.open_status, s.outcome, s.received_at,
    CASE WHEN s.e_ext IS NOT NULL THEN s.ext_due ELSE s.due0 END AS due_at,
    CASE WHEN s.e_ext IS NOT NULL THEN s.due0 END AS original_due_at,
    s.due0_iso, s.ext_iso,
    CASE WHEN s.e_ext IS NOT NULL THEN (%(extension_reasons)s::text[])[s.lang] ELSE '' END
        AS extension_reason,
    CASE WHEN s.e_fwd IS NOT NULL THEN (%(forward_reasons)s::text[])[s.lang] END
        AS forward_reason,
    CASE WHEN s.e_ret IS NOT NULL THEN (%(return_reasons)s::text[])[s.lang] END AS return_reason,
    s.source_head_id, s.e_ret, s.e_fwd2,
    {_forward_late("s.e_ret", "s.e_fwd")} AS return_late,
    {_forward_late("s.e_fwd2", "s.e_ret")} AS again_late,
    CASE WHEN s.e_close IS NOT NULL AND s.outcome IN ('answered', 'terminated')
         THEN s.e_close END AS answered_at,
    s.e_reg0, s.e_fwd, s.e_fwd > s.forward_limit AS forward_late, s.e_reg, s.e_asg, s.e_ext,
    s.e_close,
    (s.e_fwd IS NOT NULL)::int + (s.e_ret IS NOT NULL)::int + (s.e_fwd2 IS NOT NULL)::int
        AS forward_count,
    CASE WHEN s.e_close IS NULL OR s.outcome <> 'answered' THEN ''
         WHEN s.complaint_outcome = 'upheld' THEN 'satisfied'
         WHEN s.complaint_outcome = 'partly_upheld' THEN 'explained'
         WHEN s.complaint_outcome = 'rejected' THEN 'refused'
         WHEN r_answer_kind < 0.7 THEN 'explained'
         WHEN r_answer_kind < 0.9 THEN 'satisfied' ELSE 'refused' END AS answer_kind,
    CASE WHEN s.e_close IS NOT NULL AND s.outcome = 'answered' THEN {_ANSWER_TEXT}
         ELSE '' END AS answer_text,
    -- Sent over a warning of the answer check: more often by the bodies rated worse.
    coalesce(s.e_close IS NOT NULL AND s.outcome = 'answered'
             AND {draw("warned")} < 0.02 + 0.2 * s.dissatisfied_rate, false) AS answer_warned,
    CASE WHEN s.e_close IS NULL OR s.outcome <> 'terminated' THEN ''
         WHEN r_termination < 0.35 THEN 'repeat' WHEN r_termination < 0.65 THEN 'no_substance'
         WHEN r_termination < 0.8 THEN 'withdrawn' WHEN r_termination < 0.9 THEN 'anonymous'
         ELSE 'court' END AS termination_reason,
    CASE WHEN s.e_close IS NOT NULL AND s.outcome = 'answered' AND r_rated < %(rated_share)s
              AND s.e_close + {_HOURS} * (1 + 160 * r_rating_delay ^ 2) <= %(now)s
         THEN s.e_close + {_HOURS} * (1 + 160 * r_rating_delay ^ 2) END AS rated_at,
    r_satisfied >= s.dissatisfied_rate AS satisfied,
    CASE WHEN s.e_close > s.due_planned AND r_reason < 0.5 THEN 'late'
         WHEN r_reason_kind < 0.3 THEN 'formal' WHEN r_reason_kind < 0.65 THEN 'not_solved'
         WHEN r_reason_kind < 0.75 THEN 'unclear' WHEN r_reason_kind < 0.83 THEN 'late'
         WHEN r_reason_kind < 0.86 THEN 'rude' ELSE 'other' END AS reason
FROM situated s
JOIN gen_category cat ON cat.id = s.category_id
LEFT JOIN __LINK__ k ON k.n = s.n
CROSS JOIN LATERAL (
    SELECT CASE s.lang WHEN 1 THEN cat.name_ru WHEN 2 THEN cat.name_kk ELSE cat.name_en END
        AS value
) AS subject
CROSS JOIN LATERAL (
    SELECT CASE WHEN cat.jurisdiction <> 'local' THEN ''
        ELSE {pick("%(streets)s::text[]", "r_street")} || ', '
             || (1 + floor(r_house * 180)::int)
             || CASE WHEN r_flat < 0.6 THEN ', кв. ' || (1 + floor(r_flat / 0.6 * 200)::int)
                     ELSE '' END
        END AS address
) AS addr
"""  # noqa: S608 - constant fragments only
_EVERY_DAY = """
    FROM gen_day d
    CROSS JOIN LATERAL generate_series(
        greatest(d.first, %(n0)s), least(d.first + d.cnt, %(n1)s) - 1) AS g(n)
    WHERE d.first < %(n1)s AND d.first + d.cnt > %(n0)s
"""
_NO_LINK = """(
    SELECT NULL::bigint AS n, NULL::bigint AS original_id, NULL::bigint AS applicant_id,
           NULL::bigint AS higher_id, NULL::bigint AS region_id, NULL::bigint AS category_id,
           NULL::text AS ground
    WHERE false
)"""
# The batch's appeals, and again those of its complaints that found their appeal.
BATCH = (
    _BATCH.replace("__TARGET__", "gen_batch")
    .replace("__NUMBERS__", _EVERY_DAY)
    .replace("__LINK__", _NO_LINK)
)
BATCH_LINKED = (
    _BATCH.replace("__TARGET__", "gen_linked")
    .replace(
        "__NUMBERS__", "FROM gen_link k JOIN gen_day d ON d.day = k.day, LATERAL (SELECT k.n) g(n)"
    )
    .replace("__LINK__", "gen_link")
)
