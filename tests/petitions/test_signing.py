"""The rules of signing: who may sign, once per IIN, only while the collection is open, and
the count, the listing and the addressee's deadline that follow from the signatures."""

from __future__ import annotations

import contextlib
import datetime

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import User
from agencies.workdays import due_at
from core.refusals import ActionRefused
from petitions.models import Petition, PetitionRules, Signature
from petitions.signing import short_name, signature_add, signature_count, signature_withdraw
from tests.factories import UserFactory
from tests.petitions.world import published, verified_citizen, verified_crowd

pytestmark = pytest.mark.django_db

ADDRESS = "198.51.100.7"
CLOSED = "The collection of signatures for this petition is closed."
UNPUBLISHED = "This petition is not published."


def sign(citizen: User, petition: Petition) -> Signature:
    return signature_add(signer=citizen, petition=petition, address=ADDRESS)


def refusal(citizen: User, petition: Petition) -> ActionRefused:
    signatures = Signature.objects.count()
    with pytest.raises(ActionRefused) as refused:
        sign(citizen, petition)
    assert Signature.objects.count() == signatures  # a refusal changes nothing
    return refused.value


def active_rows(petition: Petition) -> int:
    return Signature.objects.filter(petition=petition, withdrawn_at__isnull=True).count()


def test_it_keeps_the_first_name_and_the_surnames_initial() -> None:
    assert short_name("Сейткали Айгерим Нурлановна") == "Айгерим С."
    assert short_name("Мадина") == "Мадина"


def test_a_second_account_cannot_hold_a_verified_iin() -> None:
    first = verified_citizen()
    unique = pytest.raises(IntegrityError, match="accounts_user_unique_proven_iin_bin")
    with unique, transaction.atomic():
        UserFactory(iin_bin=first.iin_bin, iin_verified_at=timezone.now())


def test_the_iin_signs_once_even_from_another_account() -> None:
    """The IIN moves to another account (the first lost its proof): its signature stands,
    and the new account's is refused by the database's rule on the IIN."""
    petition = published()
    first = verified_citizen()
    sign(first, petition)
    User.objects.filter(pk=first.pk).update(iin_verified_at=None)
    second = verified_citizen(iin_bin=first.iin_bin)

    assert refusal(second, petition).message == "You have already signed this petition."
    assert signature_count(petition.pk) == active_rows(petition) == 1


def test_signing_twice_is_refused() -> None:
    petition, citizen = published(), verified_citizen()
    sign(citizen, petition)
    assert refusal(citizen, petition).message == "You have already signed this petition."
    assert signature_count(petition.pk) == 1


def test_withdrawing_then_signing_again_counts_one() -> None:
    petition, citizen = published(), verified_citizen()
    sign(citizen, petition)
    signature_withdraw(signer=citizen, petition=petition)
    assert signature_count(petition.pk) == active_rows(petition) == 0
    sign(citizen, petition)
    assert signature_count(petition.pk) == active_rows(petition) == 1
    assert Signature.objects.filter(petition=petition, signer=citizen).count() == 2


def test_withdrawing_without_a_signature_is_refused() -> None:
    petition = published()
    with pytest.raises(ActionRefused, match=r"You have not signed this petition\."):
        signature_withdraw(signer=verified_citizen(), petition=petition)
    assert signature_count(petition.pk) == 0


def test_the_count_follows_the_active_rows_through_signing_and_withdrawing() -> None:
    petition = published()
    crowd = verified_crowd(12)
    for step, citizen in enumerate(crowd * 3):
        if step % 3 == 2 and Signature.objects.filter(signer=citizen, withdrawn_at=None):
            signature_withdraw(signer=citizen, petition=petition)
        else:
            with contextlib.suppress(ActionRefused):  # signed already
                sign(citizen, petition)
        assert signature_count(petition.pk) == active_rows(petition)
    assert 0 < signature_count(petition.pk) <= len(crowd)


def test_an_ended_collection_is_refused() -> None:
    petition = published()
    Petition.objects.filter(pk=petition.pk).update(collection_ends_at=timezone.now())
    petition.refresh_from_db()
    assert refusal(verified_citizen(), petition).message == CLOSED


@pytest.mark.parametrize(
    ("status", "message"),
    [
        (Petition.Status.FAILED, CLOSED),
        (Petition.Status.ANSWERED, CLOSED),
        (Petition.Status.SUBMITTED, UNPUBLISHED),
        (Petition.Status.REFUSED, UNPUBLISHED),
    ],
)
def test_a_petition_not_collecting_is_refused(status: str, message: str) -> None:
    petition = published()
    Petition.objects.filter(pk=petition.pk).update(
        status=status, outcome="accepted", decision="Решено.", refusal_reason="Не подходит."
    )
    petition.refresh_from_db()
    assert refusal(verified_citizen(), petition).message == message
    assert signature_count(petition.pk) == 0


def test_a_petition_under_consideration_still_collects() -> None:
    petition = published()
    Petition.objects.filter(pk=petition.pk).update(status=Petition.Status.CONSIDERING)
    petition.refresh_from_db()
    sign(verified_citizen(), petition)
    assert signature_count(petition.pk) == 1


@pytest.mark.parametrize(
    "fields",
    [
        {"iin_verified_at": None},  # an IIN only claimed at sign-up
        {"kind": User.Kind.LEGAL, "iin_bin": "990140000385"},  # an organisation
    ],
    ids=["unverified", "organisation"],
)
def test_only_a_verified_citizen_may_sign(fields: dict[str, object]) -> None:
    petition = published()
    refused = refusal(verified_citizen(**fields), petition)
    assert refused.forbidden
    assert refused.message == "Only a citizen whose IIN is verified may file or sign a petition."


def test_it_is_listed_at_exactly_the_rules_count() -> None:
    PetitionRules.objects.filter(pk=1).update(listed_from=5)
    petition = published()
    crowd = verified_crowd(5)
    for citizen in crowd[:4]:
        sign(citizen, petition)
    petition.refresh_from_db()
    assert petition.listed_at is None
    sign(crowd[4], petition)
    petition.refresh_from_db()
    assert petition.listed_at is not None and petition.status == Petition.Status.COLLECTING


def test_the_threshold_sends_it_to_the_addressee_with_the_working_day_deadline() -> None:
    petition = published(threshold=3)
    crowd = verified_crowd(3)
    for citizen in crowd[:2]:
        sign(citizen, petition)
    petition.refresh_from_db()
    assert petition.status == Petition.Status.COLLECTING and petition.reached_at is None
    before = timezone.now()
    sign(crowd[2], petition)
    petition.refresh_from_db()
    assert petition.status == Petition.Status.CONSIDERING
    assert petition.reached_at is not None and petition.reached_at >= before
    days = petition.level.answer_working_days
    assert petition.answer_due == due_at(petition.reached_at, days)
    assert petition.answer_due > petition.reached_at + datetime.timedelta(days=days)


def test_a_signature_shows_the_name_shortened_and_marks_new_accounts() -> None:
    petition = published()
    young = verified_citizen(date_joined=timezone.now(), full_name="Омаров Данияр Серикович")
    signature = sign(young, petition)
    assert signature.short_name == "Данияр О." and signature.new_account
    assert signature.iin == young.iin_bin
    assert not sign(verified_citizen(), petition).new_account
