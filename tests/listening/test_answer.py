"""A cluster answered as a whole: through the workflow's answer for each appeal the sender
may answer, the others skipped with the reason; once only, whatever is sent again."""

from __future__ import annotations

import pytest
from django.urls import reverse

from appeals.models import Appeal, AppealEvent
from appeals.services import appeal_register
from core.refusals import ActionRefused
from listening.answering import cluster_answer
from listening.models import ProblemCluster
from tests.conftest import People
from tests.factories import MembershipFactory
from tests.listening.clusters import (
    appeals_to,
    citizens,
    client_in_english,
    cluster_of,
    in_progress,
)

pytestmark = pytest.mark.django_db
TEXT = "Отопление в домах по улице Абая восстановлено 5 декабря после замены участка теплотрассы."
KIND = "explained"
POSTED = {"kind": KIND, "text": TEXT}


def statuses(appeals: list[Appeal]) -> list[str]:
    return [Appeal.objects.get(pk=a.pk).status for a in appeals]


def test_the_head_answers_every_appeal_in_progress_and_skips_the_rest(people: People) -> None:
    appeals = appeals_to(people.agency, citizens(4))
    ready = [in_progress(people, a) for a in appeals[:2]]
    registered = appeal_register(appeal_id=appeals[2].pk, actor=people.registrar)
    cluster = cluster_of(appeals)
    page = client_in_english(people.head).post(
        reverse("listening:answer", args=[cluster.pk]), POSTED
    )
    assert page.status_code == 200
    text = page.content.decode()
    assert "2 appeals answered" in text and "2 appeals skipped" in text
    assert registered.reference in text and "“Registered”" in text
    assert statuses(appeals) == ["answered", "answered", "registered", "submitted"]
    for appeal in ready:
        answered = Appeal.objects.get(pk=appeal.pk)
        assert answered.answer_text == TEXT and answered.answered_at is not None
        # Each appeal's route records its own answer, the near-copy warning overridden.
        event = AppealEvent.objects.get(appeal=appeal, action="appeal.answered")
        assert event.actor == people.head
    cluster.refresh_from_db()
    assert cluster.status == ProblemCluster.Status.ANSWERED
    assert cluster.answered_by == people.head and cluster.answer_text == TEXT
    assert cluster.answered_at is not None


def test_a_replayed_answer_answers_nothing_twice(people: People) -> None:
    appeals = [in_progress(people, a) for a in appeals_to(people.agency, citizens(2))]
    cluster = cluster_of(appeals)
    client, url = client_in_english(people.head), reverse("listening:answer", args=[cluster.pk])
    client.post(url, POSTED)
    events = AppealEvent.objects.filter(action="appeal.answered").count()
    again = client.post(url, {**POSTED, "text": TEXT + " Повторно."})
    assert again.status_code == 302 and again["Location"] == reverse(
        "listening:cluster", args=[cluster.pk]
    )
    assert AppealEvent.objects.filter(action="appeal.answered").count() == events == 2
    cluster.refresh_from_db()
    assert cluster.answer_text == TEXT
    with pytest.raises(ActionRefused):
        cluster_answer(cluster_id=cluster.pk, actor=people.head, kind=KIND, text=TEXT)


def test_an_executor_answers_only_the_appeals_assigned_to_him(people: People) -> None:
    appeals = [in_progress(people, a) for a in appeals_to(people.agency, citizens(2))]
    colleague = MembershipFactory.create(role="executor", agency=people.agency).user
    cluster = cluster_of(appeals)
    result = cluster_answer(cluster_id=cluster.pk, actor=colleague, kind=KIND, text=TEXT)
    assert result.answered == []
    assert [reason for _, reason in result.skipped] == [
        "Only the assigned executor or the head may answer."
    ] * 2
    cluster.refresh_from_db()
    assert cluster.status == ProblemCluster.Status.OPEN  # nothing answered: still open
    result = cluster_answer(cluster_id=cluster.pk, actor=people.executor, kind=KIND, text=TEXT)
    assert len(result.answered) == 2 and statuses(appeals) == ["answered", "answered"]


def test_who_may_not_answer_is_refused_and_nothing_changes(people: People) -> None:
    appeals = [in_progress(people, a) for a in appeals_to(people.agency, citizens(2))]
    cluster = cluster_of(appeals)
    url = reverse("listening:answer", args=[cluster.pk])
    for user in (people.registrar, people.controller, people.front_office):
        assert client_in_english(user).post(url, POSTED).status_code == 404
        with pytest.raises(ActionRefused):
            cluster_answer(cluster_id=cluster.pk, actor=user, kind=KIND, text=TEXT)
    assert client_in_english(people.other_agency_head).post(url, POSTED).status_code == 404
    assert statuses(appeals) == ["in_progress", "in_progress"]
    cluster.refresh_from_db()
    assert cluster.status == ProblemCluster.Status.OPEN


def test_a_refusal_the_check_blocks_is_skipped_for_each(people: People) -> None:
    appeals = [in_progress(people, a) for a in appeals_to(people.agency, citizens(2))]
    cluster = cluster_of(appeals)
    result = cluster_answer(
        cluster_id=cluster.pk, actor=people.head, kind="refused", text="Отказать."
    )
    assert result.answered == [] and len(result.skipped) == 2
    assert statuses(appeals) == ["in_progress", "in_progress"]


def test_the_form_lists_the_appeals_and_asks_for_text(people: People) -> None:
    appeals = appeals_to(people.agency, citizens(2))
    cluster = cluster_of(appeals)
    client, url = client_in_english(people.head), reverse("listening:answer", args=[cluster.pk])
    form = client.get(url).content.decode()
    assert appeals[0].reference in form and appeals[1].reference in form
    empty = client.post(url, {"kind": "explained", "text": ""})
    assert empty.status_code == 200 and "This field is required." in empty.content.decode()
