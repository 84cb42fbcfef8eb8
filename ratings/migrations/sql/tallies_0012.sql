-- The rankings' counting rules, in one place: what part of the tallies an appeal is, and
-- the triggers on the appeals' tables that log every change of an appeal or a rating as
-- signed parts (-1 for the part before, +1 for the part after). How the tallies use them:
-- docs/rankings.md. The full rebuild (ratings/tallies/sql.py) counts with the same function.
--
-- Installed by migration ratings/0012 (methodology 4, the flags as bits), from this copy,
-- which migration ratings/0014 installs again when it is undone.

-- A part's flags are the bits of one integer, bit i being PART_FLAGS[i] of
-- ratings/tallies/sql.py: received 1, withdrawn 2, answered 4, terminated 8,
-- answered_on_time 16, complained 32, complained_open 64, overturned 128, open 256,
-- warned 512; a rating's: rated 1024, dissatisfied 2048, formal 4096. One integer is
-- cheaper to log, group and sum by than thirteen booleans (docs/benchmarks.md).

-- An appeal's counted part, from its status, times and flags; its flags have `received`
-- set. Every status is open, answered, terminated or withdrawn, exactly one of them
-- (tests/ratings/test_counting_rules.py); `open` must be appeals.models.Appeal.OPEN_STATUSES,
-- which the partial index appeal_open_overdue_idx and the live overdue count read.
-- A set-returning SQL function: the planner inlines it.
CREATE OR REPLACE FUNCTION ratings_appeal_part(
    status text, received_at timestamptz, due_at timestamptz, answered_at timestamptz,
    any_complaint boolean, complaint_upheld boolean, answer_warned boolean
) RETURNS TABLE (day date, flags integer, days integer, due_day date)
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT (received_at AT TIME ZONE 'Asia/Almaty')::date,
           1
           + (status = 'withdrawn')::int * 2
           -- Answered on the merits; "left without consideration" is its own count
           -- (methodology 3). On time and days to answer count either closing.
           + (status = 'answered')::int * 4
           + (status = 'terminated')::int * 8
           + coalesce(status IN ('answered', 'terminated') AND answered_at <= due_at,
                      false)::int * 16
           -- Complained about (its answer, termination or silence), overturned (a
           -- complaint upheld), whatever its status now but withdrawn; the open ones apart,
           -- as they join the base of the complaint rates.
           + (any_complaint AND status <> 'withdrawn')::int * 32
           + (any_complaint AND status IN ('submitted', 'registered', 'in_progress'))::int * 64
           + (complaint_upheld AND status <> 'withdrawn')::int * 128
           + (status IN ('submitted', 'registered', 'in_progress'))::int * 256
           -- Answered on the merits over a warning of the check against formal replies
           -- (methodology 4).
           + (answer_warned AND status = 'answered')::int * 512,
           CASE WHEN status IN ('answered', 'terminated') THEN
               floor(date_part('epoch', answered_at - received_at) / 86400)::int END,
           CASE WHEN status IN ('submitted', 'registered', 'in_progress') THEN
               (due_at AT TIME ZONE 'Asia/Almaty')::date END
$$;

-- A rating's flags (rated, dissatisfied, formal); 0 for none (satisfied is NULL).
CREATE OR REPLACE FUNCTION ratings_rating_flags(satisfied boolean, reason text)
RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN satisfied IS NULL THEN 0
                ELSE 1024 + (NOT satisfied)::int * 2048
                     + coalesce(reason = 'formal', false)::int * 4096 END
$$;

-- A new appeal's part; it has no rating yet.
CREATE OR REPLACE FUNCTION ratings_dirty_appeals_inserted() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO ratings_tallydelta (sign, appeal_id, day, agency_id, category_id, region_id,
        flags, days, due_day)
    SELECT 1, x.id, p.day, x.agency_id, x.category_id, x.region_id, p.flags, p.days,
           p.due_day
    FROM new_appeals x,
         LATERAL ratings_appeal_part(x.status, x.received_at, x.due_at, x.answered_at,
                                     x.complained, x.overturned, x.answer_warned) p;
    RETURN NULL;
