"""The receptions benchmark (bench/receptions.py), briefly: a few thousand generated appeals
with their meetings, each step once, a storm of six citizens for three slots."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench import receptions
from bench.generating import Options, appeals_generate
from receptions.models import Booking, Meeting, ReceptionSnapshot

pytestmark = [
    pytest.mark.django_db(transaction=True),  # the storm's threads see only what is committed
    pytest.mark.usefixtures("reference_after_flush"),
]


def test_the_benchmark_measures_every_step_and_gives_no_slot_twice(tmp_path: Path) -> None:
    appeals_generate(Options(count=2_000, staff=400, workers=1, batch_size=1_000, meetings=300))
    report = tmp_path / "receptions.json"
    arguments = ["--runs", "1", "--requests", "3", "--bookers", "6", "--slots", "3"]

    assert receptions.main([*arguments, "--report", str(report)]) == 0

    figures = json.loads(report.read_text())
    storm = figures["storm"]
    assert figures["no_slot_twice"] and storm["active"] == storm["slots_taken"] == 3
    outcomes = storm["outcomes"]
    assert outcomes["booked"] == outcomes["none left"] == 3  # the others found none left
    assert set(outcomes) <= {"booked", "taken", "none left"}  # no error, no other refusal
    assert storm["attempts"] >= 3 and storm["citizens"] == 3
    assert not Meeting.objects.filter(official_name="Bench official").exists()
    assert not Booking.objects.filter(question="Bench question").exists()
    assert figures["meetings"] == 300 and figures["reopened"]["resolved"] > 0
    assert ReceptionSnapshot.objects.count() == 3  # the one committed run; the rest rolled back
    assert figures["figures"]["rows"] > 0 and figures["figures"]["all"] > 0
    pages = figures["pages"]
    assert {"calendar (upcoming)", "iCalendar feed", "meeting page"} <= set(pages)
    assert all(
        0 < row["p50"] <= row["p95"] <= row["max"] and row["n"] == 3 for row in pages.values()
    )
    assert any(
        line.startswith("(d) no slot given twice") and "yes" in line for line in figures["lines"]
    )
