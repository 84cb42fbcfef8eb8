"""The near-copy rule: the earlier answer of the same body most like a new one, by pg_trgm's
trigram similarity (the index of appeals/0012; the design in docs/benchmarks.md)."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.conf import settings
from django.db import DatabaseError, connection, transaction

from appeals.models import Appeal

logger = logging.getLogger(__name__)
# The query gives up after this long: no warning is better than a slow answer form.
TIMEOUT_MS = 300

# The answers sharing a MinHash band with the text (appeal_answer_bands_idx, appeals/0012),
# at most PER_BAND a band; the CANDIDATES sharing the most bands are compared in full. The
# bands hash the body's id in, so the probes need no filter on it (an index on the body
# would only slow them down); the comparison checks it.
PER_BAND, CANDIDATES = 40, 16
NEAREST = """
WITH bands AS (SELECT unnest(appeals_answer_bands(%(agency)s, %(text)s)) AS band),
candidates AS (
    SELECT c.id FROM bands CROSS JOIN LATERAL (
        SELECT a.id FROM appeals_appeal a
        WHERE appeals_answer_bands(a.agency_id, a.answer_text) @> ARRAY[bands.band]
          AND a.status = 'answered' AND a.answer_text <> ''
        LIMIT %(per_band)s
    ) c
    WHERE c.id <> %(appeal)s
    GROUP BY c.id ORDER BY count(*) DESC, c.id DESC LIMIT %(candidates)s
)
SELECT reference, score FROM (
    SELECT a.reference, a.id, similarity(a.answer_text, %(text)s) AS score
    FROM candidates JOIN appeals_appeal a ON a.id = candidates.id
    WHERE a.agency_id = %(agency)s
) compared
WHERE score >= %(threshold)s
ORDER BY score DESC, id DESC
LIMIT 1
"""
# SET LOCAL outlives a released savepoint: the old values are put back after the query. No
# JIT: its compilation alone would take longer than the query.
SETTINGS = """
SELECT current_setting('statement_timeout'), current_setting('jit'),
       set_config('statement_timeout', %s, true), set_config('jit', 'off', true)
"""
RESTORE = "SELECT set_config('statement_timeout', %s, true), set_config('jit', %s, true)"


@dataclass(frozen=True)
class NearCopy:
    reference: str
    similarity: float  # 0–1


def nearest_answer(appeal: Appeal, text: str) -> NearCopy | None:
    """The earlier answer of `appeal`'s body at least NEAR_COPY_SIMILARITY like `text`,
    the most similar one; None when there is none, or when the query ran out of time."""
    if not text.strip():
        return None
    threshold = settings.NEAR_COPY_SIMILARITY
    params = {
        "text": text, "agency": appeal.agency_id, "appeal": appeal.pk or 0,
        "threshold": threshold, "per_band": PER_BAND, "candidates": CANDIDATES,
    }  # fmt: skip
    try:
        # A savepoint: the settings end with it, and a timeout leaves the caller's
        # transaction usable.
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(SETTINGS, [f"{TIMEOUT_MS}ms"])
            before = cursor.fetchone() or ("0", "on")
            cursor.execute(NEAREST, params)
            row = cursor.fetchone()
            cursor.execute(RESTORE, before[:2])
    except DatabaseError:
        logger.warning("near-copy check of appeal %s gave up", appeal.pk, exc_info=True)
        return None
    return NearCopy(row[0], float(row[1])) if row else None
