"""Two workers run the clustering job at the same moment: one takes the batches, the other
finds the state locked and leaves; no appeal is in two clusters, no count is off."""

from __future__ import annotations

import datetime

import pytest
from django.db.models import Count

from listening.clustering import clustering_catch_up
from listening.models import ClusteringState, ClusterMember, ProblemCluster
from tests.listening.world import START, appeal
from tests.threads import run_together

# Real transactions in separate connections: the test's own transaction would hide
# each side's work from the other.
pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_after_flush"),
]

PROBLEMS = (
    "Во дворе дома по улице Толе би, 85 прорвало трубу, вода заливает подвал.",
    "Автобус маршрута 12 перестал ходить в микрорайон Коктал, остановки пустые.",
    "В микрорайоне Нурсат бегает стая бездомных собак, нападают на детей у школы.",
    "На проспекте Абая не горят фонари уличного освещения, вечером темно.",
)


def test_two_workers_at_once_cluster_each_appeal_once() -> None:
    last = None
    for n in range(40):
        last = appeal(PROBLEMS[n % len(PROBLEMS)], at=START + datetime.timedelta(minutes=n))
    outcomes = run_together(lambda: clustering_catch_up(batch=5),
                            lambda: clustering_catch_up(batch=5))  # fmt: skip
    assert outcomes == ["won", "won"]
    clustering_catch_up(batch=5)  # what the worker that left would have done next run
    assert last is not None and ClusteringState.objects.get().last_appeal_id == last.pk
    assert ClusterMember.objects.count() == 40
    assert ProblemCluster.objects.count() == len(PROBLEMS)
    counted = ProblemCluster.objects.annotate(joined=Count("members"))
    assert all(c.appeals == c.joined == c.applicants == 10 for c in counted)
