"""The clustering job: appeals past the watermark, in batches, each joined to the cluster of
the most similar earlier appeal from another person (same body, topic and region, within
the rule's days), or forming a new cluster with it. The scheme is in docs/listening.md."""

from __future__ import annotations

import datetime
import time
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from listening.alerts import alerts_raise
from listening.models import ClusteringState, ClusterMember, ProblemCluster
from listening.rules import Rules, rules_load

BATCH = 500
# An appeal is taken once it is this old: the writer of an earlier id may not have committed.
SETTLE = datetime.timedelta(seconds=5)
# The candidates kept per appeal: the best one already in a cluster wins over a better loner.
TOP = 3
# Characters of subject and text compared: the problem is named early; the rest costs time.
PREFIX = 400
ADDRESS_WEIGHT = 0.15
# The latest appeals of the topic compared with each: a bound on the work in the busiest
# body's busiest topic (there the window holds more; everywhere else it holds fewer).
NEAREST = 200

PENDING = """
SELECT id, received_at, NOT imported AND complaint_of_id IS NULL
FROM appeals_appeal WHERE id > %s ORDER BY id LIMIT %s
"""
# Per appeal of the batch, its TOP most similar among the NEAREST latest earlier appeals (by
# id: the same answer whatever the batches) of other people to its body, in its topic and
# region, read through appeal_agency_received_idx alone: "+ 0" keeps the planner off the
# category's index, whose bitmap grows with the whole table. With both addresses given,
# their likeness weighs ADDRESS_WEIGHT.
MATCHES = """
WITH batch AS (
    SELECT a.id, a.applicant_id, a.agency_id, a.category_id, a.region_id, a.received_at,
           left(a.subject || ' ' || a.text, %(prefix)s) AS body, a.address,
           make_interval(days => r.days) AS span, r.threshold
    FROM unnest(%(ids)s::bigint[], %(days)s::int[], %(thresholds)s::float8[])
         AS r(id, days, threshold)
    JOIN appeals_appeal a ON a.id = r.id
)
SELECT b.id, c.id, c.score FROM batch b CROSS JOIN LATERAL (
    SELECT n.id, CASE WHEN b.address <> '' AND n.address <> ''
        THEN (1 - %(weight)s) * similarity(n.body, b.body)
             + %(weight)s * similarity(n.address, b.address)
        ELSE similarity(n.body, b.body) END AS score
    FROM (
        SELECT c.id, left(c.subject || ' ' || c.text, %(prefix)s) AS body, c.address
        FROM appeals_appeal c
        WHERE c.agency_id = b.agency_id
          AND c.received_at BETWEEN b.received_at - b.span AND b.received_at + b.span
          AND c.id < b.id AND c.category_id + 0 = b.category_id
          AND c.region_id IS NOT DISTINCT FROM b.region_id AND c.applicant_id <> b.applicant_id
          AND NOT c.imported AND c.complaint_of_id IS NULL
        ORDER BY c.received_at DESC LIMIT %(nearest)s
    ) n
    ORDER BY score DESC, n.id LIMIT %(top)s
) c
WHERE c.score >= b.threshold
ORDER BY b.id, c.score DESC, c.id
"""
RECOUNT = """
UPDATE listening_problemcluster p
SET appeals = s.appeals, applicants = s.applicants, last_appeal_at = s.last_appeal_at
FROM (
    SELECT m.cluster_id, count(*) AS appeals, count(DISTINCT m.applicant_id) AS applicants,
           max(m.joined_at) AS last_appeal_at
    FROM listening_clustermember m WHERE m.cluster_id = ANY(%s) GROUP BY m.cluster_id
) s
WHERE p.id = s.cluster_id
"""
APPEALS = """
SELECT id, applicant_id, agency_id, category_id, region_id, received_at
FROM appeals_appeal WHERE id = ANY(%s)
"""


@dataclass(frozen=True)
class Found:
    """An appeal as the placement needs it."""

    id: int
    applicant_id: int
    agency_id: int
    category_id: int
    region_id: int | None
    received_at: datetime.datetime


def clustering_catch_up(*, budget: float = 50.0, batch: int = BATCH) -> int:
    """Batches until the stream is caught up or `budget` seconds have passed; returns how
    many appeals were looked at. Safe to run twice and in parallel: a second worker finds
    the state locked and returns at once."""
    started, done = time.monotonic(), 0
    while time.monotonic() - started < budget:
        taken = clustering_batch(batch=batch)
        done += max(taken, 0)
        if taken < batch:
            break
    return done


