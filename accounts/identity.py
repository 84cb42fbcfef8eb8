"""Proving an IIN/BIN, and what follows: the proven number is the account's alone, other
accounts' claims on it are released (their holders told), and the front office's records
of the same person join the account (docs/identity.md)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import IdentityCheck, User
from accounts.signals import identity_proven
from core.refusals import ActionRefused
from notifications.models import NO_EMAIL_DOMAIN
from notifications.services import (
    notification_create,
    notifications_enqueue_sending,
    notifications_move,
)


@dataclass(frozen=True)
class Proven:
    """Who proved what: the number and the name as the certificate or the document gives."""

    iin_bin: str
    full_name: str
    proof: str  # Proof
    document: str = ""  # IdentityCheck.Document, for a proof by document
    certificate: str = ""  # serial number and issuer, for a proof by signature


def identity_prove(*, user: User, proven: Proven, operator: User | None = None) -> IdentityCheck:
    """Makes `proven.iin_bin` the account's, proven; releases every other account's claim on
    it and merges the walk-in records of it into this account."""
    with transaction.atomic():
        # Every account naming the number, locked in one order: two proofs of one number
        # at once are taken one after the other.
        holders = list(
            User.objects.select_for_update().filter(iin_bin=proven.iin_bin).order_by("pk")
        )
        user = User.objects.select_for_update().get(pk=user.pk)
        owner = next((h for h in holders if h.iin_proven and not h.walk_in and h != user), None)
        if owner is not None:
            raise ActionRefused(
                _(
                    "This IIN/BIN is already proven on another account. If it is yours, sign "
                    "in there, or ask a front office to help."
                )
            )
        others = [h for h in holders if h.pk != user.pk]
        records = [h for h in others if h.walk_in]
        claims = [h for h in others if not h.walk_in]
        _make_proven(user, proven)
        for record in records:
            _merge(record, into=user)
        for claim in claims:
            _release(claim, proven.iin_bin)
        identity_proven.send(sender=User, user=user, records=records)
        return IdentityCheck.objects.create(
            user=user, iin_bin=proven.iin_bin, full_name=proven.full_name, proof=proven.proof,
            document=proven.document, operator=operator, certificate=proven.certificate,
            released=len(claims), merged=len(records),
        )  # fmt: skip


def _make_proven(user: User, proven: Proven) -> None:
    user.iin_bin, user.full_name = proven.iin_bin, proven.full_name
    user.iin_verified_at, user.iin_verified_by = timezone.now(), proven.proof
    user.save(update_fields=["iin_bin", "full_name", "iin_verified_at", "iin_verified_by"])


def _merge(record: User, *, into: User) -> None:
    """A walk-in record joins the account: its appeals move there (appeals.identity), and
    its notices to the account's inbox."""
    record.merged_into, record.is_active = into, False
    record.iin_bin, record.iin_verified_at, record.iin_verified_by = "", None, ""
    fields = ["merged_into", "is_active", "iin_bin", "iin_verified_at", "iin_verified_by"]
    record.save(update_fields=fields)
    notifications_move(from_recipient_id=record.pk, to_recipient_id=into.pk)


def _release(claim: User, number: str) -> None:
    """Another account's claim on the number goes, and its holder is told why."""
    claim.iin_bin = ""
    claim.save(update_fields=["iin_bin"])
    notification_create(
        recipient=claim,
        kind="account.claim_released",
        template="notifications/claim_released.txt",
        context={"number": number},
    )
    notifications_enqueue_sending()


def walk_in_record(*, iin: str, full_name: str, phone: str = "") -> User:
    """A record of a citizen seen at a front office, without a login: their appeals wait
    there until they prove the IIN on an account of their own."""
    record = User(
        email=f"walk-in+{uuid.uuid4().hex}{NO_EMAIL_DOMAIN}",
        full_name=full_name,
        kind=User.Kind.INDIVIDUAL,
        iin_bin=iin,
        phone=phone,
        walk_in=True,
    )
    record.set_unusable_password()
    record.save()
    return record


def proven_holder(iin_bin: str) -> User | None:
    """The account (or the front office's record) on which the number is proven."""
    return User.objects.filter(iin_bin=iin_bin, iin_verified_at__isnull=False).first()
