"""A change of rules proposed from a cluster and tracked to its outcome by the body's head
or a controller over it; the steps are shown on the cluster's page."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from core.refusals import ActionRefused
from listening.models import ProblemCluster, RuleChange
from listening.proposals import rule_change_move, rule_change_propose
from tests.conftest import People
from tests.listening.clusters import appeals_to, citizens, client_in_english, cluster_of

pytestmark = pytest.mark.django_db
PROPOSAL = "Изменить правила подключения к теплосетям: графики промывки согласовывать с ОСИ."


def test_the_head_proposes_and_a_controller_tracks_it_to_adoption(people: People) -> None:
    cluster = cluster_of(appeals_to(people.agency, citizens(2)))
    head = client_in_english(people.head)
    done = head.post(reverse("listening:propose", args=[cluster.pk]), {"proposal": PROPOSAL})
    assert done.status_code == 302
    change = RuleChange.objects.get(cluster=cluster)
    assert change.status == RuleChange.Status.PROPOSED and change.proposed_by == people.head
    cluster.refresh_from_db()
    assert cluster.status == ProblemCluster.Status.RULE_CHANGE
    controller, url = (
        client_in_english(people.controller),
        reverse("listening:move", args=[change.pk]),
    )
    assert controller.post(url, {"status": "in_review"}).status_code == 302
    change.refresh_from_db()
    assert change.status == RuleChange.Status.IN_REVIEW and change.decided_at is None
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    change.proposed_at -= datetime.timedelta(days=3)
    change.save(update_fields=["proposed_at"])
    adopted = {"status": "adopted", "outcome": "Приказ акимата № 12", "decided_on": yesterday}
    assert controller.post(url, adopted).status_code == 302
    change.refresh_from_db()
    assert change.status == RuleChange.Status.ADOPTED and change.outcome == "Приказ акимата № 12"
    assert change.decided_at is not None and timezone.localdate(change.decided_at) == yesterday
    page = head.get(reverse("listening:cluster", args=[cluster.pk])).content.decode()
    assert PROPOSAL in page and "Adopted" in page and "Приказ акимата № 12" in page
    # Each step is kept as taken: who moved it where, and when.
    steps = list(change.steps.order_by("taken_at", "pk").values_list("status", "actor"))
    assert steps == [("proposed", people.head.pk), ("in_review", people.controller.pk),
                     ("adopted", people.controller.pk)]  # fmt: skip
    assert "Under review: " in page and people.controller.full_name in page
    # Adopted is final: no next step.
    assert controller.get(url).status_code == 302
    with pytest.raises(ActionRefused):
        rule_change_move(change_id=change.pk, actor=people.head, status="rejected", outcome="x")


def test_an_outcome_needs_its_text_and_a_day_not_ahead(people: People) -> None:
    cluster = cluster_of(appeals_to(people.agency, citizens(2)))
    change = rule_change_propose(cluster_id=cluster.pk, actor=people.head, proposal=PROPOSAL)
    with pytest.raises(ActionRefused, match="Write the outcome"):
        rule_change_move(change_id=change.pk, actor=people.head, status="rejected")
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ActionRefused, match="between the proposal and today"):
        rule_change_move(
            change_id=change.pk, actor=people.head, status="rejected", outcome="Нет",
            decided_on=tomorrow,
        )  # fmt: skip
    page = client_in_english(people.head).post(
        reverse("listening:move", args=[change.pk]), {"status": "rejected"}
    )
    assert page.status_code == 200 and "Write the outcome" in page.content.decode()
    change.refresh_from_db()
    assert change.status == RuleChange.Status.PROPOSED


def test_others_may_not_propose_or_move(people: People) -> None:
    cluster = cluster_of(appeals_to(people.agency, citizens(2)))
    change = rule_change_propose(cluster_id=cluster.pk, actor=people.controller, proposal=PROPOSAL)
    for user in (people.executor, people.registrar, people.front_office, people.other_agency_head):
        client = client_in_english(user)
        propose = client.post(reverse("listening:propose", args=[cluster.pk]), {"proposal": "x"})
        move = client.post(reverse("listening:move", args=[change.pk]), {"status": "in_review"})
        assert propose.status_code == move.status_code == 404
        with pytest.raises(ActionRefused):
            rule_change_propose(cluster_id=cluster.pk, actor=user, proposal=PROPOSAL)
    assert RuleChange.objects.filter(cluster=cluster).count() == 1
    change.refresh_from_db()
    assert change.status == RuleChange.Status.PROPOSED


def test_an_answered_cluster_stays_answered_when_a_change_is_proposed(people: People) -> None:
    cluster = cluster_of(
        appeals_to(people.agency, citizens(2)), status=ProblemCluster.Status.ANSWERED
    )
    rule_change_propose(cluster_id=cluster.pk, actor=people.head, proposal=PROPOSAL)
    cluster.refresh_from_db()
    assert cluster.status == ProblemCluster.Status.ANSWERED
