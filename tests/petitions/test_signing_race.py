"""A thousand citizens sign one petition at the same moment, a hundred of them twice: the
database keeps one signature each and the tally counts exactly those; a withdrawal racing
a new signature of the same citizen leaves the count equal to the active rows."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable

import pytest
from django.db import connection
from django.test import override_settings
from django.utils import translation

from accounts.models import User
from core.refusals import ActionRefused
from notifications.models import Notification
from petitions.models import Petition, Signature
from petitions.signing import signature_add, signature_count, signature_withdraw
from tests.petitions.world import published, verified_crowd

# Real transactions in separate connections: the test's own transaction would hide
# each side's work from the other.
pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_after_flush"),
]

CROWD = 1_000
REPEATS = 100
THREADS = 24
UNLIMITED = override_settings(
    PETITIONS_SIGN_PER_ACCOUNT_HOUR=100_000, PETITIONS_SIGN_PER_ADDRESS_HOUR=100_000
)


def run_in_threads(calls: list[Callable[[], object]], threads: int) -> list[str]:
    """The calls shared among `threads` threads, each on its own connection, released
    together: each call gives "won", "refused: …" or "crashed: …"."""
    barrier = threading.Barrier(threads)
    outcomes = [""] * len(calls)

    def work(first: int) -> None:
        try:
            with translation.override("en"):  # a new thread starts in the default language
                connection.ensure_connection()
                barrier.wait()
                for index in range(first, len(calls), threads):
                    try:
                        calls[index]()
                        outcomes[index] = "won"
                    except ActionRefused as refused:
                        outcomes[index] = f"refused: {refused.message}"
                    except Exception as error:
                        outcomes[index] = f"crashed: {error!r}"
        finally:
            connection.close()

    workers = [threading.Thread(target=work, args=(n,)) for n in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)
    return outcomes


def sign(citizen: User, petition: Petition, address: str) -> Callable[[], object]:
    return lambda: signature_add(signer=citizen, petition=petition, address=address)


def withdraw(citizen: User, petition: Petition) -> Callable[[], object]:
    return lambda: signature_withdraw(signer=citizen, petition=petition)


@UNLIMITED
def test_a_thousand_sign_at_once_and_a_hundred_twice() -> None:
    petition = published()
    crowd = verified_crowd(CROWD)
    calls = [sign(c, petition, f"198.51.{n // 250}.{n % 250}") for n, c in enumerate(crowd)]
    # The repeats are interleaved with the first attempts, so some race their own first one.
    for n, citizen in enumerate(crowd[:REPEATS]):
        calls.insert(n * 11 + 5, sign(citizen, petition, f"192.0.2.{n}"))

    outcomes = run_in_threads(calls, THREADS)

    tally = Counter(outcomes)
    assert tally == {"won": CROWD, "refused: You have already signed this petition.": REPEATS}
    assert Signature.objects.filter(petition=petition).count() == CROWD
    assert signature_count(petition.pk) == CROWD
    signers = Signature.objects.filter(petition=petition).values_list("signer_id", flat=True)
    assert set(signers) == {citizen.pk for citizen in crowd}


@UNLIMITED
def test_a_withdrawal_racing_a_new_signature_leaves_the_count_exact() -> None:
    petition = published()
    crowd = verified_crowd(40)
    for n, citizen in enumerate(crowd):
        signature_add(signer=citizen, petition=petition, address=f"198.51.100.{n}")
    calls: list[Callable[[], object]] = []
    for n, citizen in enumerate(crowd):
        calls += [withdraw(citizen, petition), sign(citizen, petition, f"203.0.113.{n}")]
        calls.append(withdraw(citizen, petition))

    outcomes = run_in_threads(calls, 16)

    assert not [outcome for outcome in outcomes if outcome.startswith("crashed")], outcomes
    active = Signature.objects.filter(petition=petition, withdrawn_at__isnull=True)
    assert signature_count(petition.pk) == active.count()
    assert active.values("signer").distinct().count() == active.count()
    assert active.count() <= len(crowd)
    # Every won call left its row: a new signature, or a withdrawn one.
    rows = Signature.objects.filter(petition=petition)
    withdrawn = rows.filter(withdrawn_at__isnull=False).count()
    assert outcomes.count("won") == rows.count() - len(crowd) + withdrawn


@UNLIMITED
def test_signers_crossing_the_goal_together_send_it_once() -> None:
    petition = published(threshold=30)
    crowd = verified_crowd(60)
    calls = [sign(c, petition, f"198.51.100.{n}") for n, c in enumerate(crowd)]

    assert run_in_threads(calls, 16).count("won") == 60

    petition.refresh_from_db()
    assert petition.status == Petition.Status.CONSIDERING and petition.listed_at is not None
    reached = Notification.objects.filter(kind="petition.reached", recipient=petition.author)
    assert reached.count() == 1
    assert signature_count(petition.pk) == 60
