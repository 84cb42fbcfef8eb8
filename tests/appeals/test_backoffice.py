from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Membership, User
from agencies.models import Agency, AppealType, Category
from appeals.models import Appeal
from tests.conftest import People, client_for, submit_appeal
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db
LIST = reverse("backoffice:appeals_appeal_changelist")


def page_of(appeal: Appeal) -> str:
    return reverse("backoffice:appeals_appeal_change", args=[appeal.pk])


def act_url(appeal: Appeal, action: str) -> str:
    return reverse("backoffice:appeals_appeal_act", args=[appeal.pk, action])


def listed(client: Client, query: str = "") -> set[str]:
    response = client.get(LIST + query)
    assert response.status_code == 200
    return {appeal.reference for appeal in response.context["cl"].result_list}


def test_anonymous_visitors_are_sent_to_log_in(client: Client) -> None:
    response = client.get(LIST)
    assert response.status_code == 302
    assert response["Location"].startswith("/backoffice/login/")


def test_a_citizen_cannot_log_in_to_the_back_office(client: Client, people: People) -> None:
    User.objects.filter(pk=people.citizen.pk).update(preferred_language="en")
    people.citizen.set_password("pw-123456")
    people.citizen.save()
    response = client.post(
        "/backoffice/login/", {"username": people.citizen.email, "password": "pw-123456"}
    )
    assert response.status_code == 200
    assert not response.context["form"].is_valid()
    assert client.get(LIST).status_code == 302


def test_staff_log_in_with_their_password(client: Client, people: People) -> None:
    people.registrar.set_password("pw-123456")
    people.registrar.save()
    response = client.post(
        "/backoffice/login/?next=" + LIST,
        {"username": people.registrar.email, "password": "pw-123456", "next": LIST},
    )
    assert response.status_code == 302
    assert client.get(LIST).status_code == 200


def test_staff_see_only_their_agencys_appeals(people: People) -> None:
    ours = submit_appeal(people.citizen, people.agency)
    theirs = submit_appeal(people.citizen, people.other_agency)
    for role in ("registrar", "executor", "head", "controller", "front_office"):
        assert listed(client_for(getattr(people, role))) == {ours.reference}, role
    assert listed(client_for(people.other_agency_head)) == {theirs.reference}
    assert client_for(people.other_agency_head).get(page_of(ours)).status_code == 404
    assert client_for(people.registrar).get(page_of(ours)).status_code == 200


def test_a_controller_oversees_the_bodies_below(people: People) -> None:
    district = Agency.objects.get(code="akimat-kz-75-almaly")
    appeal = submit_appeal(people.citizen, district)
    assert listed(client_for(people.controller)) == {appeal.reference}
    assert listed(client_for(people.registrar)) == set()


def test_a_controller_reads_but_has_no_buttons(
    people: People, appeal_in: Callable[[str], Appeal]
) -> None:
    appeal = appeal_in(Appeal.Status.IN_PROGRESS)
    response = client_for(people.controller).get(page_of(appeal))
    assert response.status_code == 200
    assert response.context["actions"] == []
    assert appeal.text in response.content.decode()


def test_the_page_shows_exactly_the_allowed_buttons(
    people: People, appeal_in: Callable[[str], Appeal]
) -> None:
    appeal = appeal_in(Appeal.Status.SUBMITTED)
    content = client_for(people.registrar).get(page_of(appeal)).content.decode()
    assert act_url(appeal, "register") in content
    assert act_url(appeal, "forward") in content
    assert act_url(appeal, "assign") not in content
    assert act_url(appeal, "answer") not in content


def test_registering_through_the_page(people: People, appeal_in: Callable[[str], Appeal]) -> None:
    appeal = appeal_in(Appeal.Status.SUBMITTED)
    client = client_for(people.registrar)
    assert client.get(act_url(appeal, "register")).status_code == 200
    response = client.post(act_url(appeal, "register"), {"comment": "ok"}, follow=True)
    assert response.redirect_chain[-1][0] == page_of(appeal)
    appeal.refresh_from_db()
    assert appeal.status == Appeal.Status.REGISTERED


