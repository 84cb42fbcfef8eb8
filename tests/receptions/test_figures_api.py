"""The figures in the API: the latest snapshot of a period and any by id, with the export's
columns, public, and without any citizen's name or question."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from receptions.figures import figures_recompute
from receptions.figures_rows import EXPORT_COLUMNS
from receptions.models import FigurePeriod, Question, ReceptionSnapshot
from tests.receptions.figures_data import MEETING_DAY, QUESTION_TEXT, citizen, meeting, question

pytestmark = pytest.mark.django_db
CITIZEN = "Секретов Гражданин Тайнович"


@pytest.fixture
def snapshots() -> list[ReceptionSnapshot]:
    held = meeting()
    person = citizen(CITIZEN)
    for n in range(10):
        question(held, Question.Outcome.RESOLVED if n < 7 else "explained", citizen=person)
    return figures_recompute()


def test_the_latest_snapshot_of_a_period(snapshots: list[ReceptionSnapshot]) -> None:
    body = APIClient().get("/api/v1/receptions/figures/?period=all_time&level=body").json()
    assert body["snapshot"]["period"] == "all_time"
    [row] = body["rows"]
    assert list(row) == list(EXPORT_COLUMNS)
    assert (row["level"], row["questions"], row["resolved_rate"]) == ("body", 10, 0.7)
    assert CITIZEN not in str(body) and QUESTION_TEXT not in str(body)


def test_without_a_level_every_level_comes(snapshots: list[ReceptionSnapshot]) -> None:
    body = APIClient().get("/api/v1/receptions/figures/").json()
    assert body["snapshot"]["period"] == "last_365_days"
    assert {row["level"] for row in body["rows"]} == {"body", "region", "official"}


def test_a_snapshot_by_id_custom_too() -> None:
    meeting()
    [custom] = figures_recompute(periods=(FigurePeriod.CUSTOM,), start=MEETING_DAY, end=MEETING_DAY)
    body = APIClient().get(f"/api/v1/receptions/figures/{custom.pk}/?level=official").json()
    assert body["snapshot"]["period_start"] == MEETING_DAY.isoformat()
    assert [row["official_post"] for row in body["rows"]] == ["Аким"]


@pytest.mark.parametrize("query", ["?period=custom", "?period=week", "?level=citizen"])
def test_unknown_filters_are_refused(snapshots: list[ReceptionSnapshot], query: str) -> None:
    assert APIClient().get(f"/api/v1/receptions/figures/{query}").status_code == 400


def test_nothing_published_is_not_found() -> None:
    client = APIClient()
    assert client.get("/api/v1/receptions/figures/").status_code == 404
    assert client.get("/api/v1/receptions/figures/999999/").status_code == 404


def test_the_schema_describes_the_rows() -> None:
    schema = APIClient().get("/api/schema/?format=json").json()
    row = schema["components"]["schemas"]["FigureRow"]
    assert list(row["properties"]) == list(EXPORT_COLUMNS)