END $$;

-- Only changes of what the tallies count: assigning an executor changes nothing there.
-- Forwards are kept by category and receipt day: a change of either counts them again.
CREATE OR REPLACE FUNCTION ratings_dirty_appeals_updated() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    WITH changed AS (
        SELECT n.id FROM old_appeals o JOIN new_appeals n ON n.id = o.id
        WHERE (o.status, o.agency_id, o.category_id, o.region_id, o.received_at, o.due_at,
               o.answered_at, o.complained, o.overturned, o.answer_warned)
              IS DISTINCT FROM
              (n.status, n.agency_id, n.category_id, n.region_id, n.received_at, n.due_at,
               n.answered_at, n.complained, n.overturned, n.answer_warned)
    ),
    sides AS (
        SELECT -1 AS sign, x.* FROM old_appeals x JOIN changed USING (id)
        UNION ALL
        SELECT 1, x.* FROM new_appeals x JOIN changed USING (id)
    )
    INSERT INTO ratings_tallydelta (sign, appeal_id, day, agency_id, category_id, region_id,
        flags, days, due_day)
    SELECT x.sign, x.id, p.day, x.agency_id, x.category_id, x.region_id,
           p.flags + ratings_rating_flags(f.satisfied, f.reason), p.days, p.due_day
    FROM sides x
    CROSS JOIN LATERAL ratings_appeal_part(x.status, x.received_at, x.due_at, x.answered_at,
                                           x.complained, x.overturned, x.answer_warned) p
    LEFT JOIN ratings_feedback f ON f.appeal_id = x.id;
    INSERT INTO ratings_dirtyappeal (appeal_id)
    SELECT n.id FROM old_appeals o JOIN new_appeals n ON n.id = o.id
    WHERE (o.category_id, o.received_at) IS DISTINCT FROM (n.category_id, n.received_at);
    RETURN NULL;
END $$;

-- A rating's own part (its flags alone) where its appeal is counted. Its
-- appeals are locked first (FOR SHARE), so that a move of the appeal and a rating given at
-- the same time are written one after the other, and each trigger sees the other's change.
-- Ratings given or removed: one function, the rows under one name for either event.
CREATE OR REPLACE FUNCTION ratings_dirty_feedback() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM FROM appeals_appeal WHERE id IN (SELECT appeal_id FROM changed_feedback)
        ORDER BY id FOR SHARE;
    INSERT INTO ratings_tallydelta (sign, appeal_id, day, agency_id, category_id, region_id,
        flags, days, due_day)
    SELECT CASE TG_OP WHEN 'INSERT' THEN 1 ELSE -1 END, a.id, p.day, a.agency_id,
           a.category_id, a.region_id, ratings_rating_flags(r.satisfied, r.reason), NULL::int,
           NULL::date
    FROM changed_feedback r JOIN appeals_appeal a ON a.id = r.appeal_id,
         LATERAL ratings_appeal_part(a.status, a.received_at, a.due_at, a.answered_at,
                                     a.complained, a.overturned, a.answer_warned) p;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION ratings_dirty_feedback_updated() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM FROM appeals_appeal
        WHERE id IN (SELECT appeal_id FROM old_feedback UNION SELECT appeal_id FROM new_feedback)
        ORDER BY id FOR SHARE;
    WITH changed AS (
        SELECT o.id FROM old_feedback o JOIN new_feedback n ON n.id = o.id
        WHERE (o.appeal_id, o.satisfied, o.reason) IS DISTINCT FROM
              (n.appeal_id, n.satisfied, n.reason)
    ),
    sides AS (
        SELECT -1 AS sign, r.* FROM old_feedback r JOIN changed USING (id)
        UNION ALL
        SELECT 1, r.* FROM new_feedback r JOIN changed USING (id)
    )
    INSERT INTO ratings_tallydelta (sign, appeal_id, day, agency_id, category_id, region_id,
        flags, days, due_day)
    SELECT r.sign, a.id, p.day, a.agency_id, a.category_id, a.region_id,
           ratings_rating_flags(r.satisfied, r.reason), NULL::int, NULL::date
    FROM sides r JOIN appeals_appeal a ON a.id = r.appeal_id,
         LATERAL ratings_appeal_part(a.status, a.received_at, a.due_at, a.answered_at,
                                     a.complained, a.overturned, a.answer_warned) p;
    RETURN NULL;
