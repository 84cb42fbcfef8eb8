"""Methodology 3, figures that show what happened: terminations beside the answers,
complaints and overturned answers per 100 answers, formal replies, forwards sent back; old
snapshots keep theirs; imported history gives the figures of before."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from agencies.models import Agency
from appeals.importing import appeals_import
from appeals.models import Appeal, AppealEvent, Feedback
from ratings.models import Period, RankingRow, RankingSnapshot, Scope
from ratings.selectors import EXPORT_COLUMNS
from ratings.snapshots import latest_snapshot, rankings_recompute
from tests.ratings.dataset import AS_OF, appeal

pytestmark = pytest.mark.django_db
BODY = "akimat-kz-62"
# The columns methodology 3 added: empty in the snapshots of earlier methodologies.
NEW_COLUMNS = EXPORT_COLUMNS[EXPORT_COLUMNS.index("terminated") :]


def published(code: str = BODY, period: str = Period.LAST_30_DAYS) -> RankingRow:
    rankings_recompute(as_of=AS_OF)
    snapshot = latest_snapshot(Scope.AKIMATS, period)
    assert snapshot is not None
    return snapshot.rows.get(agency__code=code)


def test_a_body_that_terminates_half_its_appeals_answers_half(settings: Any) -> None:
    settings.RANKINGS_MIN_CASES = 30
    for number in range(100):
        appeal(BODY, status="answered" if number % 2 else "terminated", region="KZ-62")
    row = published()
    assert (row.received, row.answered, row.terminated) == (100, 50, 50)
    assert row.answer_rate == row.termination_rate == 0.5
    assert row.answer_rate_low == row.termination_rate_low == pytest.approx(0.4038, abs=1e-4)
    assert row.on_time_rate == 1.0  # either closing, by the deadline
    assert row.answer_rank == 1


def test_complaints_and_overturned_answers_per_100_answers() -> None:
    def made(status: str, *, complained: bool = False, overturned: bool = False) -> None:
        item = appeal(BODY, status=status, region="KZ-62")
        Appeal.objects.filter(pk=item.pk).update(complained=complained, overturned=overturned)

    for number in range(16):
        made("answered", complained=number < 2, overturned=number == 0)
    for number in range(4):
        made("terminated", complained=number == 0, overturned=number == 0)
    made("registered", complained=True, overturned=True)  # sent back by an upheld complaint
    made("in_progress")
    made("withdrawn", complained=True)  # withdrawn: left out
    row = published()
    # 4 complained about: 2 answers, 1 termination, 1 open again. The answers they are
    # counted per: 16 + 4 closed, and the one open again: 21.
    assert (row.complained, row.overturned) == (4, 3)
    assert row.complaint_rate == pytest.approx(4 / 21)
    assert row.overturn_rate == pytest.approx(3 / 21)
    assert row.overturn_rate_low is not None and row.overturn_rate_low < 3 / 21
    page = Client().get("/ratings/agency/akimat-kz-62/").content.decode()
    assert "19.0" in page and "14.3" in page  # per 100 answers
    # Each figure of the agency page is named by its column, for tests and scrapers alike.
    for column, shown in (("complained", 4), ("overturned", 3), ("terminated", 4)):
        assert f'data-figure="{column}">{shown}<' in page


def test_formal_replies_are_a_share_of_the_ratings() -> None:
    for rating, reason in ((True, ""), (False, "formal"), (False, "formal"), (False, "late")):
        item = appeal(BODY, region="KZ-62", rating=rating)
        Feedback.objects.filter(appeal=item).update(reason=reason)
    row = published()
    assert (row.rated, row.dissatisfied, row.formal) == (4, 3, 2)
    assert row.formal_rate == 0.5
    assert row.dissatisfaction_rate == 0.75


def test_a_forward_sent_back_counts_for_the_body_that_sent_it_back() -> None:
    item = appeal(BODY, region="KZ-62")
    almaty, ulytau = Agency.objects.get(code="akimat-kz-75"), Agency.objects.get(code=BODY)
    for source, target, data in (
        (ulytau, almaty, {"late": True}),
        (almaty, ulytau, {"late": False, "returned": True}),  # ping-pong: back to Ulytau
    ):
        AppealEvent.objects.create(
            appeal=item, action="appeal.forwarded", created_at=item.received_at,
            from_agency=source, to_agency=target, data=data,
        )  # fmt: skip
    row, other = published(), published("akimat-kz-75")
    assert (row.forwarded_out, row.late_forwards, row.returned_forwards) == (1, 1, 0)
    assert (other.forwarded_out, other.late_forwards, other.returned_forwards) == (1, 0, 1)
    assert row.forwarded_in == other.forwarded_in == 1


def test_an_old_snapshot_keeps_its_figures_and_does_not_pretend(data: None) -> None:
    rankings_recompute(as_of=AS_OF)
    RankingSnapshot.objects.update(methodology_version="2", map_min_cases=None)
    RankingRow.objects.update(**dict.fromkeys(NEW_COLUMNS, None))  # as ratings/0011 left them
    snapshot = latest_snapshot(Scope.AKIMATS, Period.LAST_30_DAYS)
    assert snapshot is not None
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    page = client.get("/ratings/").content.decode()
    assert "Counted by methodology 2" in page
    # The answer rate and dissatisfaction, as bars and on the tile maps.
    assert "Left without consideration" not in page and page.count("<svg") == 4
    agency = client.get("/ratings/agency/akimat-kz-75/").content.decode()
    assert "methodology 2" in agency and "Overturned on complaint" not in agency
    exported = client.get(f"/ratings/snapshots/{snapshot.pk}.csv").content.decode("utf-8-sig")
    rows = csv.DictReader(io.StringIO(exported))
    almaty = next(row for row in rows if row["agency_code"] == "akimat-kz-75")
    assert all(almaty[column] == "" for column in NEW_COLUMNS)
    api = client.get(f"/api/v1/rankings/snapshots/{snapshot.pk}/").json()
    assert api["methodology_version"] == "2"
    assert all(row[column] is None for row in api["rows"] for column in NEW_COLUMNS)


# --- importing past appeals ---

HEADER = "type,agency,received_at,status,answered_at,due_at,satisfied,forwarded_from"
# Past appeals of one body with the statuses the importer knows; times in Almaty (+05:00).
PAST = [
    ("05-04T10:00", "answered", "05-06T10:00", "05-25", "yes", ""),
    ("05-04T11:00", "answered", "05-08T11:00", "05-25", "yes", ""),
    ("05-05T10:00", "answered", "05-09T10:00", "05-25", "no", ""),
    ("05-05T11:00", "answered", "05-28T11:00", "05-25", "no", ""),
    ("05-06T10:00", "answered", "05-12T10:00", "05-26", "", ""),
    ("05-06T11:00", "answered", "05-29T11:00", "05-26", "", ""),
    ("05-07T10:00", "terminated", "05-08T10:00", "05-27", "", ""),
    ("05-07T11:00", "terminated", "05-10T11:00", "05-27", "", ""),
    ("05-08T10:00", "terminated", "05-30T10:00", "05-27", "", ""),
    ("05-08T11:00", "withdrawn", "", "05-27", "", ""),
    ("05-11T10:00", "registered", "", "05-29", "", ""),
    ("05-25T10:00", "registered", "", "06-12", "", ""),
    ("05-12T10:00", "answered", "05-14T10:00", "05-29", "", "akimat-kz-75"),
]
# What methodology 2 published for them (the code before it, run on this very file): every
# figure of the body, and of the body it was forwarded from.
BEFORE: dict[str, dict[str, float | None]] = {
    BODY: {
        "received": 13, "withdrawn": 1, "answered": 10, "answer_rate": 10 / 12,
        "answered_on_time": 7, "on_time_rate": 0.7, "overdue_open": 1, "rated": 4,
        "dissatisfied": 2, "dissatisfaction_rate": 0.5, "median_days_to_answer": 4.5,
        "forwarded_out": 0, "forwarded_in": 1, "late_forwards": 0,
    },
    "akimat-kz-75": {
        "received": 0, "withdrawn": 0, "answered": 0, "answer_rate": None,
        "answered_on_time": 0, "on_time_rate": None, "overdue_open": 0, "rated": 0,
        "dissatisfied": 0, "dissatisfaction_rate": None, "median_days_to_answer": None,
        "forwarded_out": 1, "forwarded_in": 0, "late_forwards": 0,
    },
}  # fmt: skip


def as_before(row: RankingRow) -> dict[str, object]:
    """A row of methodology 3 read as methodology 2 did: the terminated with the answered."""
    figures = {name: getattr(row, name) for name in BEFORE[BODY]}
    figures["answered"] = row.answered + (row.terminated or 0)
    if row.answer_rate is not None:
        figures["answer_rate"] = row.answer_rate + (row.termination_rate or 0)
    return figures


def test_importing_past_appeals_gives_the_figures_of_before(tmp_path: Path) -> None:
    lines = [
        f"application,{BODY},2026-{received}+05:00,{status},"
        + (f"2026-{answered}+05:00," if answered else ",")
        + f"2026-{due}T23:59:59+05:00,{satisfied},{forwarded}"
        for received, status, answered, due, satisfied, forwarded in PAST
    ]
    path = tmp_path / "past.csv"
    path.write_text("\n".join([HEADER, *lines]) + "\n", encoding="utf-8")
    assert appeals_import(str(path)).imported == len(PAST)
    for code, before in BEFORE.items():
        row = published(code)
        # Equal: received, withdrawn, on time, overdue, ratings and dissatisfaction, the
        # median and the forwards; answered and terminated add up to answered before.
        assert as_before(row) == pytest.approx(before), code
        assert (row.complained, row.overturned, row.formal, row.returned_forwards) == (0, 0, 0, 0)
    ulytau = published()
    assert (ulytau.answered, ulytau.terminated) == (7, 3)
    assert (ulytau.answer_rate, ulytau.termination_rate) == (pytest.approx(7 / 12), 0.25)
