"""The minute's upkeep of petitions: counts for the lists, crossings a signer's check
missed, collections whose period ended, answers whose signers are not all told yet, and
bursts of signatures from new accounts raised to the moderators."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from petitions.answering import signers_notify
from petitions.levels import petition_rules
from petitions.models import Petition
from petitions.notices import tell_author
from petitions.signing import milestones_check


@dataclass
class Upkeep:
    counted: int = 0
    failed: int = 0
    closed: int = 0
    notified: int = 0
    flagged: int = 0


def counts_refresh() -> int:
    """`signatures_seen` of every open petition from its shards, in one statement."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            UPDATE petitions_petition p SET signatures_seen = t.total
            FROM (SELECT petition_id, sum(count)::int AS total FROM petitions_signaturetally
                  GROUP BY petition_id) t
            WHERE t.petition_id = p.id AND p.status IN ('collecting', 'considering')
              AND p.signatures_seen <> t.total
            """
        )
        return cursor.rowcount


def collections_close(now: datetime.datetime) -> tuple[int, int]:
    """Ends the collections whose period is over: one short of its goal is archived as
    failed, its author told; one already with the addressee only stops collecting."""
    failed = 0
    ending = Petition.objects.filter(
        status=Petition.Status.COLLECTING, collection_ends_at__lte=now
    ).values_list("pk", flat=True)
    for petition_id in ending.iterator():
        milestones_check(Petition.objects.get(pk=petition_id))  # a last crossing first
        with transaction.atomic():
            petition = (
                Petition.objects.select_for_update()
                .filter(pk=petition_id, status=Petition.Status.COLLECTING)
                .first()
            )
            if petition is None:
                continue
            petition.status, petition.closed_at = Petition.Status.FAILED, now
            petition.save(update_fields=["status", "closed_at"])
            tell_author(petition, "failed")
            failed += 1
    closed = Petition.objects.filter(
        status=Petition.Status.CONSIDERING, closed_at__isnull=True, collection_ends_at__lte=now
    ).update(closed_at=now)
    return failed, closed


def bursts_flag(now: datetime.datetime) -> int:
    """A petition that drew at least PETITIONS_BURST_SIGNATURES signatures from new accounts
    in the last PETITIONS_BURST_MINUTES gets one flag per window for the moderators; the
    signatures an earlier flag covered count for none, so one burst is flagged once."""
    minutes = int(settings.PETITIONS_BURST_MINUTES)
    start = now - datetime.timedelta(minutes=minutes)
    window = minutes * 60
    window_start = datetime.datetime.fromtimestamp(
        start.timestamp() // window * window, tz=datetime.UTC
    )
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO petitions_petitionflag
                (petition_id, window_start, window_end, new_accounts, raised_at, review_note)
            SELECT s.petition_id, %(window_start)s, %(now)s, count(*), %(now)s, ''
            FROM petitions_signature s
            LEFT JOIN (SELECT petition_id, max(window_end) AS covered
                       FROM petitions_petitionflag GROUP BY petition_id) f
                   ON f.petition_id = s.petition_id
            WHERE s.new_account AND s.signed_at > %(start)s
              AND (f.covered IS NULL OR s.signed_at > f.covered)
            GROUP BY s.petition_id HAVING count(*) >= %(least)s
            ON CONFLICT (petition_id, window_start) DO NOTHING
            """,
            {"start": start, "now": now, "window_start": window_start,
             "least": int(settings.PETITIONS_BURST_SIGNATURES)},
        )  # fmt: skip
        return cursor.rowcount


def petitions_upkeep(now: datetime.datetime | None = None) -> Upkeep:
    now = now or timezone.now()
    done = Upkeep(counted=counts_refresh())
    listed_from = petition_rules().listed_from
    # Only those whose fresh count says a crossing is due: a link-only petition far from
    # its first threshold costs no query.
    crossing = Q(listed_at__isnull=True, signatures_seen__gte=listed_from) | Q(
        signatures_seen__gte=F("threshold")
    )
    collecting = Petition.objects.filter(crossing, status=Petition.Status.COLLECTING)
    for petition in collecting.only("pk", "status", "listed_at", "threshold"):
        milestones_check(petition)
    done.failed, done.closed = collections_close(now)
    answered = Petition.objects.filter(status=Petition.Status.ANSWERED, notified_at__isnull=True)
    for petition_id in answered.values_list("pk", flat=True):
        done.notified += signers_notify(petition_id)
    done.flagged = bursts_flag(now)
    return done
