from __future__ import annotations

import csv
import datetime
import io
import re
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from agencies.workdays import ALMATY
from ratings import charts
from ratings.api.views import RowSerializer
from ratings.models import Period, RankingSnapshot, Scope
from ratings.selectors import EXPORT_COLUMNS
from ratings.snapshots import latest_snapshot, rankings_recompute
from tests.outages import redis_away
from tests.ratings.dataset import AS_OF, appeal

pytestmark = pytest.mark.django_db
# Twelve digits standing alone (not the decimals of a chart's coordinates).
IIN = re.compile(r"(?<![\d.])\d{12}(?![\d.])")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
RECEIVED = re.compile(r'data-figure="received">(\d+)<')
CHART_ID = re.compile(r"chart-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


@pytest.fixture(autouse=True)
def published(data: None) -> None:
    rankings_recompute(as_of=AS_OF)


def snapshot() -> RankingSnapshot:
    found = latest_snapshot(Scope.AKIMATS, Period.LAST_30_DAYS)
    assert found is not None
    return found


@pytest.mark.parametrize(
    "url",
    [
        "/ratings/", "/ratings/?period=all_time&sort=dissatisfaction_rate",
        "/ratings/agency/akimat-kz-75/", "/ratings/map/", "/ratings/methodology/",
    ],
)  # fmt: skip
def test_public_pages_need_no_login_and_show_no_personal_data(client: Client, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 200
    # pygal names each chart with a random UUID, which now and then holds 12 digits in a row
    # (in its id and in the selectors of its style).
    content = CHART_ID.sub("", response.content.decode())
    assert not IIN.search(content)
    assert not EMAIL.search(content)


def test_the_rankings_page_shows_both_scopes_ranked_with_charts(client: Client) -> None:
    content = client.get("/ratings/?period=last_30_days").content.decode()
    # The akimats' two tile maps (answer rate, dissatisfaction), and their answer rate, left
    # without consideration, dissatisfaction and overturned; the ministries have no ranked body.
    assert content.count("<svg") == 6
    assert "Акимат города Алматы" in content
    assert "80.0 %" in content


def test_sorting(client: Client) -> None:
    response = client.get("/ratings/?sort=received")
    akimats = response.context["tables"][0].rows
    assert [row.received for row in akimats][:2] == [6, 5]


def test_a_published_table_is_drawn_once_then_read_from_the_cache(
    client: Client, settings: Any
) -> None:
    settings.RANKINGS_PAGE_CACHE_SECONDS = 60
    rankings_recompute(as_of=timezone.now())  # a moment of this run only: keys of its own
    with CaptureQueriesContext(connection) as drawn:
        first = client.get("/ratings/?period=all_time").content.decode()
    with CaptureQueriesContext(connection) as cached:
        second = client.get("/ratings/?period=all_time").content.decode()
    rows_read = [q["sql"] for q in cached if "ratings_rankingrow" in q["sql"]]
    assert rows_read == [] and len(cached) < len(drawn)
    assert second.count("<svg") == first.count("<svg") == 6
    assert "Акимат города Алматы" in second

    newer = timezone.now() + datetime.timedelta(minutes=1)
    rankings_recompute(as_of=newer)
    third = client.get("/ratings/?period=all_time").content.decode()
    assert newer.astimezone(ALMATY).strftime("%d.%m.%Y %H:%M") in third


def test_the_agency_trend_is_drawn_once_for_each_new_snapshot(
    client: Client, settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings.RANKINGS_PAGE_CACHE_SECONDS = 60
    drawn: list[str] = []
    draw = charts.trend

    def counted(title: str, *args: Any) -> str:
        drawn.append(title)
        return draw(title, *args)

    monkeypatch.setattr(charts, "trend", counted)
    rankings_recompute(as_of=timezone.now())  # a moment of this run only: keys of its own
    pages = [client.get("/ratings/agency/akimat-kz-75/").content.decode() for _ in range(2)]
    assert len(drawn) == 1 and pages[0].count("<svg") == pages[1].count("<svg") == 1
    client.get("/ratings/agency/akimat-kz-75/", HTTP_ACCEPT_LANGUAGE="en")
    assert drawn[1] == "Over time" != drawn[0]  # another language, another chart
    rankings_recompute(as_of=timezone.now() + datetime.timedelta(minutes=1))
    client.get("/ratings/agency/akimat-kz-75/")
    assert len(drawn) == 3


def as_of_markup(moment: datetime.datetime) -> str:
    """How a page gives a snapshot's moment: to the second, in Almaty, machine-readable."""
    local = moment.astimezone(ALMATY)
    return f'<time datetime="{local.isoformat()}">{local:%d.%m.%Y %H:%M:%S}</time>'


@pytest.mark.parametrize("language", ["ru", "kk", "en"])
def test_every_page_of_figures_says_as_of_which_second(client: Client, language: str) -> None:
    moment = AS_OF + datetime.timedelta(seconds=7)
    rankings_recompute(as_of=moment)
    label = {"ru": "По состоянию на", "kk": "Кесінді уақыты", "en": "As of"}[language]
    pages = [
        "/ratings/", "/ratings/agency/akimat-kz-75/", "/ratings/map/",
        "/ratings/map/?body=akimat-kz-75",
    ]  # fmt: skip
    for url in pages:
        content = client.get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode()
        assert f"{label}" in content and as_of_markup(moment) in content, url
    assert 'datetime="2026-06-01T12:00:07+05:00">01.06.2026 12:00:07<' in content


def test_the_api_and_the_exports_give_as_of_to_the_second(client: Client) -> None:
    rankings_recompute(as_of=AS_OF + datetime.timedelta(seconds=7, microseconds=5))
    expected = "2026-06-01T12:00:07+05:00"
    latest = client.get("/api/v1/rankings/", {"scope": "akimats", "period": "last_30_days"})
    assert latest.json()["as_of"] == expected
    listing = client.get("/api/v1/rankings/snapshots/", {"scope": "akimats"}).json()
    assert listing["results"][0]["as_of"] == expected
    assert client.get(f"/ratings/snapshots/{snapshot().pk}.json").json()["snapshot"]["as_of"] == (
        expected
    )
    for url in (
        f"/ratings/snapshots/{snapshot().pk}.csv",
        f"/ratings/snapshots/{snapshot().pk}/map.csv",
    ):
        response = client.get(url)
        assert "-20260601-120007.csv" in response["Content-Disposition"]
        assert response["Last-Modified"] == "Mon, 01 Jun 2026 07:00:07 GMT"


def test_a_new_snapshot_is_shown_at_once_though_the_pages_are_cached(
    client: Client, settings: Any
) -> None:
    settings.RANKINGS_PAGE_CACHE_SECONDS = 60
    moment = timezone.now().replace(microsecond=0)  # a moment of this run only: keys of its own
    rankings_recompute(as_of=moment)
    urls = ["/ratings/?period=all_time", "/ratings/agency/akimat-kz-75/?period=all_time"]
    for url in urls:
        assert as_of_markup(moment) in client.get(url).content.decode()
    received = RECEIVED.findall(client.get(urls[1]).content.decode())
    appeal("akimat-kz-75")
    later = moment + datetime.timedelta(seconds=61)
    assert rankings_recompute(as_of=later, if_changed=True)
    pages = [client.get(url).content.decode() for url in urls]
    assert all(as_of_markup(later) in page for page in pages)
    assert RECEIVED.findall(pages[1]) == [str(int(received[0]) + 1)]
    assert "Акимат города Алматы" in pages[0]


def test_the_agency_page(client: Client) -> None:
    rankings_recompute(as_of=AS_OF.replace(hour=13))  # a second point for the trend
    response = client.get("/ratings/agency/akimat-kz-75/")
    assert response.context["row"].received == 6
    assert len(response.context["history"]) == 2
    assert "<svg" in response.content.decode()
    categories = {line.category.code: line.received for line in response.context["categories"]}
    assert categories == {"housing": 6}


def test_the_map(client: Client) -> None:
    response = client.get("/ratings/map/")
    assert "heat-" in response.content.decode()
    assert response.context["most"] == 11


def test_csv_export(client: Client) -> None:
    response = client.get(f"/ratings/snapshots/{snapshot().pk}.csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert tuple(rows[0]) == EXPORT_COLUMNS
    almaty = next(row for row in rows if row["agency_code"] == "akimat-kz-75")
    assert (almaty["received"], almaty["answered"], almaty["answer_rank"]) == ("6", "4", "2")


def test_json_export(client: Client) -> None:
    body = client.get(f"/ratings/snapshots/{snapshot().pk}.json").json()
    assert body["snapshot"]["scope"] == "akimats"
    assert len(body["rows"]) == 20
    assert tuple(body["rows"][0]) == EXPORT_COLUMNS


def test_the_api_serves_the_latest_and_every_snapshot(client: Client) -> None:
    latest = client.get("/api/v1/rankings/", {"scope": "akimats", "period": "last_30_days"})
    assert latest.status_code == 200
    assert latest.json()["id"] == snapshot().pk
    assert len(latest.json()["rows"]) == 20
    listing = client.get("/api/v1/rankings/snapshots/", {"scope": "ministries"}).json()
    assert {item["scope"] for item in listing["results"]} == {"ministries"}
    one = client.get(f"/api/v1/rankings/snapshots/{snapshot().pk}/").json()
    assert one["rows"] == latest.json()["rows"]
    assert client.get("/api/v1/rankings/", {"scope": "planets"}).status_code == 400
    assert client.get("/api/v1/rankings/snapshots/999999/").status_code == 404


def test_the_api_rows_have_the_export_columns() -> None:
    assert tuple(RowSerializer().fields) == EXPORT_COLUMNS


def test_no_snapshot_yet_is_said_plainly(client: Client, settings: Any) -> None:
    RankingSnapshot.objects.all().delete()
    assert client.get("/ratings/").status_code == 200
    assert client.get("/api/v1/rankings/", {"scope": "akimats"}).status_code == 404


@pytest.mark.parametrize(
    "url", ["/ratings/", "/ratings/agency/akimat-kz-75/", "/ratings/map/", "/"]
)
def test_the_public_pages_work_with_redis_away(client: Client, settings: Any, url: str) -> None:
    settings.RANKINGS_PAGE_CACHE_SECONDS = 60
    redis_away(settings)
    response = client.get(url)
    assert response.status_code == 200
    assert b"<table" in response.content or url == "/"
