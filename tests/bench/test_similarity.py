"""The near-copy benchmark (bench/similarity.py), briefly: a few thousand generated appeals,
a few checks of each kind, and the figures it prints."""

from __future__ import annotations

import datetime

import pytest
import time_machine

from agencies.workdays import ALMATY
from bench import similarity
from bench.generating import Options, appeals_generate

pytestmark = pytest.mark.django_db


def test_the_benchmark_times_copies_and_other_answers_and_finds_the_copies() -> None:
    with time_machine.travel(datetime.datetime(2026, 3, 20, 15, 0, tzinfo=ALMATY), tick=False):
        appeals_generate(Options(count=2_000, staff=400, workers=1, batch_size=1_000))
    body, answered = similarity.body_with_most_answers()

    figures = similarity.measure(body_answers=answered + 50, checks=5, passes=1)

    assert figures["body"] == body and figures["moved"] == 50
    assert figures["body_answers"] == answered + 50
    (run,) = figures["passes"]
    assert run["copy"]["checks"] == run["other"]["checks"] == 5
    assert run["copy"]["found"] >= 4  # a copy with its numbers and name changed is found
    assert 0 < run["all"]["p50"] <= run["all"]["p95"] <= run["all"]["max"]
    assert "appeal_answer_bands_idx" in figures["plan"]
    assert any("target p95" in line for line in similarity.table(figures))
