"""The problem map with the open problem clusters (listening/) beside each region and topic,
as they stood at the snapshot's moment, in its page, exports and API, and in a body's map."""

from __future__ import annotations

import csv
import datetime
import io
from typing import Any

import pytest
from django.test import Client

from accounts.models import User
from agencies.models import Agency, Category, Region
from listening.models import ProblemCluster, RuleChange
from ratings.models import Period, RankingSnapshot, Scope
from ratings.problem_map import MAP_COLUMNS
from ratings.snapshots import latest_snapshot, rankings_recompute
from tests.factories import UserFactory
from tests.ratings.dataset import AS_OF, cell

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


def cluster(
    agency: str, category: str, region: str, *, applicants: int = 3, found: float = 5,
    **fields: Any,
) -> ProblemCluster:  # fmt: skip
    return ProblemCluster.objects.create(
        agency=Agency.objects.get(code=agency), category=Category.objects.get(code=category),
        region=Region.objects.get(code=region), created_at=AS_OF - found * DAY,
        last_appeal_at=AS_OF - DAY, appeals=applicants + 1, applicants=applicants, **fields,
    )  # fmt: skip


def proposed(of: ProblemCluster, by: User, at: datetime.datetime) -> None:
    RuleChange.objects.create(cluster=of, proposal="p", proposed_by=by, proposed_at=at)


@pytest.fixture
def snapshot(data: None, settings: Any) -> RankingSnapshot:
    """Clusters of Almaty's akimat on heating: two open at AS_OF, the others too small,
    answered, proposed for a change or found after it; one of Astana's on roads."""
    settings.PROBLEM_CLUSTER_PUBLIC_MIN = 3
    heating, roads = "housing-heating", "roads-transport-local-roads"
    cluster("akimat-kz-75", heating, "KZ-75")
    cluster("akimat-kz-75", heating, "KZ-75", status="answered", answered_at=AS_OF + DAY)
    cluster("akimat-kz-75", heating, "KZ-75", applicants=2)
    cluster("akimat-kz-75", heating, "KZ-75", status="answered", answered_at=AS_OF - DAY)
    cluster("akimat-kz-75", heating, "KZ-75", found=-1)
    head = UserFactory.create()
    proposed(cluster("akimat-kz-75", heating, "KZ-75", status="rule_change"), head, AS_OF - DAY)
    cluster("akimat-kz-71", roads, "KZ-71")
    rankings_recompute(as_of=AS_OF)
    published = latest_snapshot(Scope.AKIMATS, Period.LAST_30_DAYS)
    assert published is not None
    return published


def test_the_map_counts_the_clusters_open_at_its_moment(snapshot: RankingSnapshot) -> None:
    response = Client(HTTP_ACCEPT_LANGUAGE="en").get("/ratings/map/")
    records = [c.record() for c in response.context["cells"]]
    assert cell(records, "KZ-75", "housing")["clusters"] == 2
    # A cell with an open cluster and no appeals in the period is on the map too.
    roads = cell(records, "KZ-71", "roads-transport")
    assert (roads["received"], roads["clusters"]) == (0, 1)
    content = response.content.decode()
    assert "2 open problem clusters" in content and "/problems/region/KZ-75/" in content


def test_the_exports_and_the_api_end_with_the_clusters(snapshot: RankingSnapshot) -> None:
    assert MAP_COLUMNS[-2:] == ("questions", "clusters")
    client = Client()
    api = client.get(f"/api/v1/rankings/snapshots/{snapshot.pk}/problem-map/").json()["cells"]
    assert cell(api, "KZ-75", "housing")["clusters"] == 2
    text = client.get(f"/ratings/snapshots/{snapshot.pk}/map.csv").content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert tuple(rows[0]) == MAP_COLUMNS and cell(rows, "KZ-75", "housing")["clusters"] == "2"


def test_a_body_s_map_counts_its_own_clusters(snapshot: RankingSnapshot) -> None:
    response = Client(HTTP_ACCEPT_LANGUAGE="en").get("/ratings/map/?body=akimat-kz-75")
    topics = {row.category.code: row for row in response.context["topics"]}
    assert topics["housing"].clusters == 2 and "roads-transport" not in topics
    assert "/problems/body/akimat-kz-75/" in response.content.decode()
