"""Methodology 4: answers on the merits sent over a warning of the check against formal
replies, per 100 answers, for each body: in the table, on the agency page, in the exports
and the API, kept up to date by the tallies; a snapshot of methodology 3 leaves it empty."""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Callable

import pytest
from django.test import Client
from django.utils import timezone

from appeals.models import Appeal
from appeals.services import appeal_answer
from ratings.models import Period, RankingRow, RankingSnapshot, Scope
from ratings.snapshots import latest_snapshot, rankings_recompute
from tests.appeals.test_answer_warnings import GOOD, SHORT
from tests.conftest import People
from tests.ratings.dataset import AS_OF, appeal

pytestmark = pytest.mark.django_db
BODY = "akimat-kz-62"
WARNED_COLUMNS = ("warned", "warned_rate", "warned_rate_low", "warned_rate_high")


def published(code: str = BODY, *, as_of: datetime.datetime = AS_OF) -> RankingRow:
    rankings_recompute(as_of=as_of)
    snapshot = latest_snapshot(Scope.AKIMATS, Period.LAST_30_DAYS)
    assert snapshot is not None
    return snapshot.rows.get(agency__code=code)


def made(status: str, *, warned: bool) -> Appeal:
    item = appeal(BODY, status=status, region="KZ-62")
    Appeal.objects.filter(pk=item.pk).update(answer_warned=warned)
    return item


def test_answers_over_a_warning_per_100_answers() -> None:
    warned = [made("answered", warned=number < 3) for number in range(10)]
    made("terminated", warned=True)  # no answer on the merits: not counted, nor in the base
    made("in_progress", warned=True)  # sent back after a complaint: its old answer is gone
    row = published()
    assert (row.answered, row.warned) == (10, 3)
    assert row.warned_rate == pytest.approx(0.3)
    low, high = row.warned_rate_low, row.warned_rate_high
    assert low is not None and high is not None and low < 0.3 < high

    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    page = client.get(f"/ratings/agency/{BODY}/").content.decode()
    assert 'data-figure="warned">3<' in page and 'data-figure="warned_rate">30.0' in page
    rankings = client.get("/ratings/?sort=warned_rate").content.decode()
    assert "Sent over a warning" in rankings
    snapshot = row.snapshot
    exported = client.get(f"/ratings/snapshots/{snapshot.pk}.csv").content.decode("utf-8-sig")
    line = next(r for r in csv.DictReader(io.StringIO(exported)) if r["agency_code"] == BODY)
    assert (line["warned"], float(line["warned_rate"])) == ("3", pytest.approx(0.3))
    api = client.get(f"/api/v1/rankings/snapshots/{snapshot.pk}/").json()
    assert next(r for r in api["rows"] if r["agency_code"] == BODY)["warned"] == 3

    # Answered again without a warning (after a complaint): the tallies follow the change.
    Appeal.objects.filter(pk=warned[0].pk).update(answer_warned=False)
    assert published(as_of=AS_OF.replace(hour=13)).warned == 2


def test_an_overridden_warning_counts_for_the_body(
    people: People, appeal_in: Callable[[str], Appeal]
) -> None:
    code = people.agency.code
    for text, override in ((SHORT, True), (GOOD, False)):
        item = appeal_in(Appeal.Status.IN_PROGRESS)
        appeal_answer(
            appeal_id=item.pk, actor=people.executor, kind="explained", text=text,
            override_warnings=override,
        )  # fmt: skip
    row = published(code, as_of=timezone.now())
    assert (row.answered, row.warned, row.warned_rate) == (2, 1, 0.5)


def test_a_snapshot_of_methodology_3_leaves_the_figure_empty() -> None:
    made("answered", warned=True)
    row = published()
    RankingSnapshot.objects.update(methodology_version="3")
    RankingRow.objects.update(**dict.fromkeys(WARNED_COLUMNS, None))  # as ratings/0012 left them
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    rankings = client.get("/ratings/").content.decode()
    assert "Sent over a warning" not in rankings
    assert "answers sent over a warning of the answer check were not counted" in rankings
    page = client.get(f"/ratings/agency/{BODY}/").content.decode()
    assert 'data-figure="warned"' not in page and 'data-figure="formal_rate"' in page
    api = client.get(f"/api/v1/rankings/snapshots/{row.snapshot_id}/").json()
    assert all(r[column] is None for r in api["rows"] for column in WARNED_COLUMNS)
