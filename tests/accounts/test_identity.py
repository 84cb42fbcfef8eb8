"""An IIN typed at sign-up is only claimed: a walk-in appeal never reaches a mere claimant,
and when the owner proves the number, other claims go and the walk-in records join them."""

from __future__ import annotations

import pytest
from django.core import mail
from rest_framework.test import APIClient

from accounts.identity import Proven, identity_prove
from accounts.models import IdentityCheck, Proof, User
from appeals.models import Appeal
from core.refusals import ActionRefused
from notifications.models import Notification
from notifications.sending import notifications_send_pending
from tests.api.test_api import api_as, new_appeal
from tests.conftest import People
from tests.factories import UserFactory, api_token

pytestmark = pytest.mark.django_db
VICTIM_IIN = "850210400505"


def walk_in(people: People, **given: str) -> Appeal:
    """The real person at the front office, sending an appeal through the API."""
    data = {**new_appeal(), "iin": VICTIM_IIN, "full_name": "Ержан Настоящий", **given}
    sent = api_as(people.front_office).post("/api/v1/staff/front-office/", data, format="json")
    assert sent.status_code == 201, sent.json()
    return Appeal.objects.get(pk=sent.json()["id"])


def by_signature(user: User, name: str = "Ержан Настоящий") -> IdentityCheck:
    return identity_prove(user=user, proven=Proven(VICTIM_IIN, name, Proof.SIGNATURE))


def test_a_walk_in_appeal_never_goes_to_an_account_that_only_claims_the_iin(
    people: People,
) -> None:
    squatter = UserFactory.create(iin_bin=VICTIM_IIN, email="squatter@otinish.test")
    appeal = walk_in(people)
    assert appeal.applicant != squatter
    assert appeal.applicant.walk_in
    assert appeal.applicant.full_name == "Ержан Настоящий"  # the name given, not dropped
    mine = APIClient(HTTP_AUTHORIZATION=f"Token {api_token(squatter)}").get("/api/v1/appeals/")
    assert appeal.reference not in mine.content.decode()
    assert not Notification.objects.filter(recipient=squatter).exists()


def test_the_owner_signs_up_with_a_claimed_iin_and_proving_it_ends_the_other_claim(
    people: People,
) -> None:
    squatter = UserFactory.create(iin_bin=VICTIM_IIN, email="squatter@otinish.test")
    owner = UserFactory.create(iin_bin=VICTIM_IIN, email="owner@otinish.test")  # claims may repeat
    check = by_signature(owner)
    squatter.refresh_from_db()
    owner.refresh_from_db()
    assert (owner.iin_proven, owner.iin_verified_by) == (True, Proof.SIGNATURE)
    assert squatter.iin_bin == ""
    assert check.released == 1
    notifications_send_pending()
    told = [m for m in mail.outbox if m.to == ["squatter@otinish.test"]]
    assert told and VICTIM_IIN in told[0].body


def test_proving_the_iin_brings_the_walk_in_appeals_into_the_account(people: People) -> None:
    first, second = walk_in(people), walk_in(people, full_name="ерЖАН   настоящий")
    assert first.applicant == second.applicant  # the same record, the name matched
    owner = UserFactory.create(iin_bin=VICTIM_IIN, email="owner@otinish.test")
    check = by_signature(owner)
    assert check.merged == 1
    assert set(Appeal.objects.filter(applicant=owner)) == {first, second}
    assert first.events.filter(action="appeal.applicant_proven", actor=owner).exists()
    mine = APIClient(HTTP_AUTHORIZATION=f"Token {api_token(owner)}").get("/api/v1/appeals/")
    assert {a["reference"] for a in mine.json()["results"]} == {first.reference, second.reference}


def test_a_document_seen_at_the_desk_proves_the_record(people: People) -> None:
    squatter = UserFactory.create(iin_bin=VICTIM_IIN, email="squatter@otinish.test")
    appeal = walk_in(people, document=IdentityCheck.Document.ID_CARD)
    record = appeal.applicant
    assert record.iin_proven and record.iin_verified_by == Proof.DOCUMENT
    check = IdentityCheck.objects.get(user=record)
    assert (check.operator, check.document) == (people.front_office, "id_card")
    squatter.refresh_from_db()
    assert squatter.iin_bin == ""  # released: the owner was seen
    again = walk_in(people, full_name="Другое Имя")
    assert again.applicant == record  # a proven number finds its holder


def test_an_appeal_for_a_proven_iin_goes_to_its_account(people: People) -> None:
    owner = UserFactory.create(iin_bin=VICTIM_IIN, email="owner@otinish.test")
    by_signature(owner)
    assert walk_in(people).applicant == owner


def test_a_number_proven_on_one_account_cannot_be_proven_on_another(people: People) -> None:
    owner = UserFactory.create(iin_bin=VICTIM_IIN, email="owner@otinish.test")
    by_signature(owner)
    other = UserFactory.create(iin_bin="", email="other@otinish.test")
    with pytest.raises(ActionRefused):
        by_signature(other)
    other.refresh_from_db()
    assert not other.iin_proven


def test_a_walk_in_email_of_an_existing_account_is_a_contact_not_a_login(
    people: People,
) -> None:
    account = UserFactory.create(email="taken@otinish.test")
    appeal = walk_in(people, email="Taken@otinish.test")
    record = appeal.applicant
    assert record != account and record.contact_email.lower() == "taken@otinish.test"
    notifications_send_pending()
    assert any(m.to == [record.contact_email] for m in mail.outbox)
