"""A multinomial naive Bayes over a text's features (appeals/topics/features.py), kept sparse:
a category's score adds up only the features it has seen, so a proposal reads a few lists.
Serialised as zlib'ed JSON into a TopicModel row."""

from __future__ import annotations

import heapq
import json
import math
import zlib
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from appeals.topics.features import features

FORMAT = 1
ALPHA = 0.1  # additive smoothing: small, as most features are seen in few categories
# A feature of the history seen in fewer texts than this is a typo or a name: left out, to
# keep the model small (the seed corpus and the names keep all theirs).
MIN_TEXTS = 2
MAX_FEATURES = 400_000
# Lossy counting: every so many texts, what was seen once is forgotten, so memory is bounded.
PRUNE_EVERY = 20_000


@dataclass
class Counts:
    """What training counts: per category its texts and features, per feature its texts."""

    texts: Counter[str] = field(default_factory=Counter)
    by_feature: defaultdict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    kept: set[str] = field(default_factory=set)  # the categories' names: however rare

    def add(self, category: str, text: str, *, keep: bool = False, weight: int = 1) -> None:
        self.texts[category] += weight
        found = features(text)
        for feature in found:
            self.by_feature[feature][category] += weight
        if keep:
            self.kept |= found

    def add_all(
        self, pairs: Iterable[tuple[str, str]], *, keep: bool = False, weight: int = 1
    ) -> int:
        added = 0
        for category, text in pairs:
            self.add(category, text, keep=keep, weight=weight)
            added += 1
            if added % PRUNE_EVERY == 0:
                self.prune(MIN_TEXTS)
        return added

    def prune(self, least: int) -> None:
        rare = [f for f, c in self.by_feature.items() if f not in self.kept and c.total() < least]
        for feature in rare:
            del self.by_feature[feature]


@dataclass(frozen=True)
class Scored:
    category: str
    confidence: float  # the tempered posterior, 0–1


class TopicNaiveBayes:
    """Log P(c | text) up to a constant: log prior + sum over the text's known features of
    log((n_fc + α) / (N_c + αV)), split into the part every category has and the sparse part."""

    def __init__(self, payload: dict) -> None:
        self.categories: list[str] = payload["categories"]
        self.priors: list[float] = payload["priors"]
        self.unseen: list[float] = payload["unseen"]  # log(α / (N_c + αV))
        self.weights: dict[str, list[list[float]]] = payload["features"]

    @classmethod
    def trained(cls, counts: Counts) -> TopicNaiveBayes:
        counts.prune(MIN_TEXTS)
        commonest = sorted(counts.by_feature.items(), key=lambda fc: -fc[1].total())
        kept = dict(commonest[:MAX_FEATURES])
        categories = sorted(counts.texts)
        index = {code: i for i, code in enumerate(categories)}
        totals = Counter[str]()
        for per_category in kept.values():
            totals.update(per_category)
        vocabulary, texts = max(len(kept), 1), sum(counts.texts.values())
        weights = {
            f: [[index[c], round(math.log1p(n / ALPHA), 4)] for c, n in per.items()]
            for f, per in kept.items()
        }
        return cls({
            "categories": categories,
            "priors": [math.log(counts.texts[c] / texts) for c in categories],
            "unseen": [math.log(ALPHA / (totals[c] + ALPHA * vocabulary)) for c in categories],
            "features": weights,
        })  # fmt: skip

    def dumps(self) -> bytes:
        payload = {
            "format": FORMAT, "categories": self.categories, "priors": self.priors,
            "unseen": self.unseen, "features": self.weights,
        }  # fmt: skip
        return zlib.compress(json.dumps(payload, separators=(",", ":")).encode(), 6)

    @classmethod
    def loads(cls, blob: bytes) -> TopicNaiveBayes:
        return cls(json.loads(zlib.decompress(bytes(blob))))

    def scored(self, text: str, k: int = 3) -> tuple[list[Scored], float]:
        """The k likeliest categories, and the share of the text's features the model knows."""
        found = features(text)
        known = [self.weights[f] for f in found if f in self.weights]
        if not known:
            return [], 0.0
        scores = [p + len(known) * u for p, u in zip(self.priors, self.unseen, strict=True)]
        for postings in known:
            for i, weight in postings:
                scores[int(i)] += weight
        # Naive Bayes is sure of itself on long texts: tempered, so that confidence compares.
        temper = math.sqrt(len(known))
        top = max(scores)
        exp = [math.exp((s - top) / temper) for s in scores]
        total = sum(exp)
        best = heapq.nlargest(k, range(len(scores)), key=scores.__getitem__)
        return [Scored(self.categories[i], exp[i] / total) for i in best], len(known) / len(found)
