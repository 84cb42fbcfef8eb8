"""The clustering of the evaluation set, tests/listening/data/clusters.jsonl, measured:
205 appeals of different people written by hand, line by line, for this test: 21 clusters
of 4 to 11 appeals about one concrete problem each, worded as different people write, some
in Kazakh, and 69 singletons, many of them hard negatives (docs/listening.md tells how).

Purity: of the appeals put in clusters, the share in their found cluster's majority true
cluster. Recall: of the pairs of one true cluster, the share put in one cluster.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from itertools import combinations

import pytest

from listening.clustering import clustering_catch_up
from listening.models import ClusterMember
from tests.listening.world import Labelled, evaluation_set_load

pytestmark = pytest.mark.django_db

# Measured on the set with the default rule (docs/listening.md gives the figures): a
# margin below them, so a change that makes clustering worse fails here.
PURITY_AT_LEAST = 0.95
RECALL_AT_LEAST = 0.60


def purity_and_recall(labelled: list[Labelled], found: dict[int, int]) -> tuple[float, float]:
    label_of = {row.appeal_id: row.label for row in labelled}
    members: dict[int, list[int]] = defaultdict(list)
    for appeal_id, cluster_id in found.items():
        members[cluster_id].append(appeal_id)
    majority = 0
    for appeal_ids in members.values():
        labels = Counter(label_of[a] or f"single-{a}" for a in appeal_ids)
        majority += labels.most_common(1)[0][1]
    purity = majority / len(found) if found else 0.0
    by_label: dict[str, list[int]] = defaultdict(list)
    for row in labelled:
        if row.label:
            by_label[row.label].append(row.appeal_id)
    pairs = [pair for ids in by_label.values() for pair in combinations(ids, 2)]
    together = sum(1 for a, b in pairs if a in found and found.get(a) == found.get(b))
    return purity, together / len(pairs)


def test_the_evaluation_set_is_clustered_purely_and_found_mostly() -> None:
    labelled = evaluation_set_load()
    clustering_catch_up()
    found = dict(ClusterMember.objects.values_list("appeal_id", "cluster_id"))
    purity, recall = purity_and_recall(labelled, found)
    print(f"clusters {len(set(found.values()))}, clustered appeals {len(found)}, "
          f"purity {purity:.3f}, recall {recall:.3f}")  # fmt: skip
    assert purity >= PURITY_AT_LEAST and recall >= RECALL_AT_LEAST
