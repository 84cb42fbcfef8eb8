"""The SQL of the generated meetings, their questions, slots, bookings and ratings
(bench/generating/meetings.py); every value is a bound parameter."""

from __future__ import annotations

from bench.generating.words import unit

MEETING_DRAWS = (
    "day", "agency", "kind", "status", "hour", "questions", "official", "locality", "reason",
    "outcome", "citizen", "rated", "satisfied", "free",
)  # fmt: skip


def rnd(name: str, number: str) -> str:
    return unit(number, f"%(mseed)s + {MEETING_DRAWS.index(name)}")


# Meeting k falls on the day of appeal number k * appeals / meetings: meetings follow the
# traffic of the years. Kinds, questions per meeting and outcomes by the body's kind.
MEETINGS = f"""
DROP TABLE IF EXISTS gen_meeting;
CREATE TEMP TABLE gen_meeting ON COMMIT DROP AS
WITH drawn AS (
    SELECT k, %(meeting_base)s + k AS id,
           (%(days)s::date[])[width_bucket(
               floor((k + {rnd("day", "k")}) * %(appeals)s / %(meetings)s)::bigint,
               %(day_firsts)s::bigint[])] AS day,
           (%(agency_ids)s::bigint[])[width_bucket({rnd("agency", "k")},
               %(agency_cum)s::float8[])] AS agency_id,
           {rnd("kind", "k")} AS r_kind, {rnd("status", "k")} AS r_status,
           {rnd("hour", "k")} AS r_hour, {rnd("questions", "k")} AS r_questions,
           {rnd("official", "k")} AS r_official, {rnd("locality", "k")} AS r_locality,
           {rnd("reason", "k")} AS r_reason
    FROM generate_series(0, %(meetings)s - 1) AS k
    OFFSET 0
), typed AS (
    SELECT d.*, a.kind IN ('ministry', 'central') AS central, a.region_id AS own_region,
           a.official_first + floor(d.r_official * a.officials)::bigint AS official_id,
           CASE WHEN a.kind = 'ministry' THEN (%(ministry_kinds)s::text[])[
                    width_bucket(d.r_kind, %(ministry_kind_cum)s::float8[])]
                ELSE (%(akimat_kinds)s::text[])[
                    width_bucket(d.r_kind, %(akimat_kind_cum)s::float8[])] END AS kind,
           (d.day + make_interval(hours => 9 + floor(d.r_hour * 8)::int))
               AT TIME ZONE %(tz)s AS starts_at
    FROM drawn d JOIN gen_meeting_agency a ON a.id = d.agency_id
    OFFSET 0
)
SELECT t.*,
       coalesce(t.own_region, (%(region_ids)s::bigint[])[
           1 + floor(t.r_locality * cardinality(%(region_ids)s::bigint[]))::int]) AS region_id,
       CASE WHEN t.starts_at > %(now)s THEN 'planned'
            WHEN t.r_status < %(not_held_share)s THEN 'not_held' ELSE 'held' END AS status,
       CASE WHEN t.kind = 'visiting' THEN 'Район ' || (1 + floor(t.r_locality * 12)::int)
            ELSE '' END AS locality,
       -- Questions: ministers take many on a visit; akims about two at a meeting.
       floor(t.r_questions * 2 * CASE WHEN t.central AND t.kind = 'visiting'
                                      THEN %(ministry_visit_questions)s
                                      ELSE %(questions_per_meeting)s END)::int AS questions
FROM typed t;
CREATE INDEX ON gen_meeting (id);
"""  # noqa: S608 - constant fragments only

