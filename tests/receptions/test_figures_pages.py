"""The figures' page, its exports and the methodology: public, in English, with counts,
bodies and officials' names only — never a citizen's name or question."""

from __future__ import annotations

import csv
import io

import pytest
from django.test import Client

from receptions.figures import figures_recompute, latest_figures
from receptions.figures_rows import EXPORT_COLUMNS
from receptions.models import FigurePeriod, Question, ReceptionSnapshot
from tests.receptions.figures_data import OFFICIAL, QUESTION_TEXT, citizen, meeting, question

pytestmark = pytest.mark.django_db
CITIZEN = "Секретов Гражданин Тайнович"


@pytest.fixture
def snapshot() -> ReceptionSnapshot:
    held = meeting()
    person = citizen(CITIZEN)
    for n in range(12):
        question(held, Question.Outcome.RESOLVED if n < 9 else "explained", citizen=person)
    figures_recompute(periods=(FigurePeriod.LAST_365_DAYS,))
    published = latest_figures(FigurePeriod.LAST_365_DAYS)
    assert published is not None
    return published


def english() -> Client:
    return Client(HTTP_ACCEPT_LANGUAGE="en")


@pytest.mark.parametrize("level", ["body", "region", "official"])
def test_the_page_shows_each_level(snapshot: ReceptionSnapshot, level: str) -> None:
    response = english().get(f"/receptions/figures/?level={level}")
    content = response.content.decode()
    assert response.status_code == 200
    assert "75.0 %" in content  # 9 of 12 resolved
    assert CITIZEN not in content and QUESTION_TEXT not in content
    assert (OFFICIAL in content) == (level == "official")


def test_a_row_below_the_minimum_says_so(snapshot: ReceptionSnapshot, settings: object) -> None:
    snapshot.min_cases = 20
    snapshot.save()
    content = english().get("/receptions/figures/").content.decode()
    assert "too few questions" in content and "75.0 %" not in content


def test_a_period_without_figures_says_so() -> None:
    content = english().get("/receptions/figures/?period=all_time").content.decode()
    assert "No figures have been published for this period yet." in content


def test_the_methodology_gives_the_period_and_the_columns(settings: object) -> None:
    content = english().get("/receptions/methodology/").content.decode()
    assert "90 days after it" in content and "1,679" in content
    assert ", ".join(EXPORT_COLUMNS) in content


def test_the_csv_has_the_documented_columns_and_no_citizen(snapshot: ReceptionSnapshot) -> None:
    response = Client().get(f"/receptions/figures/{snapshot.pk}.csv")
    text = response.content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert tuple(rows[0]) == EXPORT_COLUMNS
    assert {row["level"] for row in rows} == {"body", "region", "official"}
    assert CITIZEN not in text and QUESTION_TEXT not in text


def test_a_name_like_a_formula_stays_text() -> None:
    meeting(official_name="=HYPERLINK(1)")
    [published] = figures_recompute(periods=(FigurePeriod.ALL_TIME,))
    text = Client().get(f"/receptions/figures/{published.pk}.csv").content.decode("utf-8-sig")
    assert "'=HYPERLINK(1)" in text


def test_the_json_gives_the_same_rows(snapshot: ReceptionSnapshot) -> None:
    body = Client().get(f"/receptions/figures/{snapshot.pk}.json").json()
    assert body["snapshot"]["min_cases"] == snapshot.min_cases
    assert all(list(row) == list(EXPORT_COLUMNS) for row in body["rows"])
    [row] = [row for row in body["rows"] if row["level"] == "body"]
    assert (row["questions"], row["resolved"], row["resolved_rate"]) == (12, 9, 0.75)
    assert CITIZEN not in str(body) and QUESTION_TEXT not in str(body)


def test_an_unknown_export_is_not_found(snapshot: ReceptionSnapshot) -> None:
    assert Client().get(f"/receptions/figures/{snapshot.pk}.xml").status_code == 404
    assert Client().get("/receptions/figures/999999.csv").status_code == 404
