"""Training a topic model: from the routing history (the latest appeals, read in chunks),
the seed corpus in appeals/topics/seed/ and the categories' own names; a new TopicModel row
each time, the older ones pruned."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models.functions import Left

from agencies.models import Category
from appeals.models import Appeal, TopicModel
from appeals.topics.features import TEXT_HEAD
from appeals.topics.model import Counts, TopicNaiveBayes

SEED = Path(__file__).resolve().parent / "seed"
KEEP_MODELS = 3
CHUNK = 2_000
# A topic sent about often teaches no more than this many texts: it does not drown the rest.
PER_TOPIC = 2_000
# The seed corpus counts as one part in this many of the history (docs/topics.md).
SEED_SHARE = 4


def labelled_lines(path: Path) -> Iterator[tuple[str, str]]:
    """(category code, text) from a JSON-lines file of {"category", "text"}; bad lines skipped."""
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            try:
                row = json.loads(line)
                yield str(row["category"]), str(row["text"])
            except (ValueError, KeyError, TypeError):
                continue


def seed_texts(folder: Path = SEED) -> Iterator[tuple[str, str]]:
    for path in sorted(folder.glob("*.jsonl")):
        yield from labelled_lines(path)


def category_names() -> Iterator[tuple[str, str]]:
    """Each active topic's name in the three languages, with its parent's: a text each."""
    for leaf in Category.objects.filter(is_active=True, parent__isnull=False).select_related(
        "parent"
    ):
        parent = leaf.parent
        for language in ("ru", "kk", "en"):
            name = getattr(leaf, f"name_{language}")
            yield leaf.code, f"{name} {getattr(parent, f'name_{language}', '')}"


def history(limit: int) -> Iterator[tuple[str, str]]:
    """The latest `limit` appeals sent through the portal, with the topic they ended under,
    at most PER_TOPIC of each topic; read with a server-side cursor so the table never sits
    in memory."""
    if limit <= 0:
        return
    rows = (
        Appeal.objects.filter(imported=False, category__parent__isnull=False)
        .order_by("-pk")  # the latest sent: the primary key, not a sort of the table
        .annotate(head=Left("text", TEXT_HEAD))
        .values_list("category__code", "head")[:limit]
    )
    taken: Counter[str] = Counter()
    with transaction.atomic():  # a server-side cursor on PostgreSQL lives in a transaction
        for code, text in rows.iterator(chunk_size=CHUNK):
            if taken[code] < PER_TOPIC:
                taken[code] += 1
                yield code, text


def counts_from(*, limit: int, seed: Path = SEED) -> tuple[Counts, int]:
    counts = Counts()
    used = counts.add_all(history(limit))
    leaves = set(Category.objects.filter(parent__isnull=False).values_list("code", flat=True))
    seeds = [(c, t) for c, t in seed_texts(seed) if c in leaves]
    # The seed's words, written for each topic, weigh as a part of the history however long.
    weight = max(1, used // (SEED_SHARE * max(1, len(seeds))))
    used += counts.add_all(seeds, keep=True, weight=weight)
    counts.add_all(category_names(), keep=True)
    return counts, used


def train_topic_model(*, limit: int | None = None, seed: Path = SEED) -> TopicModel:
    """A new model from the routing history, the seed corpus and the names; keeps the last few."""
    if limit is None:
        limit = settings.TOPIC_TRAINING_LIMIT
    counts, used = counts_from(limit=limit, seed=seed)
    trained = TopicModel.objects.create(
        appeals_used=used, weights=TopicNaiveBayes.trained(counts).dumps()
    )
    older = TopicModel.objects.order_by("-pk").values_list("pk", flat=True)[KEEP_MODELS:]
    TopicModel.objects.filter(pk__in=list(older)).delete()
    return trained