INSERT_MEETINGS = """
INSERT INTO receptions_meeting (id, agency_id, kind, status, official_id, official_name,
    official_post, region_id, locality, place, video_link, target_group, topics, starts_at,
    ends_at, slot_minutes, not_held_reason, attendance, imported, import_ref, created_by_id,
    created_at, status_changed_at)
SELECT m.id, m.agency_id, m.kind, m.status, m.official_id, u.full_name,
       CASE WHEN m.central THEN 'Вице-министр' ELSE 'Аким' END, m.region_id, m.locality,
       'Актовый зал', CASE WHEN m.kind = 'online' THEN 'https://meet.bench.otinish.test/' || m.id
                           ELSE '' END,
       CASE WHEN m.kind = 'target_group' THEN (%(target_groups)s::text[])[
           1 + mod(m.id, cardinality(%(target_groups)s::text[]))::int] ELSE '' END,
       '', m.starts_at, m.starts_at + interval '2 hours',
       CASE WHEN m.kind IN ('personal', 'visiting', 'online') THEN %(slot_minutes)s END,
       CASE WHEN m.status = 'not_held' THEN (%(reasons)s::text[])[
           1 + floor(m.r_reason * cardinality(%(reasons)s::text[]))::int] ELSE '' END,
       CASE WHEN m.status = 'held' AND m.kind IN ('residents', 'target_group')
            THEN 30 + floor(m.r_reason * 300)::int END,
       false, '', m.official_id, m.starts_at - interval '14 days',
       CASE WHEN m.status <> 'planned' THEN m.starts_at + interval '2 hours' END
FROM gen_meeting m JOIN accounts_user u ON u.id = m.official_id
"""

# A question under control became an appeal of the body received after the meeting (its
# applicant raised it); one question per appeal, else it counts as explained.
QUESTIONS = f"""
DROP TABLE IF EXISTS gen_question;
CREATE TEMP TABLE gen_question ON COMMIT DROP AS
SELECT q.*,
       CASE WHEN q.drawn = 'control' THEN (
           SELECT a.id FROM appeals_appeal a
           WHERE a.agency_id = q.agency_id AND a.received_at >= q.ends_at
             AND a.received_at < q.ends_at + interval '30 days'
           ORDER BY a.received_at OFFSET q.idx LIMIT 1) END AS appeal_id
FROM (
    SELECT row_number() OVER (ORDER BY m.id, i) - 1 AS qn, m.id AS meeting_id, i AS idx,
           m.agency_id, m.region_id, m.locality, m.starts_at + interval '2 hours' AS ends_at,
           m.kind IN ('personal', 'visiting', 'online') AS booked,
           m.starts_at + make_interval(mins => %(slot_minutes)s * i) AS slot_at,
           %(citizen_base)s + mod((hashint8extended(m.id, %(mseed)s) & 1099511627775) + i,
                                  %(citizens)s) AS booked_citizen,
           CASE WHEN m.central THEN (%(ministry_outcomes)s::text[])[
                    width_bucket({rnd("outcome", "m.id * 64 + i")},
                                 %(ministry_outcome_cum)s::float8[])]
                ELSE (%(akimat_outcomes)s::text[])[
                    width_bucket({rnd("outcome", "m.id * 64 + i")},
                                 %(akimat_outcome_cum)s::float8[])] END AS drawn,
           {rnd("rated", "m.id * 64 + i")} AS r_rated,
           {rnd("satisfied", "m.id * 64 + i")} AS r_satisfied,
           (%(category_ids)s::bigint[])[width_bucket({rnd("citizen", "m.id * 64 + i")},
               %(category_cum)s::float8[])] AS category_id,
           coalesce(gp.forward_to, (SELECT r.id FROM gen_meeting_agency r
                                    WHERE r.kind = 'akimat' AND r.region_id = m.region_id
                                    LIMIT 1)) AS forward_to
    FROM gen_meeting m
    JOIN gen_meeting_agency gp ON gp.id = m.agency_id
    CROSS JOIN LATERAL generate_series(0, m.questions - 1) AS i
    WHERE m.status = 'held'
) q;
"""  # noqa: S608 - constant fragments only

