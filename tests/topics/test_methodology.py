"""The methodology page publishes how often the proposed topic was kept (last 90 days)."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from agencies.models import Category
from appeals.models import Appeal
from appeals.topics.accuracy import proposal_accuracy
from tests.conftest import People, submit_appeal

pytestmark = pytest.mark.django_db


def _sent(people: People, chosen: str, proposed: str | None, days_ago: int = 1) -> None:
    appeal = submit_appeal(people.citizen, people.agency)
    Appeal.objects.filter(pk=appeal.pk).update(
        category=Category.objects.get(code=chosen),
        proposed_category=Category.objects.get(code=proposed) if proposed else None,
        received_at=timezone.now() - datetime.timedelta(days=days_ago),
    )


def test_the_share_kept_counts_the_last_90_days(people: People) -> None:
    _sent(people, "housing-heating", "housing-heating")
    _sent(people, "housing-heating", "housing-heating")
    _sent(people, "housing-water", "housing-heating")
    _sent(people, "housing-water", None)  # nothing proposed: not counted
    _sent(people, "housing-water", "housing-water", days_ago=91)  # too old
    accuracy = proposal_accuracy()
    assert (accuracy.proposed, accuracy.kept) == (3, 2)


def test_the_count_is_one_query(people: People, django_assert_num_queries: Any) -> None:
    with django_assert_num_queries(1):
        assert proposal_accuracy().share is None


def test_the_page_shows_the_share(people: People) -> None:
    _sent(people, "housing-heating", "housing-heating")
    _sent(people, "housing-water", "housing-heating")
    cache.delete("topics:accuracy")
    browser = Client()
    browser.cookies["django_language"] = "en"
    page = browser.get("/ratings/methodology/").content.decode()
    cache.delete("topics:accuracy")
    assert "2 appeals were sent with a proposed topic" in page
    assert "kept in 50.0 % of them" in page
