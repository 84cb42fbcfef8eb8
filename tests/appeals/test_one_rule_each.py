"""Each staff rule is defined once and means the same in the back-office and the API: the
queues, and each action's service and inputs (appeals.selectors, appeals.workflow)."""

from __future__ import annotations

import datetime
import inspect
from collections.abc import Callable

import pytest
from django.urls import reverse
from django.utils import timezone

from appeals.api.serializers import ACTION_SERIALIZERS
from appeals.forms import ACTION_FORMS
from appeals.models import Appeal
from appeals.selectors import QUEUE_LABELS, Queue
from appeals.services import appeal_answer, appeal_assign
from appeals.workflow import STAFF_ACTIONS, TRANSITIONS, Action, service_for
from tests.api.test_api import api_as
from tests.conftest import People, client_for, submit_appeal

pytestmark = pytest.mark.django_db
ROLES = ("registrar", "executor", "head", "controller", "front_office", "other_agency_head")
LIST = reverse("backoffice:appeals_appeal_changelist")


def in_backoffice(people: People, role: str, queue: Queue) -> set[int]:
    response = client_for(getattr(people, role)).get(LIST, {"queue": queue.value})
    assert response.status_code == 200
    return {appeal.pk for appeal in response.context["cl"].result_list}


def in_api(people: People, role: str, queue: Queue) -> set[int]:
    body = api_as(getattr(people, role)).get(
        "/api/v1/staff/appeals/", {"queue": queue.value, "page_size": 200}
    )
    assert body.status_code == 200, body.json()
    return {appeal["id"] for appeal in body.json()["results"]}


def test_every_queue_lists_the_same_appeals_in_the_backoffice_and_the_api(
    people: People, appeal_in: Callable[[str], Appeal]
) -> None:
    made = [appeal_in(status) for status in ("submitted", "registered", "in_progress")]
    # Answered by the executor it was assigned to: in no "mine" queue any more.
    made.append(appeal_in("answered"))
    overdue = appeal_in("in_progress")
    Appeal.objects.filter(pk=overdue.pk).update(due_at=timezone.now() - datetime.timedelta(1))
    due_soon = appeal_in("registered")
    tomorrow = timezone.now() + datetime.timedelta(days=1)
    Appeal.objects.filter(pk=due_soon.pk).update(due_at=tomorrow)
    elsewhere = submit_appeal(people.citizen, people.other_agency)
    seen = set()
    for role in ROLES:
        for queue in Queue:
            listed = in_backoffice(people, role, queue)
            assert listed == in_api(people, role, queue), (role, queue)
            seen |= listed
    assert {appeal.pk for appeal in made} | {overdue.pk, due_soon.pk, elsewhere.pk} <= seen


def test_mine_is_what_is_assigned_to_me_and_still_to_answer(
    people: People, appeal_in: Callable[[str], Appeal]
) -> None:
    answered, open_ = appeal_in("answered"), appeal_in("in_progress")
    assert in_api(people, "executor", Queue.MINE) == {open_.pk}
    assert answered.executor_id == people.executor.pk


def test_every_queue_has_a_label() -> None:
    assert set(QUEUE_LABELS) == set(Queue)


@pytest.mark.parametrize("action", list(Action))
def test_each_action_names_a_service_that_takes_its_inputs(action: Action) -> None:
    parameters = inspect.signature(service_for(action)).parameters
    inputs = {item.name for item in TRANSITIONS[action].inputs}
    assert inputs | {"appeal_id", "actor"} == set(parameters)
    for item in TRANSITIONS[action].inputs:
        has_default = parameters[item.name].default is not inspect.Parameter.empty
        assert has_default == (not item.required), (action, item.name)


@pytest.mark.parametrize("action", list(Action))
def test_the_form_and_the_serializer_of_an_action_ask_for_its_inputs(action: Action) -> None:
    inputs = [item.name for item in TRANSITIONS[action].inputs]
    assert list(ACTION_FORMS[action].base_fields) == inputs
    assert list(ACTION_SERIALIZERS[action]().fields) == inputs
    required = [item.name for item in TRANSITIONS[action].inputs if item.required]
    form_required = [n for n, f in ACTION_FORMS[action].base_fields.items() if f.required]
    api_required = [n for n, f in ACTION_SERIALIZERS[action]().fields.items() if f.required]
    assert form_required == api_required == required


def test_every_staff_action_has_a_page_and_an_endpoint(
    people: People, appeal_in: Callable[[str], Appeal]
) -> None:
    appeal = appeal_in("registered")
    for action in STAFF_ACTIONS:
        page = reverse("backoffice:appeals_appeal_act", args=[appeal.pk, action.value])
        assert client_for(people.head).get(page).status_code in {200, 302}, action
        endpoint = reverse(f"api-{action.value}", args=[appeal.pk])
        assert endpoint == f"/api/v1/staff/appeals/{appeal.pk}/{action.value}/"


def test_an_assign_form_offers_only_the_agencys_executors(
    people: People, appeal_in: Callable[[str], Appeal]
) -> None:
    appeal = appeal_in("registered")
    form = ACTION_FORMS[Action.ASSIGN](appeal=appeal, actor=people.head)
    offered = set(form.fields["executor"].queryset)  # type: ignore[attr-defined]
    assert offered == {people.executor}
    serializer = ACTION_SERIALIZERS[Action.ASSIGN](
        data={"executor": people.other_agency_head.pk}, appeal=appeal, actor_id=people.head.pk
    )
    assert not serializer.is_valid()
    assert set(serializer.errors) == {"executor"}
    appeal_assign(appeal_id=appeal.pk, actor=people.head, executor=people.executor)
    answered = appeal_answer(appeal_id=appeal.pk, actor=people.executor, kind="explained",
                             text="Ответ.", override_warnings=True)  # fmt: skip
    assert answered.status == Appeal.Status.ANSWERED
