"""The figures of petitions by addressee: counted by the moment they reached the threshold,
the rates with Wilson intervals worked by hand, the small-number rule, the page, the API,
the methodology and the rankings' block."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from petitions.figures import figures
from petitions.models import Petition
from tests.petitions.world import LOCAL_BODY, filed, published

pytestmark = pytest.mark.django_db
OTHER_BODY = "akimat-kz-75"


def sent(addressee: str = LOCAL_BODY, *, days_ago: int = 10, **answer: Any) -> Petition:
    """A petition that reached its threshold `days_ago`, answered as `answer` says."""
    petition = published(addressee=addressee)
    reached = timezone.now() - datetime.timedelta(days=days_ago)
    fields: dict[str, Any] = {"status": "considering", "reached_at": reached,
                              "answer_due": reached + datetime.timedelta(days=28)}  # fmt: skip
    if answer:
        late = answer.pop("late", False)
        answered = reached + datetime.timedelta(days=40 if late else 5)
        fields |= {"status": "answered", "answered_at": answered, "decision": "Решение."}
        fields |= answer
    Petition.objects.filter(pk=petition.pk).update(**fields)
    return petition


@pytest.fixture
def world() -> None:
    """LOCAL_BODY: 10 received in the year, 8 answered on time (4 accepted, 2 partly, 2
    refused), 2 waiting; one more long ago. OTHER_BODY: 3 received, 1 answered late."""
    for outcome in ["accepted"] * 4 + ["partly"] * 2 + ["refused"] * 2:
        sent(outcome=outcome)
    sent(), sent()
    sent(days_ago=400, outcome="accepted")
    sent(OTHER_BODY, outcome="accepted", late=True)
    sent(OTHER_BODY), sent(OTHER_BODY)
    published(), filed()  # neither reached its threshold: not counted


def test_the_counts_rates_and_hand_worked_wilson_intervals(world: None) -> None:
    local, other = figures("last_365_days")
    assert local.agency.code == LOCAL_BODY and other.agency.code == OTHER_BODY
    assert (local.received, local.answered, local.on_time, local.accepted) == (10, 8, 8, 6)
    on_time, accepted = local.rate("on_time_rate"), local.rate("accepted_rate")
    assert on_time is not None and accepted is not None
    # 8 of 10: 0.8 in [0.4902, 0.9433]; 6 of 8: 0.75 in [0.4093, 0.9285] (Wilson, z = 1.96).
    assert (round(on_time.low, 4), on_time.value, round(on_time.high, 4)) == (0.4902, 0.8, 0.9433)
    assert (round(accepted.low, 4), accepted.value, round(accepted.high, 4)) == (
        0.4093, 0.75, 0.9285,
    )  # fmt: skip
    assert local.rank == 1 and local.record()["on_time_rate_low"] == 0.4902


def test_below_the_minimum_counts_show_but_no_rate_nor_rank(world: None) -> None:
    other = figures("last_365_days")[1]
    assert (other.received, other.answered, other.on_time, other.accepted) == (3, 1, 0, 1)
    assert other.below_minimum and other.rank is None
    assert other.rates == {"on_time_rate": None, "accepted_rate": None}


def test_the_periods(world: None) -> None:
    assert figures("all_time")[0].received == 11
    this_year = figures("year_to_date")
    assert sum(row.received for row in this_year) <= 13


def test_the_page_api_and_methodology(world: None, client: Client) -> None:
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    page = client.get("/petitions/figures/", {"period": "nonsense\x00"})
    assert page.status_code == 200 and page.context["period"] == "last_365_days"
    content = page.content.decode()
    assert "80.0 %" in content and "49.0 – 94.3 %" in content and "too few petitions" in content
    body = APIClient().get("/api/v1/petitions/figures/", {"period": "all_time"}).json()
    assert body["min_cases"] == 5 and body["rows"][0]["received"] == 11
    assert APIClient().get("/api/v1/petitions/figures/", {"period": "x"}).status_code == 400
    rules = client.get("/petitions/methodology/").content.decode()
    assert "50 signatures" in rules and "20 working days" in rules and "2500" in rules


def test_the_rankings_page_has_a_block_of_petitions(world: None, client: Client) -> None:
    response = client.get("/ratings/", {"period": "all_time"})
    assert response.status_code == 200
    (akimats, ministries) = response.context["petitions"].tables
    (almaty,) = akimats.rows  # the district's petitions count for the city's akimat
    assert almaty.agency.code == OTHER_BODY and almaty.received == 14 and almaty.rank == 1
    assert ministries.rows == []
    assert 'id="petitions-akimats"' in response.content.decode()
