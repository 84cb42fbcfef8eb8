"""The topic proposed for a text, from the newest topic model: loaded once per process and
again when a newer one is announced (looked at every CHECK_SECONDS, through the cache), so a
proposal normally costs no query."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

from django.core.cache import cache

from agencies.models import Agency, Category, Region
from agencies.routing import suggest_agency
from appeals.models import TopicModel
from appeals.topics.model import TopicNaiveBayes

CHECK_SECONDS = 30.0
VERSION_KEY = "topics:version"
# Below this the model is guessing among many topics: better no proposal than a wrong one.
MIN_CONFIDENCE = 0.1
# A text of which the model knows so few words is in another language, whatever it shares.
MIN_KNOWN = 0.2
NO_MODEL = 0


@dataclass(frozen=True)
class Proposal:
    category: Category
    confidence: float


@dataclass(frozen=True)
class Addressed:
    """The proposal with the body the routing gives for its first topic in a region."""

    topics: list[Proposal]
    agency: Agency | None
    reason: str


@dataclass
class _Loaded:
    version: int = -1
    checked: float = -CHECK_SECONDS
    model: TopicNaiveBayes | None = None
    categories: dict[str, Category] | None = None


_loaded = _Loaded()
_lock = threading.Lock()


def announce(version: int) -> None:
    """Tells every process that model `version` is the newest (after its row is committed)."""
    cache.set(VERSION_KEY, version, timeout=None)


def forget() -> None:
    """Drops what this process holds (tests, after their transaction is rolled back)."""
    global _loaded
    with _lock:
        _loaded = _Loaded()


def _newest_version() -> int:
    announced = cache.get(VERSION_KEY)
    if announced is not None:
        return int(announced)
    newest = TopicModel.objects.order_by("-pk").values_list("pk", flat=True).first()
    announce(newest or NO_MODEL)  # the cache was emptied: one process asks, the others read
    return newest or NO_MODEL


def _current() -> _Loaded:
    global _loaded
    now = time.monotonic()
    if now - _loaded.checked < CHECK_SECONDS:
        return _loaded
    with _lock:
        if now - _loaded.checked < CHECK_SECONDS:
            return _loaded
        version = _newest_version()
        if version == _loaded.version:
            _loaded.checked = now
            return _loaded
        row = TopicModel.objects.filter(pk=version).values_list("weights", flat=True).first()
        model = TopicNaiveBayes.loads(row) if row is not None else None
        leaves = Category.objects.filter(is_active=True, parent__isnull=False)
        categories = {c.code: c for c in leaves.select_related("central_agency")} if model else {}
        _loaded = _Loaded(version, now, model, categories)
        return _loaded


def propose(text: str, *, k: int = 3) -> list[Proposal]:
    """The likeliest topics for `text`, best first; none when the model knows too little of
    it (another language, digits, nothing typed) or cannot tell (low confidence)."""
    loaded = _current()
    if loaded.model is None or loaded.categories is None or not text:
        return []
    scored, known = loaded.model.scored(text, k=k)
    if not scored or scored[0].confidence < MIN_CONFIDENCE or known < MIN_KNOWN:
        return []
    topics = loaded.categories
    return [Proposal(topics[s.category], s.confidence) for s in scored if s.category in topics]


def proposed_topic(text: str) -> Category | None:
    """The one topic recorded with an appeal as proposed for its text (appeal_submit_once)."""
    topics = propose(text, k=1)
    return topics[0].category if topics else None


def propose_addressed(text: str, *, region: Region | None, k: int = 3) -> Addressed:
    topics = propose(text, k=k)
    if not topics or region is None:
        return Addressed(topics, None, "")
    route = suggest_agency(category=topics[0].category, region=region)
    return Addressed(topics, route.agency, route.reason)
