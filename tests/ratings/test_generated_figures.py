"""The benchmark generator's history makes the figures of methodology 3 non-trivial:
terminations, complaints of each kind decided by the body above, overturned answers,
formal replies, forwards late and sent back (bench/generating/)."""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterator

import pytest
import time_machine
from django.db.models import Exists, OuterRef, Q

from agencies.workdays import ALMATY
from appeals.models import Appeal, AppealEvent, Feedback
from bench.generating import Options, Report, appeals_generate
from ratings.models import Period, RankingRow
from ratings.snapshots import rankings_recompute
from ratings.units import unit_map

NOW = datetime.datetime(2026, 3, 20, 15, 0, tzinfo=ALMATY)
COUNT = 3_000


@pytest.fixture
def generated(db: None) -> Iterator[Report]:
    with time_machine.travel(NOW, tick=False):
        yield appeals_generate(Options(count=COUNT, staff=400, workers=1, batch_size=1_000))


def test_complaints_are_about_an_earlier_appeal_and_go_to_the_body_above(
    generated: Report,
) -> None:
    complaints = Appeal.objects.filter(complaint_of__isnull=False).select_related(
        "complaint_of__agency"
    )
    assert 0.02 <= complaints.count() / COUNT <= 0.1
    for complaint in complaints:
        original = complaint.complaint_of
        assert original is not None and complaint.type.code == "complaint"
        assert complaint.agency_id == complaint.addressee_id == original.agency.parent_id
        assert complaint.applicant_id == original.applicant_id
        assert complaint.received_at > original.received_at
        assert (complaint.complaint_outcome != "") == (complaint.status == "answered")
        assert original.complained and original.status != "withdrawn"
    grounds = Counter(complaints.values_list("complaint_ground", flat=True))
    assert set(grounds) == {"answer", "termination", "inaction"}
    outcomes = Counter(complaints.values_list("complaint_outcome", flat=True))
    assert {"upheld", "partly_upheld", "rejected"} <= set(outcomes)
    upheld = Appeal.objects.filter(complaint_of=OuterRef("pk"), complaint_outcome="upheld")
    about = Appeal.objects.filter(complaint_of=OuterRef("pk"))
    marked = Appeal.objects.filter(Q(complained=True) | Q(overturned=True))
    assert not marked.exclude(complained=Exists(about)).exists()
    assert not marked.exclude(overturned=Exists(upheld)).exists()
    decided = AppealEvent.objects.filter(action="appeal.decided")
    assert decided.count() == complaints.exclude(complaint_outcome="").count()


def test_some_forwards_are_late_and_some_go_back_and_forth(generated: Report) -> None:
    forwards = AppealEvent.objects.filter(action="appeal.forwarded")
    returned = forwards.filter(data__returned=True)
    assert forwards.filter(data__late=True).exists() and returned.exists()
    assert returned.count() / forwards.count() < 0.3
    for appeal in Appeal.objects.filter(events__in=returned).distinct():
        hops = list(forwards.filter(appeal=appeal).order_by("created_at"))
        route = [(hop.from_agency_id, hop.to_agency_id) for hop in hops]
        there = (appeal.addressee_id, appeal.agency_id)
        back = (appeal.agency_id, appeal.addressee_id)
        assert route == [there, back, there][: len(route)] and appeal.forward_count == len(route)
        assert [hop.data.get("returned", False) for hop in hops] == [False, True, True][: len(hops)]


def test_the_published_figures_of_methodology_3_are_not_trivial(generated: Report) -> None:
    rankings_recompute(periods=(Period.ALL_TIME,), as_of=NOW)
    rows = RankingRow.objects.filter(snapshot__period=Period.ALL_TIME)
    totals = {
        name: sum(getattr(row, name) or 0 for row in rows)
        for name in ("received", "terminated", "complained", "overturned", "formal",
                     "late_forwards", "returned_forwards")
    }  # fmt: skip
    assert 0.02 <= totals["terminated"] / totals["received"] <= 0.08
    assert all(totals.values()), totals
    assert Feedback.objects.filter(reason="formal").exists()
    # Complaints about ranked bodies' appeals count for them; those to the Government are
    # not ranked themselves.
    assert not set(Appeal.objects.filter(agency__kind="government").values_list(
        "agency_id", flat=True)) & set(unit_map())  # fmt: skip
