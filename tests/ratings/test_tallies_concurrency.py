"""The tallies when refreshes, publications and writes run at once."""

from __future__ import annotations

import datetime
import threading
import time
from typing import Any

import pytest
from django.db import connection, transaction
from django.utils import timezone

from agencies.models import Agency
from agencies.workdays import ALMATY
from appeals.models import Appeal, Feedback
from ratings.models import Period
from ratings.snapshots import period_span, rankings_recompute, snapshot_period
from ratings.tallies.refresh import tallies_refresh
from tests.ratings.dataset import AS_OF, DAY, appeal
from tests.ratings.oracle import direct_counts, random_appeals, summed, tally_rows
from tests.threads import run_together

pytestmark = pytest.mark.django_db


# --- concurrency ---


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("reference_after_flush")
def test_two_recomputes_at_once_count_every_appeal_once(settings: Any) -> None:
    settings.RANKINGS_MIN_CASES = 3
    random_appeals(seed=3, count=30)
    rankings_recompute()
    random_appeals(seed=4, count=30)  # dirty days for both runs to fight over
    moment = timezone.now()
    outcomes = run_together(
        lambda: rankings_recompute(as_of=moment),
        lambda: rankings_recompute(as_of=moment + datetime.timedelta(seconds=1)),
    )
    assert outcomes == ["won", "won"]
    after_both = tally_rows()
    tallies_refresh(rebuild=True)
    assert tally_rows() == after_both
    today = timezone.now().astimezone(ALMATY).date()
    assert summed(None, today + DAY) == direct_counts(None, today + DAY)


def lock_waiters() -> int:
    """Backends of this database waiting for a lock (a row, a table or an advisory one)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity"
            " WHERE datname = current_database() AND wait_event_type = 'Lock'"
        )
        return int(cursor.fetchone()[0])


def wait_for(condition: Any) -> None:
    for _ in range(400):
        if condition():
            return
        time.sleep(0.025)
    raise AssertionError("the other sessions never got there")


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("reference_after_flush")
def test_a_refresh_waits_for_the_publication_of_the_one_before(settings: Any) -> None:
    # A publication has counted an appeal again and not yet committed when the appeal
    # changes again and a second refresh starts. Were the second to take the part it can
    # see (the one before the first) as the part counted, the change would count twice.
    settings.RANKINGS_MIN_CASES = 3
    made = appeal("akimat-kz-75", status="in_progress")
    tallies_refresh()
    Appeal.objects.filter(pk=made.pk).update(status="answered", answered_at=made.received_at)
    hold, held = threading.Event(), threading.Event()

    def holder() -> None:  # pauses publications just after their refresh
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute("LOCK TABLE ratings_rankingsnapshot IN EXCLUSIVE MODE")
                held.set()
                hold.wait(20)
        finally:
            connection.close()

    def in_thread(call: Any) -> threading.Thread:
        def run() -> None:
            try:
                call()
            finally:
                connection.close()

        thread = threading.Thread(target=run)
        thread.start()
        return thread

    holding = in_thread(holder)
    assert held.wait(10)
    publishing = in_thread(
        lambda: snapshot_period(period_span(Period.ALL_TIME, AS_OF.date()), AS_OF)
    )
    wait_for(lambda: lock_waiters() == 1)  # refreshed, waiting to write its snapshot
    Feedback.objects.create(appeal=made, satisfied=False, reason="formal")
    refreshing = in_thread(tallies_refresh)
    wait_for(lambda: lock_waiters() == 2 or not refreshing.is_alive())
    hold.set()
    for thread in (holding, publishing, refreshing):
        thread.join(20)
    counts = summed(None, AS_OF.date() + DAY)[Agency.objects.get(code="akimat-kz-75").pk]
    assert (counts["received"], counts["answered"], counts["dissatisfied"]) == (1, 1, 1)
    after_both = tally_rows()
    tallies_refresh(rebuild=True)
    assert tally_rows() == after_both


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("reference_after_flush")
def test_a_change_committed_during_a_refresh_is_counted_by_the_next() -> None:
    # The appeal is logged by a committed change; a writer changes it again and commits
    # only after a refresh took it. With one row per appeal and ON CONFLICT DO NOTHING,
    # the writer's change would never be counted.
    made = appeal("akimat-kz-75", status="in_progress")
    tallies_refresh()
    Appeal.objects.filter(pk=made.pk).update(status="answered", answered_at=made.received_at)
    rated, release = threading.Event(), threading.Event()

    def writer() -> None:
        try:
            with transaction.atomic():
                Feedback.objects.create(appeal_id=made.pk, satisfied=False, reason="formal")
                rated.set()
                release.wait(10)
        finally:
            connection.close()

    thread = threading.Thread(target=writer)
    thread.start()
    assert rated.wait(10)
    try:
        assert tallies_refresh().appeals == 1  # does not wait for the writer
    finally:
        release.set()
        thread.join(10)
    almaty = Agency.objects.get(code="akimat-kz-75").pk
    assert summed(None, AS_OF.date() + DAY)[almaty]["answered"] == 1
    assert summed(None, AS_OF.date() + DAY)[almaty]["dissatisfied"] == 0
    tallies_refresh()
    assert summed(None, AS_OF.date() + DAY)[almaty]["dissatisfied"] == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("reference_after_flush")
def test_a_rating_given_as_its_appeal_moves_is_counted_where_the_appeal_went() -> None:
    # Each trigger reads the other table as it is when it runs. Without the rating's lock
    # on its appeal, the rating's trigger would not see the move yet, the move's trigger
    # would not see the rating yet, and the rating would stay counted where the appeal was.
    made = appeal("akimat-kz-75")
    tallies_refresh()
    almaty, astana = (Agency.objects.get(code=code) for code in ("akimat-kz-75", "akimat-kz-71"))
    moved, release = threading.Event(), threading.Event()

    def mover() -> None:
        try:
            with transaction.atomic():
                Appeal.objects.filter(pk=made.pk).update(agency=astana)
                moved.set()
                release.wait(10)
        finally:
            connection.close()

    def rater() -> None:
        try:
            Feedback.objects.create(appeal_id=made.pk, satisfied=False, reason="formal")
        finally:
            connection.close()

    threads = [threading.Thread(target=mover), threading.Thread(target=rater)]
    threads[0].start()
    assert moved.wait(10)
    threads[1].start()
    try:
        wait_for(lambda: lock_waiters() == 1)  # the rating waits for the move to commit
    finally:
        release.set()
        for thread in threads:
            thread.join(10)
    tallies_refresh()
    counts = summed(None, AS_OF.date() + DAY)
    assert (counts[astana.pk]["received"], counts[astana.pk]["dissatisfied"]) == (1, 1)
    assert almaty.pk not in counts  # its rows went back to zero and were dropped
    after_both = tally_rows()
    tallies_refresh(rebuild=True)
    assert tally_rows() == after_both
