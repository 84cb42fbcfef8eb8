"""The minute's upkeep: ended collections closed, crossings a signer's check missed, the
answer's fan-out resumed after a crash, bursts of new accounts flagged once."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
import time_machine
from django.utils import timezone

from accounts.models import User
from notifications.models import Notification
from petitions import answering
from petitions.answering import petition_answer, signers_notify
from petitions.models import Petition, PetitionFlag, PetitionRules, SignatureTally
from petitions.signing import signature_add, signature_withdraw
from petitions.upkeep import bursts_flag, petitions_upkeep
from tests.petitions.world import LOCAL_BODY, published, staff_of, verified_crowd

pytestmark = pytest.mark.django_db


def signed(petition: Petition, crowd: list[User]) -> list[User]:
    for n, citizen in enumerate(crowd):
        signature_add(signer=citizen, petition=petition, address=f"198.51.100.{n}")
    return crowd


def end_collection(petition: Petition) -> None:
    ended = timezone.now() - datetime.timedelta(minutes=1)
    Petition.objects.filter(pk=petition.pk).update(collection_ends_at=ended)


def told(kind: str, recipient: User) -> int:
    return Notification.objects.filter(kind=kind, recipient=recipient).count()


def test_an_ended_collection_short_of_its_goal_fails_and_the_author_is_told_once() -> None:
    petition = published(threshold=5)
    signed(petition, verified_crowd(2))
    end_collection(petition)

    assert petitions_upkeep().failed == 1
    assert petitions_upkeep().failed == 0
    petition.refresh_from_db()
    assert petition.status == Petition.Status.FAILED and petition.closed_at is not None
    assert petition.signatures_seen == 2
    assert told("petition.failed", petition.author) == 1


def test_an_ended_collection_under_consideration_only_stops_collecting() -> None:
    petition = published(threshold=2)
    signed(petition, verified_crowd(2))
    end_collection(petition)

    done = petitions_upkeep()
    petition.refresh_from_db()
    assert (done.failed, done.closed) == (0, 1)
    assert petition.status == Petition.Status.CONSIDERING and petition.closed_at is not None
    assert told("petition.failed", petition.author) == 0
    assert petitions_upkeep().closed == 0


def test_a_crossing_the_signers_missed_is_caught() -> None:
    PetitionRules.objects.filter(pk=1).update(listed_from=2)
    petition = published(threshold=3)
    SignatureTally.objects.filter(petition=petition, shard=0).update(count=3)

    assert petitions_upkeep().counted == 1
    petition.refresh_from_db()
    assert petition.listed_at is not None and petition.signatures_seen == 3
    assert petition.status == Petition.Status.CONSIDERING and petition.answer_due is not None
    assert told("petition.reached", petition.author) == 1


def test_a_missed_crossing_is_caught_before_the_collection_ends() -> None:
    petition = published(threshold=3)
    SignatureTally.objects.filter(petition=petition, shard=5).update(count=3)
    end_collection(petition)

    assert petitions_upkeep().failed == 0
    petition.refresh_from_db()
    assert petition.status == Petition.Status.CONSIDERING and petition.closed_at is not None


def answered_with(crowd: list[User]) -> Petition:
    """Signed by the crowd, its first one withdrawn, then answered."""
    petition = published(threshold=len(crowd) - 1)
    signed(petition, crowd)
    signature_withdraw(signer=crowd[0], petition=petition)
    return petition_answer(
        staff=staff_of(LOCAL_BODY), petition_id=petition.pk, outcome="accepted",
        decision="Ремонт котельной проведут летом.",
    )  # fmt: skip


class Crash(Exception):
    pass


def test_the_fan_out_resumes_after_a_crash_and_tells_each_signer_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    crowd = verified_crowd(8)
    petition = answered_with(crowd)
    calls = []
    tell = answering.tell_signer

    def crashing_on_the_sixth(*args: Any) -> None:
        calls.append(args)
        if len(calls) == 6:
            raise Crash
        tell(*args)

    monkeypatch.setattr(answering, "tell_signer", crashing_on_the_sixth)
    with pytest.raises(Crash):
        signers_notify(petition.pk, batch=3)
    petition.refresh_from_db()
    assert petition.notified_at is None and petition.notified_through > 0
    # The batch that crashed is rolled back whole: 3 told, not 5.
    assert Notification.objects.filter(kind="petition.answered_signer").count() == 3

    monkeypatch.setattr(answering, "tell_signer", tell)
    assert signers_notify(petition.pk, batch=3) == 4
    assert [told("petition.answered_signer", c) for c in crowd] == [0] + [1] * 7
    assert petitions_upkeep().notified == 0
    petition.refresh_from_db()
    assert petition.notified_at is not None


def test_the_minutes_upkeep_finishes_a_fan_out_that_stopped() -> None:
    crowd = verified_crowd(4)
    petition = answered_with(crowd)
    Petition.objects.filter(pk=petition.pk).update(notified_through=0)

    assert petitions_upkeep().notified == 3
    assert [told("petition.answered_signer", c) for c in crowd] == [0, 1, 1, 1]


@pytest.fixture
def bursts_of_five(settings: Any) -> None:
    settings.PETITIONS_BURST_SIGNATURES = 5
    settings.PETITIONS_BURST_MINUTES = 10


@pytest.mark.usefixtures("bursts_of_five")
def test_a_burst_of_new_accounts_raises_one_flag() -> None:
    petition = published()
    signed(petition, verified_crowd(5, joined_days_ago=0))
    now = timezone.now()

    assert bursts_flag(now) == 1
    assert bursts_flag(now) == 0
    # The next runs, into the next window, see the same burst: no new flag.
    assert bursts_flag(now + datetime.timedelta(minutes=1)) == 0
    assert bursts_flag(now + datetime.timedelta(minutes=9, seconds=50)) == 0
    flag = PetitionFlag.objects.get(petition=petition)
    assert flag.new_accounts == 5 and flag.reviewed_at is None


@pytest.mark.usefixtures("bursts_of_five")
def test_fewer_new_accounts_or_old_ones_raise_none() -> None:
    petition = published()
    signed(petition, verified_crowd(4, joined_days_ago=0))
    signed(petition, verified_crowd(3))  # accounts of a month ago
    assert petitions_upkeep().flagged == 0
    assert not PetitionFlag.objects.exists()


@pytest.mark.usefixtures("bursts_of_five")
def test_a_later_burst_raises_a_flag_of_its_own() -> None:
    petition = published()
    start = timezone.now()
    with time_machine.travel(start, tick=True):
        signed(petition, verified_crowd(5, joined_days_ago=0))
        assert bursts_flag(timezone.now()) == 1
    with time_machine.travel(start + datetime.timedelta(minutes=11), tick=True):
        signed(petition, verified_crowd(5, joined_days_ago=0))
        assert bursts_flag(timezone.now()) == 1
    assert PetitionFlag.objects.filter(petition=petition).count() == 2
