"""A petition's life through its services: filed, accepted, signed past the first
threshold (listed) and the addressee's (sent to its queue), answered, every signer told."""

from __future__ import annotations

import pytest

from notifications.models import Notification
from petitions.answering import petition_answer, signers_notify
from petitions.models import Petition
from petitions.signing import signature_count, signature_withdraw
from petitions.upkeep import petitions_upkeep
from tests.petitions.world import LOCAL_BODY, published, signed_by, staff_of

pytestmark = pytest.mark.django_db


def test_a_petition_from_filing_to_every_signer_told() -> None:
    petition = published(threshold=60)
    assert petition.status == Petition.Status.COLLECTING and petition.threshold == 60
    signers = signed_by(petition, 49)
    petition.refresh_from_db()
    assert petition.listed_at is None
    signers += signed_by(petition, 1)
    petition.refresh_from_db()
    assert petition.listed_at is not None and petition.status == Petition.Status.COLLECTING
    signature_withdraw(signer=signers[0], petition=petition)
    signers = signers[1:] + signed_by(petition, 11)
    petition.refresh_from_db()
    assert signature_count(petition.pk) == 60
    assert petition.status == Petition.Status.CONSIDERING and petition.answer_due is not None
    petition_answer(
        staff=staff_of(LOCAL_BODY),
        petition_id=petition.pk,
        outcome="partly",
        decision="Ремонт котельной включён в план 2027 года.",
    )
    assert signers_notify(petition.pk) == 60
    told = set(
        Notification.objects.filter(kind="petition.answered_signer").values_list(
            "recipient_id", flat=True
        )
    )
    assert told == {signer.pk for signer in signers}
    assert petitions_upkeep().notified == 0  # nobody is told twice
