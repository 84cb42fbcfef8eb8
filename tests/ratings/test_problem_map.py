"""The problem map with a minimum of ratings per cell: greyed and labelled below it, on the
page, in the API and in the exports."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from django.test import Client

from ratings.api.views import MapCellSerializer
from ratings.models import Period, RankingSnapshot, Scope
from ratings.problem_map import MAP_COLUMNS, map_min_cases
from ratings.snapshots import latest_snapshot, rankings_recompute
from tests.ratings.dataset import AS_OF

pytestmark = pytest.mark.django_db


def published(settings: Any, minimum: int) -> RankingSnapshot:
    settings.PROBLEM_MAP_MIN_CASES = minimum
    rankings_recompute(as_of=AS_OF)
    snapshot = latest_snapshot(Scope.AKIMATS, Period.LAST_30_DAYS)
    assert snapshot is not None
    return snapshot


def almaty_housing(cells: list[dict[str, Any]]) -> dict[str, Any]:
    return next(c for c in cells if (c["region_code"], c["category_code"]) == ("KZ-75", "housing"))


def test_a_cell_with_enough_ratings_shows_its_share(data: None, settings: Any) -> None:
    snapshot = published(settings, minimum=3)  # Almaty's housing: 11 appeals, 3 ratings
    assert snapshot.map_min_cases == 3
    response = Client().get("/ratings/map/")
    cell = almaty_housing([c.record() for c in response.context["cells"]])
    assert (cell["rated"], cell["dissatisfied"], cell["below_minimum"]) == (3, 1, False)
    assert cell["dissatisfaction_rate"] == 0.3333  # 1 / 3, published to 4 decimals
    assert "33.3 %" in response.content.decode()


def test_a_cell_with_fewer_ratings_is_grey_and_labelled(data: None, settings: Any) -> None:
    published(settings, minimum=4)
    response = Client(HTTP_ACCEPT_LANGUAGE="en").get("/ratings/map/")
    content = response.content.decode()
    cell = almaty_housing([c.record() for c in response.context["cells"]])
    assert (cell["received"], cell["rated"], cell["below_minimum"]) == (11, 3, True)
    assert cell["dissatisfaction_rate"] is None
    assert 'class="heat-0 below-minimum"' in content
    assert "fewer than 4 ratings" in content and "33.3 %" not in content


def test_the_api_serves_the_map_of_either_scope(data: None, settings: Any) -> None:
    snapshot = published(settings, minimum=4)
    client = Client()
    body = client.get(f"/api/v1/rankings/snapshots/{snapshot.pk}/problem-map/").json()
    assert body["snapshot"]["map_min_cases"] == 4
    assert all(list(cell) == list(MAP_COLUMNS) for cell in body["cells"])
    assert almaty_housing(body["cells"])["below_minimum"] is True
    ministries = RankingSnapshot.objects.get(scope=Scope.MINISTRIES, as_of=snapshot.as_of,
                                             period=snapshot.period)  # fmt: skip
    other = client.get(f"/api/v1/rankings/snapshots/{ministries.pk}/problem-map/").json()
    assert other["cells"] == body["cells"]  # one map per run, kept with the akimats
    assert client.get("/api/v1/rankings/snapshots/999999/problem-map/").status_code == 404


def test_the_exports_give_the_cells_of_the_api(data: None, settings: Any) -> None:
    snapshot = published(settings, minimum=4)
    client = Client()
    api = client.get(f"/api/v1/rankings/snapshots/{snapshot.pk}/problem-map/").json()["cells"]
    exported = client.get(f"/ratings/snapshots/{snapshot.pk}/map.json").json()
    assert exported["cells"] == api and exported["snapshot"]["map_min_cases"] == 4
    response = client.get(f"/ratings/snapshots/{snapshot.pk}/map.csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert tuple(rows[0]) == MAP_COLUMNS and len(rows) == len(api)
    assert almaty_housing(rows)["dissatisfaction_rate"] == ""
    assert client.get(f"/ratings/snapshots/{snapshot.pk}/map.xml").status_code == 404


def test_the_api_cells_have_the_export_columns() -> None:
    assert tuple(MapCellSerializer().fields) == MAP_COLUMNS


def test_the_minimum_is_a_setting(settings: Any) -> None:
    assert map_min_cases() == 10  # the default of PROBLEM_MAP_MIN_CASES
    settings.PROBLEM_MAP_MIN_CASES = 25
    assert map_min_cases() == 25