# Appeals taken twice (or by a question of an earlier run) go back to "explained"; the
# question's citizen is the appeal's applicant, else the booked citizen.
SETTLE = """
UPDATE gen_question g SET appeal_id = NULL
FROM (SELECT qn, row_number() OVER (PARTITION BY appeal_id ORDER BY qn) AS nth
      FROM gen_question WHERE appeal_id IS NOT NULL) d
WHERE d.qn = g.qn AND (d.nth > 1 OR EXISTS (
    SELECT FROM receptions_question r WHERE r.appeal_id = g.appeal_id));
DROP TABLE IF EXISTS gen_answer;
CREATE TEMP TABLE gen_answer ON COMMIT DROP AS
SELECT g.qn, g.meeting_id, g.region_id, g.locality, g.ends_at, g.booked, g.slot_at,
       g.r_rated, g.r_satisfied, g.appeal_id,
       coalesce(a.applicant_id, CASE WHEN g.booked THEN g.booked_citizen END) AS citizen_id,
       coalesce(a.category_id, g.category_id) AS category_id,
       CASE WHEN g.drawn = 'control' AND g.appeal_id IS NULL THEN 'explained'
            WHEN g.drawn = 'forwarded' AND g.forward_to IS NULL THEN 'explained'
            ELSE g.drawn END AS outcome,
       g.forward_to
FROM gen_question g LEFT JOIN appeals_appeal a ON a.id = g.appeal_id;
-- A citizen books once per reception: a second question of his there is from the floor.
UPDATE gen_answer g SET booked = false
FROM (SELECT qn, row_number() OVER (PARTITION BY meeting_id, citizen_id ORDER BY qn) AS nth
      FROM gen_answer WHERE booked) d
WHERE d.qn = g.qn AND d.nth > 1;
"""

INSERT_SLOTS = """
INSERT INTO receptions_slot (id, meeting_id, starts_at)
SELECT %(slot_base)s + qn, meeting_id, slot_at FROM gen_answer WHERE booked;
-- And a free slot or two after the booked ones at most receptions.
INSERT INTO receptions_slot (meeting_id, starts_at)
SELECT m.id, m.starts_at + make_interval(mins => %(slot_minutes)s * (m.questions + f))
FROM gen_meeting m CROSS JOIN generate_series(0, 1) AS f
WHERE m.kind IN ('personal', 'visiting', 'online') AND m.status <> 'not_held'
  AND {free} < 0.6 + 0.3 * f;
"""
INSERT_SLOTS = INSERT_SLOTS.replace("{free}", rnd("free", "m.id * 2 + f"))

INSERT_BOOKINGS = """
INSERT INTO receptions_booking (id, slot_id, meeting_id, citizen_id, category_id, question,
    booked_by_id, status, created_at, cancelled_at, reminded_at)
SELECT %(booking_base)s + qn, %(slot_base)s + qn, meeting_id, citizen_id, category_id,
       %(text)s, NULL, 'active', ends_at - interval '9 days', NULL, ends_at - interval '26 hours'
FROM gen_answer WHERE booked
"""

INSERT_QUESTIONS = """
INSERT INTO receptions_question (id, meeting_id, booking_id, citizen_id, category_id,
    region_id, locality, text, outcome, outcome_note, appeal_id, forwarded_to_id,
    reopened_by_id, recorded_by_id, recorded_at, imported)
SELECT %(question_base)s + g.qn, g.meeting_id,
       CASE WHEN g.booked THEN %(booking_base)s + g.qn END, g.citizen_id, g.category_id,
       g.region_id, g.locality, CASE WHEN g.booked THEN %(text)s ELSE '' END, g.outcome, '',
       g.appeal_id, CASE WHEN g.outcome = 'forwarded' THEN g.forward_to END, NULL,
       m.official_id, g.ends_at, false
FROM gen_answer g JOIN gen_meeting m ON m.id = g.meeting_id
"""

INSERT_RATINGS = """
INSERT INTO receptions_questionfeedback (question_id, satisfied, comment, created_at,
    updated_at)
SELECT %(question_base)s + qn, r_satisfied >= %(dissatisfied_share)s, '',
       least(ends_at + interval '3 days', %(now)s), least(ends_at + interval '3 days', %(now)s)
FROM gen_answer WHERE citizen_id IS NOT NULL AND r_rated < %(rated_share)s
"""