END $$;

-- A forward written in its own statement (an import, a generator) after its appeal.
CREATE OR REPLACE FUNCTION ratings_dirty_forwards() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO ratings_dirtyappeal (appeal_id)
    SELECT appeal_id FROM new_events WHERE action = 'appeal.forwarded';
    RETURN NULL;
END $$;

-- What the generator writes with the triggers off, logged as they would have: the appeals
-- of the given ids, each with its rating, and their forwards counted again.
CREATE OR REPLACE FUNCTION ratings_log_appeals(ids bigint[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO ratings_tallydelta (sign, appeal_id, day, agency_id, category_id, region_id,
        flags, days, due_day)
    SELECT 1, x.id, p.day, x.agency_id, x.category_id, x.region_id,
           p.flags + ratings_rating_flags(f.satisfied, f.reason), p.days, p.due_day
    FROM unnest(ids) AS i(id) JOIN appeals_appeal x ON x.id = i.id
    CROSS JOIN LATERAL ratings_appeal_part(x.status, x.received_at, x.due_at, x.answered_at,
                                           x.complained, x.overturned, x.answer_warned) p
    LEFT JOIN ratings_feedback f ON f.appeal_id = x.id;
    INSERT INTO ratings_dirtyappeal (appeal_id) SELECT unnest(ids);
END $$;

-- The triggers: statement-level, with transition tables, so that a bulk INSERT … SELECT
-- or COPY of 500,000 appeals is one INSERT … SELECT into the log, not 500,000 calls.
CREATE OR REPLACE TRIGGER ratings_dirty_appeals_inserted AFTER INSERT ON appeals_appeal
    REFERENCING NEW TABLE AS new_appeals
    FOR EACH STATEMENT EXECUTE FUNCTION ratings_dirty_appeals_inserted();
CREATE OR REPLACE TRIGGER ratings_dirty_appeals_updated AFTER UPDATE ON appeals_appeal
    REFERENCING OLD TABLE AS old_appeals NEW TABLE AS new_appeals
    FOR EACH STATEMENT EXECUTE FUNCTION ratings_dirty_appeals_updated();
CREATE OR REPLACE TRIGGER ratings_dirty_feedback_inserted AFTER INSERT ON ratings_feedback
    REFERENCING NEW TABLE AS changed_feedback
    FOR EACH STATEMENT EXECUTE FUNCTION ratings_dirty_feedback();
CREATE OR REPLACE TRIGGER ratings_dirty_feedback_deleted AFTER DELETE ON ratings_feedback
    REFERENCING OLD TABLE AS changed_feedback
    FOR EACH STATEMENT EXECUTE FUNCTION ratings_dirty_feedback();
CREATE OR REPLACE TRIGGER ratings_dirty_feedback_updated AFTER UPDATE ON ratings_feedback
    REFERENCING OLD TABLE AS old_feedback NEW TABLE AS new_feedback
    FOR EACH STATEMENT EXECUTE FUNCTION ratings_dirty_feedback_updated();
CREATE OR REPLACE TRIGGER ratings_dirty_forwards AFTER INSERT ON appeals_appealevent
    REFERENCING NEW TABLE AS new_events
    FOR EACH STATEMENT EXECUTE FUNCTION ratings_dirty_forwards();
