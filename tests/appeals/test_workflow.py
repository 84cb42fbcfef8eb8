from __future__ import annotations

import datetime
import re
from collections.abc import Callable

import pytest
import time_machine
from django.utils import timezone

from accounts.models import User
from agencies.models import Agency
from agencies.workdays import ALMATY
from appeals.models import Appeal, AppealEvent
from appeals.services import (
    appeal_answer,
    appeal_assign,
    appeal_extend,
    appeal_forward,
    appeal_submit_on_behalf,
    appeal_terminate,
    appeal_withdraw,
    extension_limit,
)
from appeals.workflow import Action, allowed_actions
from core.refusals import ActionRefused
from notifications.models import Notification
from tests.conftest import People, appeal_fields, submit_appeal

pytestmark = pytest.mark.django_db
Status = Appeal.Status
MakeAppeal = Callable[[str], Appeal]


def kinds_sent_to(user: User) -> list[str]:
    return list(
        Notification.objects.filter(recipient=user).order_by("pk").values_list("kind", flat=True)
    )


def test_submitting_writes_the_appeal_its_event_and_a_notification(people: People) -> None:
    appeal = submit_appeal(people.citizen, people.agency)
    assert appeal.status == Status.SUBMITTED
    assert appeal.reference.startswith(f"ЗТ-{timezone.now().astimezone(ALMATY).year}-")
    event = appeal.events.get()
    assert (event.action, event.actor, event.to_agency) == (
        "appeal.submitted", people.citizen, people.agency,
    )  # fmt: skip
    notification = Notification.objects.get(recipient=people.citizen)
    assert appeal.reference in notification.subject


def test_the_citizen_is_notified_in_their_language(people: People) -> None:
    User.objects.filter(pk=people.citizen.pk).update(preferred_language="kk")
    people.citizen.refresh_from_db()
    submit_appeal(people.citizen, people.agency)
    assert "өтінішіңіз" in Notification.objects.get(recipient=people.citizen).subject.lower()


def test_the_full_route_is_recorded(people: People, appeal_in: MakeAppeal) -> None:
    appeal = appeal_in(Status.ANSWERED)
    actions = list(appeal.events.order_by("pk").values_list("action", "from_status", "to_status"))
    assert actions == [
        ("appeal.submitted", "", "submitted"),
        ("appeal.registered", "submitted", "registered"),
        ("appeal.assigned", "registered", "in_progress"),
        ("appeal.answered", "in_progress", "answered"),
    ]
    assert appeal.answered_at is not None
    assert kinds_sent_to(people.citizen) == [
        "appeal.submitted", "appeal.registered", "appeal.answered",
    ]  # fmt: skip


def test_forwarding_moves_the_appeal_to_the_new_agencys_queue(
    people: People, appeal_in: MakeAppeal
) -> None:
    appeal = appeal_in(Status.IN_PROGRESS)
    appeal = appeal_forward(
        appeal_id=appeal.pk, actor=people.head, to_agency=people.other_agency, reason="Не наш район"
    )
    assert (appeal.status, appeal.agency, appeal.executor) == (
        Status.SUBMITTED, people.other_agency, None,
    )  # fmt: skip
    assert appeal.forward_count == 1
    event = appeal.events.latest("pk")
    assert (event.from_agency, event.to_agency, event.comment) == (
        people.agency, people.other_agency, "Не наш район",
    )  # fmt: skip
    assert event.data == {"late": False}
    assert kinds_sent_to(people.citizen)[-1] == "appeal.forwarded"


def test_forwarding_needs_a_reason(people: People, appeal_in: MakeAppeal) -> None:
    appeal = appeal_in(Status.SUBMITTED)
    with pytest.raises(ActionRefused):
        appeal_forward(
            appeal_id=appeal.pk, actor=people.registrar, to_agency=people.other_agency, reason=" "
        )


def test_reassigning_is_recorded_as_such(people: People, appeal_in: MakeAppeal) -> None:
    appeal = appeal_in(Status.IN_PROGRESS)
    other_executor = people.executor
    appeal_assign(
        appeal_id=appeal.pk, actor=people.head, executor=other_executor, instruction="Срочно"
    )
    event = appeal.events.latest("pk")
    assert (event.action, event.comment) == ("appeal.reassigned", "Срочно")


def test_only_an_executor_of_the_agency_can_be_assigned(
    people: People, appeal_in: MakeAppeal
) -> None:
    appeal = appeal_in(Status.REGISTERED)
    with pytest.raises(ActionRefused):
        appeal_assign(appeal_id=appeal.pk, actor=people.head, executor=people.registrar)


