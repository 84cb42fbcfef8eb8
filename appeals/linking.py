"""Repeats and parallels: when an appeal arrives, the same applicant's other appeals of the
period on the same matter, linked (AppealLink) by a worker after the submission commits.
The design, the choice of pg_trgm and the law: docs/workflow.md#repeats-and-parallels."""

from __future__ import annotations

from dataclasses import dataclass

from celery import shared_task
from django.conf import settings
from django.db import connection, transaction
from django.utils.translation import gettext as _

from appeals.models import Appeal, AppealLink
from appeals.selectors import repeat_candidates
from core.after_commit import task_after_commit
from core.refusals import ActionRefused

# Only the start of each text is compared: the matter is stated there, and the cost of
# similarity() grows with the length. At most CANDIDATES of the applicant's appeals of the
# period, the newest, are compared (appeal_applicant_recv_idx): one who writes daily costs
# no more than one who wrote CANDIDATES times.
PREFIX, CANDIDATES = 600, 60
# Not compared: the applicant's withdrawn appeals (no answer to point to), complaints (another
# procedure), imported records (no applicant's text worth the name) and the appeal a complaint
# is about. Trigram similarity, not full-text search: one measure for Russian and Kazakh
# (PostgreSQL has no Kazakh stemmer; trigrams share the stems of Kazakh's suffixed words).
SIMILAR = """
SELECT e.id, e.status, e.answered_at <= n.received_at AS closed_before,
       similarity(left(e.subject || ' ' || e.text, %(prefix)s), n.body) AS score
FROM (
    SELECT id, applicant_id, received_at, complaint_of_id,
           left(subject || ' ' || text, %(prefix)s) AS body
    FROM appeals_appeal WHERE id = %(appeal)s AND complaint_of_id IS NULL
) n
CROSS JOIN LATERAL (
    SELECT e.* FROM appeals_appeal e
    WHERE e.applicant_id = n.applicant_id AND e.id <> n.id
      AND e.received_at <= n.received_at
      AND e.received_at >= n.received_at - make_interval(days => %(days)s)
    ORDER BY e.received_at DESC
    LIMIT %(candidates)s
) e
WHERE e.status <> 'withdrawn' AND e.complaint_of_id IS NULL AND NOT e.imported
  AND e.id IS DISTINCT FROM n.complaint_of_id
  AND similarity(left(e.subject || ' ' || e.text, %(prefix)s), n.body) >= %(threshold)s
ORDER BY score DESC, e.id DESC
"""


@dataclass(frozen=True)
class Found:
    earlier_id: int
    kind: str  # AppealLink.Kind
    similarity: float


def similar_earlier(appeal_id: int) -> list[Found]:
    """The applicant's appeals of the last LINK_PERIOD_DAYS like this one, most alike first:
    a repeat when it was closed (answered or left without consideration) before this one
    arrived, else a parallel."""
    params = {
        "appeal": appeal_id, "prefix": PREFIX, "candidates": CANDIDATES,
        "days": settings.LINK_PERIOD_DAYS, "threshold": settings.LINK_SIMILARITY,
    }  # fmt: skip
    with connection.cursor() as cursor:
        cursor.execute(SIMILAR, params)
        rows = cursor.fetchall()
    closed = set(Appeal.CLOSED_STATUSES)
    return [
        Found(pk, _kind(status in closed and bool(before)), float(score))
        for pk, status, before, score in rows
    ]


def _kind(closed_before: bool) -> str:
    return AppealLink.Kind.REPEAT if closed_before else AppealLink.Kind.PARALLEL


def appeal_link(appeal_id: int) -> list[Found]:
    """Links `appeal_id` to what similar_earlier() finds, and marks it a repeat of the most
    alike repeat from REPEAT_SIMILARITY up: the published share counts only the surest.
    Idempotent: a second run adds nothing (appeal_link_unique)."""
    found = similar_earlier(appeal_id)
    links = [
        AppealLink(appeal_id=appeal_id, earlier_id=f.earlier_id, kind=f.kind,
                   similarity=f.similarity)
        for f in found
    ]  # fmt: skip
    sure = settings.REPEAT_SIMILARITY
    repeats = [f for f in found if f.kind == AppealLink.Kind.REPEAT and f.similarity >= sure]
    with transaction.atomic():
        AppealLink.objects.bulk_create(links, ignore_conflicts=True)
        if repeats:  # a staff member's choice (a termination as a repeat) is kept
            Appeal.objects.filter(pk=appeal_id, repeat_of__isnull=True).update(
                repeat_of_id=repeats[0].earlier_id
            )
    return found


@shared_task(name="appeals.linking.link_appeal", autoretry_for=(Exception,), max_retries=3)
def link_appeal(appeal_id: int) -> int:
    return len(appeal_link(appeal_id))


def repeat_pointed(appeal: Appeal, reason: str, earlier: Appeal | None) -> Appeal | None:
    """The earlier answer a termination as a repeat points to, checked; None for the other
    reasons. APPC: a repeat appeal bringing no new arguments is left without consideration
    only where the applicant was already answered on the matter — so the answer is named."""
    if reason != Appeal.TerminationReason.REPEAT:
        if earlier is not None:
            raise ActionRefused(_("An earlier appeal is named only for a repeat."))
        return None
    if earlier is None or not repeat_candidates(appeal).filter(pk=earlier.pk).exists():
        raise ActionRefused(
            _(
                "A repeat is left without consideration only by naming the applicant's earlier "
                "appeal that was answered on the same matter."
            )
        )
    return earlier


def links_schedule(appeal: Appeal) -> None:
    """After the submission commits, a worker looks for its repeats and parallels; the
    sender does not wait for them. A broker that is down costs the links, not the appeal."""
    task_after_commit(
        link_appeal.name, appeal.pk, unsent="Broker unavailable; appeal %s is not linked."
    )
