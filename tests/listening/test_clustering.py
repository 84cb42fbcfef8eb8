"""The clustering job: who is grouped with whom, the watermark, reruns and batches."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from accounts.models import User
from listening.clustering import clustering_batch, clustering_catch_up
from listening.models import ClusteringState, ClusterMember, ClusterRule, ProblemCluster
from tests.factories import UserFactory
from tests.listening.world import START, appeal, evaluation_set_load

pytestmark = pytest.mark.django_db

PIPE = "Во дворе дома по улице Толе би, 85 прорвало трубу, вода заливает подвал и двор."
PIPE_AGAIN = "Прорвало трубу у дома Толе би 85, вода заливает подвал, во дворе течёт вода."
DAY = datetime.timedelta(days=1)


def partition() -> set[frozenset[int]]:
    clusters: dict[int, set[int]] = {}
    for appeal_id, cluster_id in ClusterMember.objects.values_list("appeal_id", "cluster_id"):
        clusters.setdefault(cluster_id, set()).add(appeal_id)
    return {frozenset(members) for members in clusters.values()}


def test_two_people_about_one_problem_form_a_cluster() -> None:
    first, second = appeal(PIPE), appeal(PIPE_AGAIN, at=START + DAY)
    clustering_catch_up()
    cluster = ProblemCluster.objects.get()
    assert partition() == {frozenset({first.pk, second.pk})}
    assert (cluster.appeals, cluster.applicants) == (2, 2)
    assert cluster.last_appeal_at == second.received_at
    assert (cluster.agency_id, cluster.category_id) == (first.agency_id, first.category_id)


def test_a_third_person_joins_the_cluster() -> None:
    appeal(PIPE), appeal(PIPE_AGAIN, at=START + DAY)
    third = appeal("Прорыв трубы у дома Толе би 85, подвал затоплен водой, во дворе лужи.",
                   at=START + 2 * DAY)  # fmt: skip
    clustering_catch_up()
    cluster = ProblemCluster.objects.get()
    assert (cluster.appeals, cluster.applicants) == (3, 3)
    assert ClusterMember.objects.get(appeal_id=third.pk).cluster == cluster


def test_the_same_applicant_never_forms_a_cluster_alone() -> None:
    citizen: User = UserFactory.create()
    appeal(PIPE, applicant=citizen), appeal(PIPE_AGAIN, applicant=citizen, at=START + DAY)
    clustering_catch_up()
    assert not ProblemCluster.objects.exists()


@pytest.mark.parametrize("apart", [
    {"category": "housing-heating"},
    {"region": "KZ-71"},
    {"agency": "mtszn"},
])  # fmt: skip
def test_other_bodies_topics_and_regions_are_kept_apart(apart: dict[str, str]) -> None:
    appeal(PIPE), appeal(PIPE_AGAIN, at=START + DAY, **apart)  # type: ignore[arg-type]
    clustering_catch_up()
    assert not ProblemCluster.objects.exists()


@pytest.mark.parametrize(("days", "together"), [(6, True), (8, False)])
def test_only_appeals_within_the_rules_days_are_grouped(days: int, together: bool) -> None:
    ClusterRule.objects.update_or_create(category=None, defaults={"window_days": 7})
    appeal(PIPE), appeal(PIPE_AGAIN, at=START + days * DAY)
    clustering_catch_up()
    assert ProblemCluster.objects.exists() is together


def test_unlike_texts_stay_apart() -> None:
    appeal(PIPE)
    appeal("Во дворе дома сломаны качели на детской площадке, дети могут пораниться.",
           at=START + DAY)  # fmt: skip
    clustering_catch_up()
    assert not ProblemCluster.objects.exists()


def test_imported_appeals_and_complaints_are_passed_over_by_the_watermark() -> None:
    first = appeal(PIPE)
    appeal(PIPE_AGAIN, at=START + DAY, imported=True)
    last = appeal(PIPE_AGAIN, at=START + DAY, complaint_of=first)
    assert clustering_batch() == 3
    assert not ProblemCluster.objects.exists()
    assert ClusteringState.objects.get().last_appeal_id == last.pk


def test_an_appeal_not_yet_settled_waits_for_the_next_run() -> None:
    first = appeal(PIPE, at=timezone.now() - datetime.timedelta(hours=1))
    appeal(PIPE_AGAIN, at=timezone.now())
    assert clustering_batch() == 1
    assert ClusteringState.objects.get().last_appeal_id == first.pk
    assert clustering_batch(settle=datetime.timedelta(0)) == 1
    assert ProblemCluster.objects.exists()


def test_a_rerun_changes_nothing() -> None:
    appeal(PIPE), appeal(PIPE_AGAIN, at=START + DAY)
    clustering_catch_up()
    assert clustering_batch() == 0
    # A retry from an older watermark (a worker lost after its batch) adds nobody twice.
    ClusteringState.objects.update(last_appeal_id=0)
    assert clustering_batch() == 2
    cluster = ProblemCluster.objects.get()
    assert (cluster.appeals, cluster.applicants, ClusterMember.objects.count()) == (2, 2, 2)


def test_appeals_arriving_between_runs_end_in_the_same_clusters() -> None:
    first, second = appeal(PIPE), appeal(PIPE_AGAIN, at=START + DAY)
    clustering_catch_up()
    third = appeal("Прорыв трубы у дома Толе би 85, подвал затоплен водой, во дворе лужи.",
                   at=START + 2 * DAY)  # fmt: skip
    clustering_catch_up()
    assert partition() == {frozenset({first.pk, second.pk, third.pk})}
    assert ProblemCluster.objects.get().appeals == 3


def test_small_batches_find_the_clusters_one_batch_finds() -> None:
    evaluation_set_load()
    clustering_catch_up()
    whole = partition()
    ClusterMember.objects.all().delete()
    ProblemCluster.objects.all().delete()
    ClusteringState.objects.update(last_appeal_id=0)
    clustering_catch_up(batch=7)
    assert partition() == whole and len(whole) > 15