def test_extending_once_up_to_two_months(people: People, appeal_in: MakeAppeal) -> None:
    # Received on Tuesday 10 February 2026: two months later is Friday 10 April, a working
    # day (on the real date, it may be a holiday, which no deadline may be).
    with time_machine.travel(datetime.datetime(2026, 2, 10, 10, 0, tzinfo=ALMATY)):
        appeal = appeal_in(Status.IN_PROGRESS)
        limit = extension_limit(appeal)
        assert limit == datetime.date(2026, 4, 10)
        with pytest.raises(ActionRefused, match=re.escape("10.04.2026")):
            appeal_extend(
                appeal_id=appeal.pk, actor=people.head, until=limit + datetime.timedelta(days=1),
                reason="Экспертиза",
            )  # fmt: skip
        previous_due = appeal.due_at
        appeal = appeal_extend(
            appeal_id=appeal.pk, actor=people.head, until=limit, reason="Экспертиза"
        )
        assert appeal.original_due_at == previous_due
        assert appeal.due_at.astimezone(ALMATY).date() == limit
        assert kinds_sent_to(people.citizen)[-1] == "appeal.extended"
        with pytest.raises(ActionRefused):
            appeal_extend(appeal_id=appeal.pk, actor=people.head, until=limit, reason="Ещё раз")


def test_terminating_needs_a_statutory_reason(people: People, appeal_in: MakeAppeal) -> None:
    appeal = appeal_in(Status.REGISTERED)
    with pytest.raises(ActionRefused):
        appeal_terminate(appeal_id=appeal.pk, actor=people.head, reason="because")
    appeal = appeal_terminate(appeal_id=appeal.pk, actor=people.head, reason="court")
    assert (appeal.status, appeal.termination_reason) == (Status.TERMINATED, "court")


def test_an_answered_appeal_cannot_be_withdrawn(people: People, appeal_in: MakeAppeal) -> None:
    appeal = appeal_in(Status.ANSWERED)
    with pytest.raises(ActionRefused):
        appeal_withdraw(appeal_id=appeal.pk, actor=people.citizen)


def test_a_refused_action_changes_nothing(people: People, appeal_in: MakeAppeal) -> None:
    appeal = appeal_in(Status.REGISTERED)
    events = appeal.events.count()
    with pytest.raises(ActionRefused):
        appeal_answer(appeal_id=appeal.pk, actor=people.executor, kind="explained", text="x")
    appeal.refresh_from_db()
    assert appeal.status == Status.REGISTERED
    assert appeal.events.count() == events


def test_the_buttons_are_exactly_the_allowed_actions(people: People, appeal_in: MakeAppeal) -> None:
    appeal = appeal_in(Status.IN_PROGRESS)
    assert allowed_actions(people.head, appeal) == [
        Action.FORWARD, Action.ASSIGN, Action.ANSWER, Action.EXTEND, Action.TERMINATE,
        Action.HEAR, Action.ASK,
    ]  # fmt: skip
    assert allowed_actions(people.executor, appeal) == [Action.ANSWER, Action.HEAR, Action.ASK]
    assert allowed_actions(people.registrar, appeal) == [Action.FORWARD]
    assert allowed_actions(people.controller, appeal) == []
    assert allowed_actions(people.citizen, appeal) == [Action.WITHDRAW]


def test_a_front_office_operator_submits_for_a_walk_in_citizen(people: People) -> None:
    walk_in = {"iin": "850210400505", "full_name": "Ержан Walk-in"}
    fields = appeal_fields(people.agency)
    appeal = appeal_submit_on_behalf(operator=people.front_office, **walk_in, **fields)
    citizen = appeal.applicant
    assert citizen.iin_bin == "850210400505"
    assert not citizen.has_usable_password()
    first = appeal.events.get()
    assert (first.actor, first.data) == (people.front_office, {"on_behalf": True})
    again = appeal_submit_on_behalf(operator=people.front_office, **walk_in, **fields)
    assert again.applicant == citizen


def test_only_front_office_operators_submit_on_behalf(people: People) -> None:
    with pytest.raises(ActionRefused):
        appeal_submit_on_behalf(operator=people.registrar, iin="850210400505", full_name="X")


def test_an_inactive_agency_cannot_be_addressed(people: People) -> None:
    with pytest.raises(ActionRefused):
        submit_appeal(people.citizen, Agency.objects.get(code="mon"))


def test_events_are_never_lost_or_doubled(people: People, appeal_in: MakeAppeal) -> None:
    appeal_in(Status.ANSWERED)
    assert AppealEvent.objects.count() == 4
