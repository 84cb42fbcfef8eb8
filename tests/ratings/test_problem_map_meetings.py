"""The problem map with the questions raised at meetings beside the appeals, and each
body's own map: its appeals and its meetings' questions by topic and by locality."""

from __future__ import annotations

import csv
import datetime
import io
from typing import Any

import pytest
from django.test import Client

from agencies.models import Agency
from ratings.models import Period, RankingSnapshot, Scope
from ratings.problem_map import MAP_COLUMNS
from ratings.snapshots import latest_snapshot, rankings_recompute
from tests.ratings.dataset import AS_OF, cell
from tests.receptions.figures_data import QUESTION_TEXT, meeting, question, topic

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


@pytest.fixture
def snapshot(data: None, settings: Any) -> RankingSnapshot:
    """The rankings' data set, with meetings of Almaty's akimat (a district akimat below
    it too) and of Astana's, in and out of the last 30 days before AS_OF."""
    settings.PROBLEM_MAP_MIN_CASES = 3
    day = AS_OF.date() - 5 * DAY
    almaty = meeting(day=day)
    below = Agency.objects.filter(parent__code="akimat-kz-75").first()
    district = meeting(below, day=day) if below else almaty
    for locality in ("Медеуский район", "Медеуский район", ""):
        question(almaty, locality=locality)
    question(district, category=topic("housing-water"), locality="Алатауский район")
    question(
        meeting(Agency.objects.get(code="akimat-kz-71"), day=day),
        category=topic("roads-transport-local-roads"),
    )
    question(meeting(day=AS_OF.date() - 60 * DAY))  # before the period
    rankings_recompute(as_of=AS_OF)
    published = latest_snapshot(Scope.AKIMATS, Period.LAST_30_DAYS)
    assert published is not None
    return published


def test_the_map_counts_questions_beside_appeals(snapshot: RankingSnapshot) -> None:
    response = Client(HTTP_ACCEPT_LANGUAGE="en").get("/ratings/map/")
    records = [c.record() for c in response.context["cells"]]
    housing = cell(records, "KZ-75", "housing")
    assert (housing["received"], housing["questions"]) == (11, 4)
    roads = cell(records, "KZ-71", "roads-transport")
    assert roads["questions"] == 1
    content = response.content.decode()
    assert "4 questions at meetings" in content and QUESTION_TEXT not in content


def test_the_exports_and_the_api_end_with_the_questions(snapshot: RankingSnapshot) -> None:
    assert "questions" in MAP_COLUMNS
    client = Client()
    api = client.get(f"/api/v1/rankings/snapshots/{snapshot.pk}/problem-map/").json()["cells"]
    assert cell(api, "KZ-75", "housing")["questions"] == 4
    text = client.get(f"/ratings/snapshots/{snapshot.pk}/map.csv").content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert tuple(rows[0]) == MAP_COLUMNS and cell(rows, "KZ-75", "housing")["questions"] == "4"


def test_a_body_sees_its_own_map(snapshot: RankingSnapshot) -> None:
    response = Client(HTTP_ACCEPT_LANGUAGE="en").get("/ratings/map/?body=akimat-kz-75")
    topics = {row.category.code: row for row in response.context["topics"]}
    assert topics["housing"].questions == 4 and topics["housing"].received > 0
    assert "roads-transport" not in topics
    localities = [(row.locality, row.category.code, row.questions)
                  for row in response.context["localities"]]  # fmt: skip
    assert localities[0] == ("Медеуский район", "housing", 2)
    assert ("Алатауский район", "housing", 1) in localities
    content = response.content.decode()
    assert "Meeting questions by locality" in content and QUESTION_TEXT not in content


def test_an_unknown_body_shows_the_whole_map(snapshot: RankingSnapshot) -> None:
    response = Client().get("/ratings/map/?body=nobody")
    assert response.context["body"] is None and response.context["cells"]
