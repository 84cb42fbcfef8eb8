"""Signing a petition and withdrawing the signature. One active signature per IIN is the
database's partial unique index; the count lives in TALLY_SHARDS rows per petition, so
concurrent signers update different rows and a page sums at most 16 (docs/petitions.md,
"Signing")."""

from __future__ import annotations

import datetime
import hashlib
from contextlib import nullcontext

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from agencies.workdays import due_at
from core.db_routing import connection_for_read
from core.ratelimit import rates_take
from core.refusals import ActionRefused
from petitions.filing import verified_citizen
from petitions.levels import petition_rules
from petitions.models import TALLY_SHARDS, Petition, Signature
from petitions.notices import tell_author

HOUR = 3600
OPEN = (Petition.Status.COLLECTING, Petition.Status.CONSIDERING)


def short_name(full_name: str) -> str:
    """First name and the surname's initial. A verified name reads "Surname Name
    Patronymic", as the national CA's certificates write it."""
    words = full_name.split()
    if len(words) < 2:
        return (words[0] if words else "?")[:80]
    return f"{words[1]} {words[0][0]}."[:80]


def signature_count(petition_id: int) -> int:
    """The exact count of active signatures: the sum of the petition's shards."""
    with connection_for_read(Signature).cursor() as cursor:  # a replica, for a public page
        cursor.execute(
            "SELECT coalesce(sum(count), 0) FROM petitions_signaturetally WHERE petition_id = %s",
            [petition_id],
        )
        return int(cursor.fetchone()[0])


def _tally_add(petition_id: int, signature_id: int, delta: int) -> int:
    """Adds to the signature's shard; returns the shard's new count."""
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE petitions_signaturetally SET count = count + %s"
            " WHERE petition_id = %s AND shard = %s RETURNING count",
            [delta, petition_id, signature_id % TALLY_SHARDS],
        )
        row = cursor.fetchone()
        return int(row[0]) if row else 0


def collection_open(petition: Petition, now: datetime.datetime) -> None:
    """Refused unless the petition is published and still collecting."""
    if petition.status not in Petition.PUBLISHED:
        raise ActionRefused(_("This petition is not published."))
    ends = petition.collection_ends_at
    if petition.status not in OPEN or ends is None or ends <= now:
        raise ActionRefused(_("The collection of signatures for this petition is closed."))


def _count_signing(signer: User, address: str) -> None:
    """Per account and per address (as the trusted proxies give it), per hour."""
    hashed = hashlib.sha256(address.encode()).hexdigest()[:24]
    takes = [
        (f"petition-sign:account:{signer.pk}", int(settings.PETITIONS_SIGN_PER_ACCOUNT_HOUR)),
        (f"petition-sign:address:{hashed}", int(settings.PETITIONS_SIGN_PER_ADDRESS_HOUR)),
    ]
    if not rates_take(takes, window=HOUR).allowed:
        raise ActionRefused(_("Too many signatures from here: try again in an hour."))


# The signature and its shard's count in one statement, so one round trip and, in
# autocommit, its own transaction: the hot path of a popular petition.
SIGN_SQL = """
WITH signed AS (
    INSERT INTO petitions_signature
        (petition_id, signer_id, iin, short_name, signed_at, withdrawn_at, new_account)
    VALUES (%(petition)s, %(signer)s, %(iin)s, %(short_name)s, %(now)s, NULL, %(new)s)
    RETURNING id
)
UPDATE petitions_signaturetally t SET count = t.count + 1 FROM signed
WHERE t.petition_id = %(petition)s AND t.shard = signed.id %% %(shards)s
RETURNING signed.id, t.count
"""


def signature_add(*, signer: User, petition: Petition, address: str) -> Signature:
    """Signs the petition for this verified citizen; refused if he already has."""
    verified_citizen(signer)
    now = timezone.now()
    collection_open(petition, now)
    _count_signing(signer, address)
    young = now - datetime.timedelta(hours=int(settings.PETITIONS_NEW_ACCOUNT_HOURS))
    shown, new = short_name(signer.full_name), signer.date_joined > young
    values: dict[str, str | int | bool | datetime.datetime] = {
        "petition": petition.pk, "signer": signer.pk, "iin": signer.iin_bin, "now": now,
        "short_name": shown, "new": new, "shards": TALLY_SHARDS,
    }  # fmt: skip
    # One statement is its own transaction; inside a caller's, a savepoint keeps a refusal
    # from spoiling it.
    savepoint = transaction.atomic() if connection.in_atomic_block else nullcontext()
    try:
        with savepoint, connection.cursor() as cursor:
            cursor.execute(SIGN_SQL, values)
            signature_id, shard = cursor.fetchone()
    except IntegrityError as error:
        if "signature_one_per" not in str(error):
            raise
        raise ActionRefused(_("You have already signed this petition.")) from error
    milestones_check(petition, shard=shard)
    return Signature(
        pk=signature_id, petition=petition, signer=signer, iin=signer.iin_bin,
        short_name=shown, signed_at=now, new_account=new,
    )  # fmt: skip


def signature_withdraw(*, signer: User, petition: Petition) -> None:
    """Withdraws his signature while the collection is open."""
    collection_open(petition, timezone.now())
    with transaction.atomic():
        signature = (
            Signature.objects.select_for_update()
            .filter(petition=petition, signer=signer, withdrawn_at__isnull=True)
            .first()
        )
        if signature is None:
            raise ActionRefused(_("You have not signed this petition."))
        signature.withdrawn_at = timezone.now()
        signature.save(update_fields=["withdrawn_at"])
        _tally_add(petition.pk, signature.pk, -1)


def milestones_check(petition: Petition, *, shard: int | None = None) -> None:
    """After a signature commits: list the petition past the first threshold, and send it
    to the addressee past its own. Read after the commit, so the last of concurrent signers
    sees every signature; the minute's task catches any crossing missed all the same.
    `shard`: the signer's shard count; far below the next goal, the sum is not read."""
    if petition.listed_at is not None and petition.status != Petition.Status.COLLECTING:
        return
    listed_from = petition_rules().listed_from if petition.listed_at is None else 0
    goals = [listed_from] if listed_from else []
    if petition.status == Petition.Status.COLLECTING and petition.threshold:
        goals.append(petition.threshold)
    goal = min(goals, default=0)
    # Shards fill evenly (ids go round them): one at half its share of the goal says the
    # sum is still short of it.
    if shard is not None and shard * TALLY_SHARDS * 2 < goal:
        return
    count = signature_count(petition.pk)
    if petition.listed_at is None and count >= listed_from:
        Petition.objects.filter(pk=petition.pk, listed_at__isnull=True).update(
            listed_at=timezone.now()
        )
    if petition.status == Petition.Status.COLLECTING and count >= (petition.threshold or 0) > 0:
        petition_reach(petition.pk)


@transaction.atomic
def petition_reach(petition_id: int) -> None:
    """The threshold is reached: to the addressee's queue, with the level's deadline."""
    petition = (
        Petition.objects.select_for_update(of=("self",))
        .select_related("level", "author")
        .filter(pk=petition_id, status=Petition.Status.COLLECTING)
        .first()
    )
    if petition is None:
        return
    now = timezone.now()
    petition.status, petition.reached_at = Petition.Status.CONSIDERING, now
    petition.answer_due = due_at(now, petition.level.answer_working_days)
    petition.save(update_fields=["status", "reached_at", "answer_due"])
    tell_author(petition, "reached")
