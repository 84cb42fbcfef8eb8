"""The access walk's rows for problem clusters (listening/): the back-office's clusters for
the staff of the bodies whose appeals they read, and in a cluster the appeals they may see;
its answer as a whole for the body's head and executors; its proposals to change a rule for
the head and the controllers over the body. The public problem questions for anyone."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from appeals.models import Appeal
from listening.models import ClusterMember, ProblemCluster, RuleChange
from tests.security.access_table import Row, backoffice, page, to
from tests.security.access_world import AGENCY_STAFF, EVERYONE, STAFF, World

Status = Appeal.Status
ANSWERING = frozenset({"head", "executor"})
TRACKING = frozenset({"head", "controller"})


def cluster(w: World) -> ProblemCluster:
    """A cluster of the citizen's appeal (in the row's status), made once per world."""
    if "_cluster" not in w.__dict__:
        now, appeal = timezone.now(), w.appeal
        made = ProblemCluster.objects.create(
            agency_id=appeal.agency_id, category_id=appeal.category_id,
            region_id=appeal.region_id, created_at=now, last_appeal_at=now, appeals=1,
            applicants=1,
        )  # fmt: skip
        ClusterMember.objects.create(
            cluster=made, appeal=appeal, applicant_id=appeal.applicant_id, joined_at=now
        )
        w.__dict__["_cluster"] = made
    return w.__dict__["_cluster"]


def change(w: World) -> RuleChange:
    if "_change" not in w.__dict__:
        w.__dict__["_change"] = RuleChange.objects.create(
            cluster=cluster(w), proposal="Согласовывать графики промывки с ОСИ.",
            proposed_by=w.people.head, proposed_at=timezone.now(),
        )  # fmt: skip
    return w.__dict__["_change"]


def cluster_pk(w: World) -> int:
    return cluster(w).pk


def change_pk(w: World) -> int:
    return change(w).pk


def answered(w: World) -> tuple[Any, ...]:
    state = ProblemCluster.objects.filter(pk=cluster(w).pk).values_list("status", "answered_at")
    return (*state.get(), Appeal.objects.get(pk=w.appeal.pk).status)


def proposals(w: World) -> int:
    return RuleChange.objects.filter(cluster=cluster(w)).count()


def change_state(w: World) -> tuple[Any, ...]:
    return RuleChange.objects.filter(pk=change(w).pk).values_list("status", "outcome").get()


ANSWER = {"kind": "explained", "text": "Отопление восстановлено после замены участка теплотрассы."}
CLUSTER = to("listening:cluster", cluster_pk)

LISTENING_ROWS: list[Row] = [
    backoffice("listening:clusters", STAFF),
    backoffice("listening:cluster", AGENCY_STAFF, url=CLUSTER, sees=AGENCY_STAFF),
    backoffice("listening:answer", ANSWERING, url=to("listening:answer", cluster_pk),
               status=Status.IN_PROGRESS, sees=ANSWERING),
    backoffice("listening:answer", ANSWERING, "POST", url=to("listening:answer", cluster_pk),
               status=Status.IN_PROGRESS, data=lambda w: ANSWER, effect=answered),
    backoffice("listening:propose", TRACKING, url=to("listening:propose", cluster_pk)),
    backoffice("listening:propose", TRACKING, "POST", url=to("listening:propose", cluster_pk),
               data=lambda w: {"proposal": "Изменить порядок промывки сетей."},
               effect=proposals, lands=CLUSTER),
    backoffice("listening:move", TRACKING, url=to("listening:move", change_pk)),
    backoffice("listening:move", TRACKING, "POST", url=to("listening:move", change_pk),
               data=lambda w: {"status": "in_review"}, effect=change_state,
               lands=lambda w: to("listening:cluster", lambda _: change(w).cluster_id)(w)),
    page("problems:index", EVERYONE),
    page("problems:body", EVERYONE, url=lambda w: f"/problems/body/{w.people.agency.code}/"),
    page("problems:region", EVERYONE, url=to("problems:region", lambda w: "KZ-75")),
]  # fmt: skip
