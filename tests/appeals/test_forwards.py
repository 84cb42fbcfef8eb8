"""Forwards judged per hop: 3 working days from each body's own receipt; sending an appeal
back to a body it already left needs the head's reason and counts as a return."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

import pytest
import time_machine
from django.utils import translation

from accounts.models import User
from agencies.models import Agency
from agencies.workdays import ALMATY
from appeals.models import Appeal
from appeals.services import appeal_forward
from core.refusals import ActionRefused
from tests.conftest import People, submit_appeal
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def in_english() -> Iterator[None]:
    """The refusals are read in English here (the portal's default is Russian)."""
    with translation.override("en"):
        yield


def at(day: int, hour: int = 10) -> time_machine.travel:
    """A moment of March 2026 in Almaty (2 March is a Monday)."""
    return time_machine.travel(datetime.datetime(2026, 3, day, hour, tzinfo=ALMATY), tick=False)


def last_forward(appeal: Appeal) -> dict[str, object]:
    return dict(appeal.events.filter(action="appeal.forwarded").latest("pk").data)


@pytest.fixture
def third(people: People) -> Agency:
    """A third body, with a registrar and a head."""
    agency = Agency.objects.get(code="akimat-kz-11")
    for role in ("registrar", "head"):
        MembershipFactory.create(role=role, agency=agency)
    return agency


def staff_of(agency: Agency, role: str) -> User:
    return agency.memberships.get(role=role).user


def test_the_first_body_is_judged_from_the_receipt(people: People) -> None:
    with at(2):  # three working days end on Thursday 5 March
        on_time = submit_appeal(people.citizen, people.agency)
        late = submit_appeal(people.citizen, people.agency)
    with at(5, 17):
        appeal_forward(
            appeal_id=on_time.pk,
            actor=people.registrar,
            to_agency=people.other_agency,
            reason="Не наш",
        )
    with at(6, 9):
        appeal_forward(
            appeal_id=late.pk,
            actor=people.registrar,
            to_agency=people.other_agency,
            reason="Не наш",
        )
    assert last_forward(on_time) == {"late": False}
    assert last_forward(late) == {"late": True}


def test_the_next_body_is_judged_from_its_own_receipt(people: People, third: Agency) -> None:
    with at(2):
        appeal = submit_appeal(people.citizen, people.agency)
    with at(5, 17):
        appeal_forward(
            appeal_id=appeal.pk,
            actor=people.registrar,
            to_agency=people.other_agency,
            reason="Не наш",
        )
    # The second body passes it on the next morning: 4 working days after the citizen
    # wrote, 1 after it arrived there.
    with at(6, 9):
        appeal_forward(
            appeal_id=appeal.pk,
            actor=people.other_agency_head,
            to_agency=third,
            reason="Это Акмолинская область",
        )
    assert last_forward(appeal) == {"late": False}
    with at(16, 9):  # 6 working days after it reached the third body
        appeal_forward(
            appeal_id=appeal.pk,
            actor=staff_of(third, "registrar"),
            to_agency=Agency.objects.get(code="akimat-kz-15"),
            reason="Не наш",
        )
    assert last_forward(appeal) == {"late": True}


def test_sending_an_appeal_back_needs_the_heads_reason(people: People) -> None:
    appeal = submit_appeal(people.citizen, people.agency)
    appeal_forward(
        appeal_id=appeal.pk, actor=people.registrar, to_agency=people.other_agency, reason="Не наш"
    )
    registrar = MembershipFactory.create(role="registrar", agency=people.other_agency).user
    with pytest.raises(ActionRefused, match="only the head may send it back"):
        appeal_forward(
            appeal_id=appeal.pk,
            actor=registrar,
            to_agency=people.agency,
            reason="Обратно",
            return_reason="Там решат",
        )
    with pytest.raises(ActionRefused, match="give the reason for sending it back"):
        appeal_forward(
            appeal_id=appeal.pk,
            actor=people.other_agency_head,
            to_agency=people.agency,
            reason="Обратно",
        )
    appeal.refresh_from_db()
    assert (appeal.agency, appeal.forward_count) == (people.other_agency, 1)  # nothing changed
    appeal_forward(
        appeal_id=appeal.pk,
        actor=people.other_agency_head,
        to_agency=people.agency,
        reason="Обратно",
        return_reason="Дом на балансе города Алматы",
    )
    appeal.refresh_from_db()
    assert (appeal.agency, appeal.forward_count) == (people.agency, 2)
    assert last_forward(appeal) == {
        "late": False,
        "returned": True,
        "return_reason": "Дом на балансе города Алматы",
    }


def test_a_forward_to_a_new_body_is_no_return(people: People, third: Agency) -> None:
    appeal = submit_appeal(people.citizen, people.agency)
    appeal_forward(
        appeal_id=appeal.pk, actor=people.registrar, to_agency=people.other_agency, reason="Не наш"
    )
    appeal_forward(
        appeal_id=appeal.pk, actor=people.other_agency_head, to_agency=third, reason="Не наш"
    )
    assert "returned" not in last_forward(appeal)
