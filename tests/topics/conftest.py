"""A topic model trained from the seed corpus and the names, and a process that forgets it
afterwards: the next test's database never holds the row it was read from."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.core.cache import cache

from appeals.models import TopicModel
from appeals.topics.proposing import VERSION_KEY, announce, forget
from appeals.topics.training import train_topic_model


@pytest.fixture(autouse=True)
def topics_forgotten() -> Iterator[None]:
    forget()
    cache.delete(VERSION_KEY)
    yield
    forget()
    cache.delete(VERSION_KEY)


@pytest.fixture
def topic_model(db: None) -> TopicModel:
    """The model as shipped: the seed corpus and the categories' names, no history."""
    trained = train_topic_model(limit=0)
    announce(trained.pk)
    return trained
