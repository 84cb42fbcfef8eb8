"""The published columns come from one list: the CSV and JSON exports and the API give the
same columns, typed as the model's fields."""

from __future__ import annotations

import csv
import io

import pytest
from django.db import models
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from ratings.models import RankingRow, RankingSnapshot, Scope
from ratings.selectors import EXPORT_COLUMNS
from ratings.snapshots import rankings_recompute
from tests.ratings.dataset import AS_OF

pytestmark = pytest.mark.django_db


def test_the_api_the_json_and_the_csv_give_the_same_rows(data: None) -> None:
    rankings_recompute(as_of=AS_OF)
    snapshot = RankingSnapshot.objects.filter(scope=Scope.AKIMATS).latest("as_of")
    api = APIClient().get(f"/api/v1/rankings/snapshots/{snapshot.pk}/").json()["rows"]
    url = reverse("ratings:snapshot_export", args=[snapshot.pk, "json"])
    exported = Client().get(url).json()["rows"]
    assert api == exported
    assert all(list(row) == list(EXPORT_COLUMNS) for row in api)
    csv_url = reverse("ratings:snapshot_export", args=[snapshot.pk, "csv"])
    text = Client().get(csv_url).content.decode("utf-8-sig")
    assert next(csv.reader(io.StringIO(text))) == list(EXPORT_COLUMNS)


def test_the_schema_types_each_column_as_the_model_does() -> None:
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    row = schema["components"]["schemas"]["Row"]["properties"]
    for column in EXPORT_COLUMNS:
        if column.startswith("agency_"):
            assert row[column]["type"] == "string"
            continue
        field = RankingRow._meta.get_field(column)
        assert isinstance(field, models.Field)
        expected = "number" if field.get_internal_type() == "FloatField" else "integer"
        assert row[column]["type"] == expected, column
        assert row[column].get("nullable", False) == field.null, column


def decimals(value: object) -> int:
    text = str(value)
    assert "e" not in text.lower(), text  # no 5.55e-17
    return len(text.partition(".")[2])


def test_the_exports_and_the_api_round_rates_to_4_decimals_and_days_to_2(data: None) -> None:
    rankings_recompute(as_of=AS_OF)
    snapshot = RankingSnapshot.objects.filter(scope=Scope.AKIMATS).latest("as_of")
    stored = snapshot.rows.exclude(answer_rate_low=None).values_list("answer_rate_low", flat=True)
    assert max(decimals(value) for value in stored) > 4  # what the rounding is for
    csv_url = reverse("ratings:snapshot_export", args=[snapshot.pk, "csv"])
    text = Client().get(csv_url).content.decode("utf-8-sig")
    figures = ("_rate", "_low", "_high", "median_days_to_answer")
    numbers = [
        (column, value)
        for row in csv.DictReader(io.StringIO(text))
        for column, value in row.items()
        if value and column.endswith(figures)
    ]
    assert numbers and all(decimals(value) <= 4 for _, value in numbers)
    assert all(decimals(value) <= 2 for column, value in numbers if column.startswith("median"))
    json_url = reverse("ratings:snapshot_export", args=[snapshot.pk, "json"])
    api = APIClient().get(f"/api/v1/rankings/snapshots/{snapshot.pk}/").json()["rows"]
    for rows in (Client().get(json_url).json()["rows"], api):
        floats = [value for row in rows for value in row.values() if isinstance(value, float)]
        assert floats and all(decimals(value) <= 4 for value in floats)
        assert all(value != 0 or str(value) == "0.0" for value in floats)  # never -0.0