def clustering_batch(*, batch: int = BATCH, settle: datetime.timedelta = SETTLE) -> int:
    """One batch in one transaction, the watermark moved with it; returns how many appeals
    it looked at, -1 when another worker holds the state."""
    ClusteringState.objects.get_or_create(pk=1)
    with transaction.atomic():
        state = ClusteringState.objects.select_for_update(skip_locked=True).filter(pk=1).first()
        if state is None:
            return -1
        pending = _pending(state.last_appeal_id, batch, timezone.now() - settle)
        if not pending:
            return 0
        eligible = [appeal_id for appeal_id, ok in pending if ok]
        touched = _place(eligible, rules_load()) if eligible else set()
        if touched:
            with connection.cursor() as cursor:
                cursor.execute(RECOUNT, [sorted(touched)])
            alerts_raise(cluster_ids=sorted(touched))
        state.last_appeal_id = pending[-1][0]
        state.save(update_fields=["last_appeal_id", "updated_at"])
    return len(pending)


def _pending(after: int, batch: int, settled: datetime.datetime) -> list[tuple[int, bool]]:
    """Ids past the watermark with whether they are clustered, up to the first unsettled."""
    with connection.cursor() as cursor:
        cursor.execute(PENDING, [after, batch])
        rows = cursor.fetchall()
    taken = []
    for appeal_id, received_at, eligible in rows:
        if received_at > settled:
            break
        taken.append((appeal_id, eligible))
    return taken


def _place(ids: list[int], rules: Rules) -> set[int]:
    """Put each appeal into its best candidate's cluster, in id order; returns the clusters
    that changed."""
    found = _appeals(ids)
    matches = _matches([found[i] for i in ids if i in found], rules)
    candidates = {c for pairs in matches.values() for c, _ in pairs}
    found |= _appeals(sorted(candidates - found.keys()))
    cluster_of = dict(
        ClusterMember.objects.filter(appeal_id__in=candidates | set(ids)).values_list(
            "appeal_id", "cluster_id"
        )
    )
    members: list[ClusterMember] = []
    touched: set[int] = set()
    for appeal_id in ids:
        pairs = matches.get(appeal_id)
        if not pairs or appeal_id in cluster_of:  # a loner, or placed by an earlier run
            continue
        clustered = [pair for pair in pairs if pair[0] in cluster_of]
        chosen, score = (clustered or pairs)[0]
        if chosen not in cluster_of:
            cluster_of[chosen] = _cluster_new(found[chosen])
            members.append(_member(found[chosen], cluster_of[chosen], score))
        cluster_of[appeal_id] = cluster_of[chosen]
        members.append(_member(found[appeal_id], cluster_of[chosen], score))
        touched.add(cluster_of[chosen])
    ClusterMember.objects.bulk_create(members)
    return touched


def _appeals(ids: list[int]) -> dict[int, Found]:
    if not ids:
        return {}
    with connection.cursor() as cursor:
        cursor.execute(APPEALS, [ids])
        return {row[0]: Found(*row) for row in cursor.fetchall()}


def _matches(batch: list[Found], rules: Rules) -> dict[int, list[tuple[int, float]]]:
    """Per appeal, its candidates at or above its rule's similarity, best first."""
    chosen = [rules.for_category(appeal.category_id) for appeal in batch]
    params: dict[str, Any] = {
        "ids": [appeal.id for appeal in batch],
        "days": [rule.window_days for rule in chosen],
        "thresholds": [rule.similarity for rule in chosen],
        "prefix": PREFIX, "top": TOP, "weight": ADDRESS_WEIGHT, "nearest": NEAREST,
    }  # fmt: skip
    matches: dict[int, list[tuple[int, float]]] = {}
    with connection.cursor() as cursor:
        cursor.execute(MATCHES, params)
        for appeal_id, candidate_id, score in cursor.fetchall():
            matches.setdefault(appeal_id, []).append((candidate_id, float(score)))
    return matches


def _cluster_new(first: Found) -> int:
    cluster = ProblemCluster.objects.create(
        agency_id=first.agency_id, category_id=first.category_id, region_id=first.region_id,
        created_at=timezone.now(), last_appeal_at=first.received_at,
    )  # fmt: skip
    return cluster.pk


def _member(appeal: Found, cluster_id: int, score: float) -> ClusterMember:
    # joined_at is when the appeal arrived: a cluster's growth is the problem's, not the job's.
    return ClusterMember(
        cluster_id=cluster_id, appeal_id=appeal.id, applicant_id=appeal.applicant_id,
        joined_at=appeal.received_at, similarity=score,
    )  # fmt: skip
