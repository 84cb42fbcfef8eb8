"""The cast and the steps of petition tests: verified citizens, the authorised body's
moderator, the addressee's staff, and a petition at each stage."""

from __future__ import annotations

import datetime
import itertools

from django.utils import timezone

from accounts.models import Membership, User
from agencies.models import Agency, Category
from petitions.filing import Draft, petition_file
from petitions.models import Petition, PetitionLevel
from petitions.moderation import petition_accept
from petitions.signing import signature_add
from tests.factories import MembershipFactory, UserFactory, valid_iin

_serial = itertools.count(5_000)
# The city akimat level's goal is lowered in tests that walk a petition to its answer.
LOCAL_BODY = "akimat-kz-75-almaly"


def verified_citizen(**fields: object) -> User:
    """A citizen whose IIN a digital signature proved, signing up long enough ago."""
    serial = next(_serial)
    defaults: dict[str, object] = {
        "email": f"signer{serial}@otinish.test",
        "iin_bin": valid_iin(serial * 7),
        "full_name": f"Сейткали{serial} Айгерим Нурлановна",
        "iin_verified_at": timezone.now(),
    }
    user = UserFactory.create(**{**defaults, **fields})
    if "date_joined" not in fields:
        User.objects.filter(pk=user.pk).update(
            date_joined=timezone.now() - datetime.timedelta(days=30)
        )
        user.refresh_from_db()
    return user


def moderator() -> User:
    membership = MembershipFactory.create(
        agency=Agency.objects.get(code="mki"), role=Membership.Role.MODERATOR
    )
    return membership.user


def staff_of(agency_code: str, role: str = Membership.Role.HEAD) -> User:
    return MembershipFactory.create(agency=Agency.objects.get(code=agency_code), role=role).user


def draft(addressee: str = LOCAL_BODY, **fields: object) -> Draft:
    values: dict[str, object] = {
        "addressee": Agency.objects.get(code=addressee),
        "category": Category.objects.get(code="housing-heating"),
        "title": "Отремонтировать котельную микрорайона",
        "text": "Котельная микрорайона работает с перебоями третью зиму подряд.",
        "demand": "Включить ремонт котельной в план на следующий год.",
    }
    values.update(fields)
    return Draft(**values)  # type: ignore[arg-type]


def filed(author: User | None = None, **fields: object) -> Petition:
    return petition_file(
        author=author or verified_citizen(),
        draft=draft(**fields),  # type: ignore[arg-type]
        files=[],
        not_excluded=True,
    )


def published(
    author: User | None = None, *, threshold: int | None = None, **fields: object
) -> Petition:
    """A petition a moderator accepted; `threshold` lowers its level's goal first."""
    petition = filed(author, **fields)
    if threshold is not None:
        PetitionLevel.objects.filter(pk=petition.level_id).update(
            threshold_count=threshold, threshold_percent=None
        )
    return petition_accept(moderator=moderator(), petition_id=petition.pk)


def signed_by(petition: Petition, count: int, *, address: str = "203.0.113.9") -> list[User]:
    """`count` new verified citizens sign it (each from his own address)."""
    signers = []
    for number in range(count):
        signer = verified_citizen()
        signature_add(signer=signer, petition=petition, address=f"{address}-{number}")
        signers.append(signer)
    return signers


_crowd_serial = itertools.count(0)


def crowd_iins(count: int) -> list[str]:
    """Distinct valid IINs of people born on 1 January 1985, none of verified_citizen's."""
    from accounts.identifiers import check_digit

    iins: list[str] = []
    while len(iins) < count:
        serial = next(_crowd_serial)
        first_eleven = f"8501013{serial:04d}"
        digit = check_digit(first_eleven)
        if digit is not None:
            iins.append(first_eleven + str(digit))
    return iins


def verified_crowd(count: int, *, joined_days_ago: int = 30) -> list[User]:
    """`count` verified citizens written in one statement (no password: they never log in
    through the form)."""
    now = timezone.now()
    start = next(_serial)
    crowd = [
        User(
            email=f"crowd{start}-{number}@otinish.test", password="!",
            iin_bin=iin, iin_verified_at=now, full_name=f"Жумабаев{number} Ерлан Сакенович",
            date_joined=now - datetime.timedelta(days=joined_days_ago),
        )
        for number, iin in enumerate(crowd_iins(count))
    ]  # fmt: skip
    return User.objects.bulk_create(crowd)