def test_a_refused_action_says_why_and_changes_nothing(
    people: People, appeal_in: Callable[[str], Appeal]
) -> None:
    appeal = appeal_in(Appeal.Status.REGISTERED)
    client = client_for(people.executor)
    response = client.post(
        act_url(appeal, "answer"), {"kind": "explained", "text": "Ответ"}, follow=True
    )
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    appeal.refresh_from_db()
    assert appeal.status == Appeal.Status.REGISTERED


def test_a_form_error_keeps_what_was_typed(
    people: People, appeal_in: Callable[[str], Appeal]
) -> None:
    appeal = appeal_in(Appeal.Status.REGISTERED)
    response = client_for(people.head).post(act_url(appeal, "forward"), {"reason": "Не наше"})
    assert response.status_code == 200
    assert "to_agency" in response.context["form"].errors
    assert "Не наше" in response.content.decode()


def test_forwarding_out_of_sight_returns_to_the_queue(
    people: People, appeal_in: Callable[[str], Appeal]
) -> None:
    appeal = appeal_in(Appeal.Status.REGISTERED)
    response = client_for(people.head).post(
        act_url(appeal, "forward"), {"to_agency": people.other_agency.pk, "reason": "Не наше"}
    )
    assert response["Location"] == LIST
    assert listed(client_for(people.other_agency_head)) == {appeal.reference}


def test_nobody_deletes_or_edits_an_appeal(
    people: People, appeal_in: Callable[[str], Appeal]
) -> None:
    appeal = appeal_in(Appeal.Status.REGISTERED)
    client = client_for(people.head)
    delete = reverse("backoffice:appeals_appeal_delete", args=[appeal.pk])
    assert client.post(delete, {"post": "yes"}).status_code in {403, 404}
    assert client.post(page_of(appeal), {"subject": "x"}).status_code in {200, 403, 405}
    appeal.refresh_from_db()
    assert appeal.subject != "x"
    assert Appeal.objects.filter(pk=appeal.pk).exists()


@pytest.mark.parametrize(
    ("queue", "expected"),
    [
        ("registration", {"submitted"}),
        ("unit", {"registered", "in_progress"}),
        ("mine", {"in_progress"}),
        ("answered", {"answered"}),
    ],
)
def test_the_queues(
    people: People, appeal_in: Callable[[str], Appeal], queue: str, expected: set[str]
) -> None:
    made = {
        status: appeal_in(status)
        for status in ("submitted", "registered", "in_progress", "answered")
    }
    references = listed(client_for(people.executor), f"?queue={queue}")
    assert references == {made[status].reference for status in expected}


def test_the_overdue_queue(people: People, appeal_in: Callable[[str], Appeal]) -> None:
    late, on_time = appeal_in("registered"), appeal_in("registered")
    Appeal.objects.filter(pk=late.pk).update(due_at=late.received_at)
    assert listed(client_for(people.head), "?queue=overdue") == {late.reference}
    assert listed(client_for(people.head), "?overdue=no") == {on_time.reference}


def test_search_by_reference_iin_and_words(people: People) -> None:
    first = submit_appeal(people.citizen, people.agency, subject="Яма во дворе")
    second = submit_appeal(people.other_citizen, people.agency, subject="Нет воды")
    client = client_for(people.head)
    assert listed(client, f"?q={first.reference}") == {first.reference}
    assert listed(client, f"?q={people.other_citizen.iin_bin}") == {second.reference}
    assert listed(client, "?q=воды") == {second.reference}
    assert listed(client, "?q=Алия") == {first.reference}
    assert listed(client, "?q=' OR 1=1 --") == set()


