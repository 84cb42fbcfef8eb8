"""Parallel appeals: what the back-office and the API show of them to each role, and joining
one to the appeal the competent body answers (appeals/linked.py, appeals/joining.py)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from accounts.models import Membership, User
from appeals.joining import appeal_join
from appeals.models import Appeal, AppealLink
from appeals.services import appeal_answer, appeal_assign, appeal_register
from core.refusals import ActionRefused
from tests.appeals.linking_world import written
from tests.conftest import People, client_for
from tests.factories import MembershipFactory, api_token

pytestmark = pytest.mark.django_db
Status = Appeal.Status
OWN_TEXT = "Во дворе по Абая, 10 нет света, а ещё отопления нет в квартире 5 с ноября."
LEAD_TEXT = "По Абая, 10 в квартире 5 с ноября нет отопления, прошу тепло подать скорее."
LEAD_ANSWER = "Тепло подано 3 декабря после замены задвижки на вводе в дом."


def _pair(people: People) -> tuple[Appeal, Appeal]:
    """The citizen's open appeal to people.agency and its parallel to other_agency, linked."""
    own = written(people.citizen, "Нет отопления", OWN_TEXT, status=Status.REGISTERED)
    lead = written(people.citizen, "Отопление", LEAD_TEXT, status=Status.SUBMITTED,
                   agency=people.other_agency, addressee=people.other_agency)  # fmt: skip
    AppealLink.objects.create(appeal=lead, earlier=own, kind="parallel", similarity=0.5)
    return own, lead


def _page(user: User, appeal: Appeal) -> tuple[int, str]:
    response = client_for(user).get(f"/backoffice/appeals/appeal/{appeal.pk}/change/")
    return response.status_code, response.content.decode()


def test_staff_see_the_link_but_not_the_text_of_another_bodys_appeal(people: People) -> None:
    own, lead = _pair(people)
    for user in (people.head, people.registrar, people.controller):
        status, page = _page(user, own)
        assert status == 200 and lead.reference in page
        assert LEAD_TEXT not in page


def test_the_other_body_sees_the_link_from_its_side(people: People) -> None:
    own, lead = _pair(people)
    status, page = _page(people.other_agency_head, lead)
    assert status == 200 and own.reference in page and OWN_TEXT not in page


def test_staff_read_a_linked_appeal_of_their_own_body(people: People) -> None:
    own, _ = _pair(people)
    mine = written(people.citizen, "Отопление", LEAD_TEXT, status=Status.SUBMITTED)
    AppealLink.objects.create(appeal=mine, earlier=own, kind="parallel", similarity=0.5)
    assert LEAD_TEXT in _page(people.head, own)[1]


def test_nobody_else_opens_the_page(people: People) -> None:
    own, _ = _pair(people)
    for user in (people.citizen, people.other_citizen):
        assert _page(user, own)[0] == 302  # to the back-office's login
    assert _page(people.other_agency_head, own)[0] == 404
    anonymous = Client().get(f"/backoffice/appeals/appeal/{own.pk}/change/")
    assert anonymous.status_code == 302 and "/backoffice/login/" in anonymous["Location"]


def test_the_api_shows_the_link_without_another_bodys_text(people: People) -> None:
    own, lead = _pair(people)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {api_token(people.head)}")
    linked = api.get(f"/api/v1/staff/appeals/{own.pk}/").json()["linked"]
    assert [(x["reference"], x["kind"], x["text"]) for x in linked] == [
        (lead.reference, "parallel", None)
    ]


def _other_team(people: People) -> tuple[User, User]:
    """A head (who registers too) and an executor of other_agency."""
    executor = MembershipFactory.create(role=Membership.Role.EXECUTOR, agency=people.other_agency)
    return people.other_agency_head, executor.user


def test_joined_the_body_reads_the_leads_answer(people: People) -> None:
    own, lead = _pair(people)
    appeal_join(appeal_id=own.pk, actor=people.executor, lead=lead)
    assert LEAD_ANSWER not in _page(people.head, own)[1]
    head, executor = _other_team(people)
    appeal_register(appeal_id=lead.pk, actor=head)
    appeal_assign(appeal_id=lead.pk, actor=head, executor=executor)
    appeal_answer(appeal_id=lead.pk, actor=executor, kind="explained", text=LEAD_ANSWER,
                  override_warnings=True)  # fmt: skip
    assert list(own.events.values_list("action", flat=True))[-2:] == [
        "appeal.joined",
        "appeal.lead_answered",
    ]
    assert "appeal.parallel_joined" in lead.events.values_list("action", flat=True)
    page = _page(people.head, own)[1]
    assert LEAD_ANSWER in page and LEAD_TEXT not in page
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {api_token(people.head)}")
    joined = api.get(f"/api/v1/staff/appeals/{own.pk}/").json()["joined_to"]
    assert (joined["reference"], joined["answer_text"]) == (lead.reference, LEAD_ANSWER)


def test_joining_through_the_backoffice(people: People) -> None:
    own, lead = _pair(people)
    url = f"/backoffice/appeals/appeal/{own.pk}/act/join/"
    assert client_for(people.head).post(url, {"lead": lead.pk}).status_code == 302
    assert Appeal.objects.get(pk=own.pk).joined_to_id == lead.pk


def test_it_refuses_an_appeal_of_another_applicant(people: People) -> None:
    own, lead = _pair(people)
    Appeal.objects.filter(pk=lead.pk).update(applicant=people.other_citizen)
    with pytest.raises(ActionRefused):
        appeal_join(appeal_id=own.pk, actor=people.head, lead=lead)


def test_it_refuses_to_join_an_appeal_to_itself(people: People) -> None:
    own, _ = _pair(people)
    with pytest.raises(ActionRefused):
        appeal_join(appeal_id=own.pk, actor=people.head, lead=own)


def test_it_refuses_chains(people: People) -> None:
    own, lead = _pair(people)
    third = written(people.citizen, "Отопление", LEAD_TEXT, status=Status.SUBMITTED)
    AppealLink.objects.create(appeal=third, earlier=lead, kind="parallel", similarity=0.5)
    Appeal.objects.filter(pk=lead.pk).update(joined_to=third)
    with pytest.raises(ActionRefused):  # lead is joined to another: it cannot lead
        appeal_join(appeal_id=own.pk, actor=people.head, lead=lead)


def test_it_refuses_a_closed_appeal(people: People) -> None:
    own, lead = _pair(people)
    Appeal.objects.filter(pk=own.pk).update(status=Status.ANSWERED)
    with pytest.raises(ActionRefused):
        appeal_join(appeal_id=own.pk, actor=people.head, lead=lead)


def test_it_refuses_staff_of_another_body_and_the_registrar(people: People) -> None:
    own, lead = _pair(people)
    for user in (people.other_agency_head, people.registrar, people.controller):
        with pytest.raises(ActionRefused):
            appeal_join(appeal_id=own.pk, actor=user, lead=lead)


def _page_queries(user: User, appeal: Appeal) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert _page(user, appeal)[0] == 200
    return len(queries)


def test_the_links_cost_the_page_no_query_each(people: People) -> None:
    own, _ = _pair(people)
    one = _page_queries(people.head, own)
    for _ in range(4):
        other = written(people.citizen, "Отопление", LEAD_TEXT, status=Status.SUBMITTED,
                        agency=people.other_agency)  # fmt: skip
        AppealLink.objects.create(appeal=other, earlier=own, kind="parallel", similarity=0.4)
    assert _page_queries(people.head, own) == one
