"""The batch's inserts: its appeals, their events (the route as the services record it) and
their ratings, from the temporary table gen_batch (bench/generating/sql.py), and the
complaints about them, from gen_linked (bench/generating/complaints.py)."""

from __future__ import annotations

from bench.generating.complaints import MARKED

# The appeals complained about first: a complaint refers to its appeal, which the checks of
# core/checked_writes.py see only when an earlier statement wrote it.
_INSERT_APPEALS = """
    INSERT INTO appeals_appeal (
        id, reference, type_id, applicant_id, co_applicants, category_id, region_id, address,
        subject, text, language, addressee_id, agency_id, executor_id, status, received_at,
        due_at, original_due_at, extension_reason, answered_at, forward_count, answer_kind,
        answer_text, answer_warned, termination_reason, imported, complaint_of_id,
        complaint_ground, complaint_outcome, complained, overturned)
    SELECT id, reference, type_id, applicant_id, co_applicants, category_id, region_id, address,
        subject, text, language, addressee_id, agency_now, executor_id, status, received_at,
        due_at, original_due_at, extension_reason, answered_at, forward_count, answer_kind,
        answer_text, answer_warned, termination_reason, false, complaint_of, complaint_ground,
        complaint_outcome, {flags}
    FROM {rows}
"""
INSERT_APPEALS = _INSERT_APPEALS.format(
    flags="marked.original_id IS NOT NULL, coalesce(marked.upheld, false)",
    rows=f"gen_batch b {MARKED} WHERE b.complaint_of IS NULL",
)
INSERT_COMPLAINTS = _INSERT_APPEALS.format(flags="false, false", rows="gen_linked b")

# The route as the services record it (appeals/steps.py: record): who, when, from which
# status and agency to which, with the same comments and details.
INSERT_EVENTS = """
    INSERT INTO appeals_appealevent (appeal_id, action, actor_id, created_at, from_status,
        to_status, from_agency_id, to_agency_id, comment, data)
    SELECT b.id, e.action, e.actor_id, e.created_at, e.from_status, e.to_status,
           e.from_agency_id, e.to_agency_id, e.comment, e.data
    FROM gen_batch b
    CROSS JOIN LATERAL (VALUES
        ('appeal.submitted', b.applicant_id, b.received_at, '', 'submitted', NULL::bigint,
         b.addressee_id, '', '{"on_behalf": false}'::jsonb),
        ('appeal.registered', b.source_registrar_id, b.e_reg0, 'submitted', 'registered', NULL,
         b.addressee_id, '', '{}'),
        ('appeal.forwarded', b.source_registrar_id, b.e_fwd,
         CASE WHEN b.e_reg0 IS NULL THEN 'submitted' ELSE 'registered' END, 'submitted',
         b.addressee_id, b.agency_id, b.forward_reason,
         CASE WHEN b.e_fwd IS NOT NULL THEN jsonb_build_object('late', b.forward_late) END),
        ('appeal.registered', b.registrar_id, b.e_reg, 'submitted', 'registered', NULL,
         b.agency_id, '', '{}'),
        ('appeal.assigned', b.head_id, b.e_asg, 'registered', 'in_progress', NULL, b.agency_id,
         '', CASE WHEN b.e_asg IS NOT NULL THEN jsonb_build_object(
                'executor_id', b.executor_id, 'executor_name', b.executor_name) END),
        ('appeal.extended', b.head_id, b.e_ext, 'in_progress', 'in_progress', NULL,
         b.agency_id, b.extension_reason, CASE WHEN b.e_ext IS NOT NULL THEN jsonb_build_object(
                'due_at', b.ext_iso, 'previous_due_at', b.due0_iso) END),
        (CASE WHEN b.complaint_outcome <> '' THEN 'appeal.decided' ELSE 'appeal.' || b.outcome END,
         CASE b.outcome WHEN 'answered' THEN b.executor_id WHEN 'terminated' THEN b.head_id
                        ELSE b.applicant_id END,
         b.e_close, b.open_status, b.outcome, NULL, b.agency_now, '',
         CASE WHEN b.complaint_outcome <> ''
                  THEN jsonb_build_object('outcome', b.complaint_outcome)
              WHEN b.outcome = 'answered' THEN jsonb_build_object('kind', b.answer_kind)
              WHEN b.outcome = 'terminated'
                  THEN jsonb_build_object('reason', b.termination_reason)
              ELSE '{}' END)
    ) AS e(action, actor_id, created_at, from_status, to_status, from_agency_id, to_agency_id,
           comment, data)
    WHERE e.created_at IS NOT NULL
"""

# The returns of the appeals that went back and forth: sent back by the body reached (its
# head, with the reason), then sent on again by the first body.
INSERT_RETURNS = """
    INSERT INTO appeals_appealevent (appeal_id, action, actor_id, created_at, from_status,
        to_status, from_agency_id, to_agency_id, comment, data)
    SELECT b.id, 'appeal.forwarded', e.actor_id, e.created_at, 'submitted', 'submitted',
           e.from_agency_id, e.to_agency_id, b.forward_reason,
           jsonb_build_object('late', e.late, 'returned', true, 'return_reason', b.return_reason)
    FROM gen_batch b
    CROSS JOIN LATERAL (VALUES
        (b.head_id, b.e_ret, b.agency_id, b.addressee_id, b.return_late),
        (b.source_head_id, b.e_fwd2, b.addressee_id, b.agency_id, b.again_late)
    ) AS e(actor_id, created_at, from_agency_id, to_agency_id, late)
    WHERE b.e_ret IS NOT NULL AND e.created_at IS NOT NULL
"""

INSERT_RATINGS = """
    INSERT INTO ratings_feedback (appeal_id, satisfied, reason, comment, created_at, updated_at)
    SELECT id, satisfied, CASE WHEN satisfied THEN '' ELSE reason END, '', rated_at, rated_at
    FROM gen_batch WHERE rated_at IS NOT NULL
"""


TABLES = ("appeals_appeal", "appeals_appealevent", "ratings_feedback")
# In this order; the counts of a table's statements add up.
INSERTS = (
    ("appeals_appeal", INSERT_APPEALS),
    ("appeals_appeal", INSERT_COMPLAINTS),
    ("appeals_appealevent", INSERT_EVENTS),
    ("appeals_appealevent", INSERT_RETURNS),
    ("ratings_feedback", INSERT_RATINGS),
)
