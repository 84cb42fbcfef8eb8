"""The open data of listed petitions: CSV and JSON with the list's filters, the exact counts
from one grouped query, formula-safe cells, nothing of the authors or the signers."""

from __future__ import annotations

import csv
import datetime
import io
import json
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from petitions.exports import EXPORT_COLUMNS
from petitions.models import Petition
from petitions.signing import signature_count
from tests.petitions.crowd import planted, streamed
from tests.petitions.world import published, verified_citizen

pytestmark = pytest.mark.django_db


def listed(count: int = 50, **fields: Any) -> Petition:
    petition = published(**fields)
    planted(petition, count)
    return petition


def csv_rows(client: Client, **query: str) -> list[dict[str, str]]:
    response = client.get("/petitions/export.csv", query)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"] == 'attachment; filename="otinish-petitions.csv"'
    text = streamed(response).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def test_the_csv_holds_listed_petitions_with_exact_counts(client: Client) -> None:
    author = verified_citizen(full_name="Жакупов Арман Беркутович", email="arman@otinish.test")
    first = listed(53, author=author, title='=HYPERLINK("http://evil")')
    second = listed(61, addressee="akimat-kz-75", title="Фонари")
    published(title="Только по ссылке")
    rows = csv_rows(client)
    assert tuple(rows[0]) == EXPORT_COLUMNS
    by_number = {row["number"]: row for row in rows}
    assert set(by_number) == {first.number, second.number}
    assert by_number[first.number]["signatures"] == str(signature_count(first.pk)) == "53"
    assert by_number[second.number]["signatures"] == "61"
    assert by_number[first.number]["title"].startswith("'=")  # kept from running as a formula
    assert by_number[second.number]["addressee_code"] == "akimat-kz-75"
    text = json.dumps(rows, ensure_ascii=False)
    for secret in ("Жакупов", "arman@otinish.test", author.iin_bin, "Абдрахманова"):
        assert secret not in text
    assert [row["number"] for row in csv_rows(client, body="akimat-kz-75")] == [second.number]


def test_the_counts_come_from_one_grouped_query(client: Client) -> None:
    for _ in range(3):
        listed()
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/petitions/export.json")
        body = json.loads(streamed(response))
    tallies = [q["sql"] for q in queries if "petitions_signaturetally" in q["sql"]]
    assert len(tallies) == 1 and "GROUP BY" in tallies[0]
    assert [row["signatures"] for row in body["rows"]] == [50, 50, 50]


def test_the_json_has_the_columns_and_answers(client: Client) -> None:
    petition = listed()
    now = timezone.now()
    Petition.objects.filter(pk=petition.pk).update(
        status="answered", reached_at=now, answer_due=now + datetime.timedelta(days=3),
        answered_at=now, outcome="accepted", decision="Принято.",
    )  # fmt: skip
    response = client.get("/petitions/export.json", {"status": "answered"})
    body = json.loads(streamed(response))
    assert body["columns"] == list(EXPORT_COLUMNS)
    (row,) = body["rows"]
    assert tuple(row) == EXPORT_COLUMNS
    assert (row["status"], row["outcome"], row["on_time"]) == ("answered", "accepted", True)
    assert row["url"].endswith(f"/petitions/{petition.slug}/")


@pytest.mark.parametrize("query", [{"q": "\x00"}, {"region": "z" * 5000}, {"sort": "x"}])
def test_crafted_filters_still_export(client: Client, query: dict[str, str]) -> None:
    listed()
    for url in ("/petitions/export.csv", "/petitions/export.json"):
        response = client.get(url, query)
        assert response.status_code == 200
        streamed(response)