def test_the_queue_never_counts_the_whole_table(people: People) -> None:
    submit_appeal(people.citizen, people.agency)
    with CaptureQueriesContext(connection) as queries:
        client_for(people.head).get(LIST)
    counts = [q["sql"] for q in queries.captured_queries if "COUNT(" in q["sql"].upper()]
    assert counts
    assert all("LIMIT 10001" in sql for sql in counts), counts


def test_the_queue_runs_a_bounded_number_of_queries(
    people: People, django_assert_max_num_queries: Any
) -> None:
    for _ in range(3):
        submit_appeal(people.citizen, people.agency)
    client = client_for(people.head)
    client.get(LIST)  # warm the session
    with CaptureQueriesContext(connection) as few:
        client.get(LIST)
    for _ in range(30):
        submit_appeal(people.citizen, people.agency)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(LIST)
    assert len(few.captured_queries) <= 12


def test_the_appeal_page_runs_a_bounded_number_of_queries(
    people: People, appeal_in: Callable[[str], Appeal], django_assert_max_num_queries: Any
) -> None:
    appeal = appeal_in(Appeal.Status.ANSWERED)
    client = client_for(people.head)
    # 11: one read of the applicant's repeats and parallels (appeals/linked.py) since issue 23.
    with django_assert_max_num_queries(11):
        assert client.get(page_of(appeal)).status_code == 200


def test_a_front_office_operator_sends_a_walk_in_appeal(people: People) -> None:
    client = client_for(people.front_office)
    url = reverse("backoffice:appeals_appeal_front_office")
    assert client.get(url).status_code == 200
    fields = {
        "iin": "850210400505", "full_name": "Ержан Walk-in", "email": "", "phone": "+77011234567",
        "appeal_type": AppealType.objects.get(code="application").pk,
        "category": Category.objects.get(code="housing-heating").pk,
        "region": people.agency.region_id, "addressee": people.agency.pk, "subject": "Справка",
        "text": "Прошу справку", "language": "ru",
    }  # fmt: skip
    response = client.post(url, fields)
    assert response.status_code == 302, response.context["form"].errors
    appeal = Appeal.objects.get(applicant__iin_bin="850210400505")
    assert appeal.agency == people.agency


def test_only_front_office_operators_open_the_desk(people: People) -> None:
    url = reverse("backoffice:appeals_appeal_front_office")
    assert client_for(people.registrar).get(url).status_code == 404


def test_a_membership_that_ended_closes_the_back_office(people: People) -> None:
    Membership.objects.filter(user=people.registrar).update(is_active=False)
    assert client_for(people.registrar).get(LIST).status_code == 302
    MembershipFactory(user=people.registrar, agency=people.agency, role="executor")
    assert client_for(people.registrar).get(LIST).status_code == 200


BACKOFFICE_ROLES = ["registrar", "executor", "head", "controller", "front_office"]
# action: (status the appeal is in, roles of the agency that get the form)
ACTION_FORMS = {
    "register": ("submitted", {"registrar", "head"}),
    "forward": ("registered", {"registrar", "head"}),
    "assign": ("registered", {"head"}),
    "answer": ("in_progress", {"executor", "head"}),
    "extend": ("in_progress", {"head"}),
    "terminate": ("registered", {"head"}),
}


@pytest.mark.parametrize("action", ACTION_FORMS)
def test_each_action_page_by_role(
    people: People, appeal_in: Callable[[str], Appeal], action: str
) -> None:
    status, allowed = ACTION_FORMS[action]
    appeal = appeal_in(status)
    for role in BACKOFFICE_ROLES:
        response = client_for(getattr(people, role)).get(act_url(appeal, action))
        expected = 200 if role in allowed else 302
        assert response.status_code == expected, (action, role)
    # Outsiders do not learn the appeal exists.
    assert client_for(people.other_agency_head).get(act_url(appeal, action)).status_code == 404
    citizen = client_for(people.citizen).get(act_url(appeal, action))
    assert citizen.status_code == 302
    assert citizen["Location"].startswith("/backoffice/login/")
    assert Client().get(act_url(appeal, action))["Location"].startswith("/backoffice/login/")
