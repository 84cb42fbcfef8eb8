"""Signatures planted in bulk for the public pages' tests: verified people and their
signatures written in a few statements, the shards moved as signing moves them."""

from __future__ import annotations

import datetime
import itertools
from collections import Counter
from typing import Any

from django.db import connection
from django.utils import timezone

from accounts.identifiers import check_digit
from accounts.models import User
from petitions.models import TALLY_SHARDS, Petition, Signature
from petitions.signing import milestones_check, short_name

_serial = itertools.count(0)
FULL_NAME = "Абдрахманова Гульнара Ержановна"


def _iin() -> str:
    """A valid IIN of someone born on 7 July 1977, none of the other helpers' dates."""
    while True:
        first_eleven = f"7707073{next(_serial) % 10_000:04d}"
        digit = check_digit(first_eleven)
        if digit is not None:
            return first_eleven + str(digit)


def planted(petition: Petition, count: int, full_name: str = FULL_NAME) -> list[User]:
    """`count` verified people sign the petition; then its milestones are checked, as after
    a signature."""
    now = timezone.now()
    start = next(_serial)
    people = User.objects.bulk_create(
        User(email=f"planted{start}-{number}@otinish.test", password="!", iin_bin=_iin(),
             iin_verified_at=now, full_name=full_name,
             date_joined=now - datetime.timedelta(days=30))
        for number in range(count)
    )  # fmt: skip
    signatures = Signature.objects.bulk_create(
        Signature(petition=petition, signer=person, iin=person.iin_bin,
                  short_name=short_name(person.full_name), signed_at=now)
        for person in people
    )  # fmt: skip
    shards = Counter(signature.pk % TALLY_SHARDS for signature in signatures)
    with connection.cursor() as cursor:
        for shard, added in shards.items():
            cursor.execute(
                "UPDATE petitions_signaturetally SET count = count + %s"
                " WHERE petition_id = %s AND shard = %s",
                [added, petition.pk, shard],
            )
    milestones_check(petition)
    petition.refresh_from_db()
    return people


def streamed(response: Any) -> bytes:
    """A streamed response's whole body."""
    return b"".join(response.streaming_content)
