from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from appeals.models import Appeal
from appeals.services import appeal_assign, appeal_forward
from appeals.views.my_appeals import PAGE_SIZE
from tests.conftest import People, client_for, submit_appeal

pytestmark = pytest.mark.django_db
MINE = reverse("appeals:mine")


def detail(appeal: Appeal) -> str:
    return reverse("appeals:detail", args=[appeal.pk])


def withdraw(appeal: Appeal) -> str:
    return reverse("appeals:withdraw", args=[appeal.pk])


@pytest.mark.parametrize("url", ["mine", "detail", "withdraw"])
def test_anonymous_visitors_are_sent_to_log_in(client: Client, people: People, url: str) -> None:
    appeal = submit_appeal(people.citizen, people.agency)
    target = {"mine": MINE, "detail": detail(appeal), "withdraw": withdraw(appeal)}[url]
    response = client.post(target) if url == "withdraw" else client.get(target)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_another_citizen_learns_nothing(people: People) -> None:
    appeal = submit_appeal(people.citizen, people.agency)
    other = client_for(people.other_citizen)
    assert other.get(detail(appeal)).status_code == 404
    assert other.post(withdraw(appeal)).status_code == 404
    assert appeal.reference not in other.get(MINE).content.decode()
    appeal.refresh_from_db()
    assert appeal.status == Appeal.Status.SUBMITTED


def test_staff_get_no_citizen_view_of_others_appeals(people: People) -> None:
    appeal = submit_appeal(people.citizen, people.agency)
    assert client_for(people.head).get(detail(appeal)).status_code == 404


def test_my_appeals_lists_mine_and_filters_by_status(
    people: People, appeal_in: Callable[[str], Appeal]
) -> None:
    answered, submitted = appeal_in("answered"), appeal_in("submitted")
    content = client_for(people.citizen).get(MINE).content.decode()
    assert answered.reference in content and submitted.reference in content
    only_answered = client_for(people.citizen).get(MINE + "?status=answered").content.decode()
    assert answered.reference in only_answered
    assert submitted.reference not in only_answered


def test_the_timeline_shows_each_step_and_public_reasons_only(
    people: People, appeal_in: Callable[[str], Appeal]
) -> None:
    appeal = appeal_in("registered")
    appeal_assign(
        appeal_id=appeal.pk, actor=people.head, executor=people.executor, instruction="Внутреннее"
    )
    appeal_forward(
        appeal_id=appeal.pk, actor=people.head, to_agency=people.other_agency, reason="Не наш район"
    )
    response = client_for(people.citizen).get(detail(appeal))
    texts = [text for _, text, _ in response.context["timeline"]]
    assert len(texts) == 4
    content = response.content.decode()
    assert "Не наш район" in content
    assert "Внутреннее" not in content
    assert people.other_agency.name_ru in content


def test_withdrawing_an_open_appeal(people: People) -> None:
    appeal = submit_appeal(people.citizen, people.agency)
    response = client_for(people.citizen).post(withdraw(appeal), {"comment": "Решилось"})
    assert response.status_code == 302
    appeal.refresh_from_db()
    assert appeal.status == Appeal.Status.WITHDRAWN
    assert appeal.events.latest("pk").comment == "Решилось"


def test_an_answered_appeal_offers_no_withdrawal(
    people: People, appeal_in: Callable[[str], Appeal]
) -> None:
    appeal = appeal_in("answered")
    client = client_for(people.citizen)
    assert client.get(detail(appeal)).context["can_withdraw"] is False
    response = client.post(withdraw(appeal), follow=True)
    assert [m.level_tag for m in response.context["messages"]] == ["error"]


def test_my_appeals_runs_a_bounded_number_of_queries(
    people: People, django_assert_max_num_queries: Any
) -> None:
    for _ in range(25):
        submit_appeal(people.citizen, people.agency)
    client = client_for(people.citizen)
    with django_assert_max_num_queries(6):
        assert client.get(MINE).status_code == 200


def test_the_confirmation_page_is_the_applicants_only(client: Client, people: People) -> None:
    appeal = submit_appeal(people.citizen, people.agency)
    url = reverse("appeals:sent", args=[appeal.pk])
    assert client_for(people.citizen).get(url).status_code == 200
    assert client_for(people.other_citizen).get(url).status_code == 404
    assert client_for(people.head).get(url).status_code == 404
    assert client.get(url)["Location"].startswith("/accounts/login/")


def test_an_overdue_appeal_says_so_in_words_not_colour_alone(
    people: People, appeal_in: Callable[[str], Appeal]
) -> None:
    late, on_time = appeal_in("in_progress"), appeal_in("in_progress")
    Appeal.objects.filter(pk=late.pk).update(due_at=timezone.now() - datetime.timedelta(days=1))
    client = client_for(people.citizen)
    tag = '<strong class="govuk-tag govuk-tag--red">Overdue</strong>'
    listed = client.get(MINE, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert listed.count(tag) == 1
    assert client.get(detail(late), HTTP_ACCEPT_LANGUAGE="en").content.decode().count(tag) == 1
    assert tag not in client.get(detail(on_time), HTTP_ACCEPT_LANGUAGE="en").content.decode()


def test_my_appeals_stack_on_a_phone_with_a_label_in_each_cell(people: People) -> None:
    submit_appeal(people.citizen, people.agency)
    content = client_for(people.citizen).get(MINE, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert re.search(r'<table class="govuk-table stack\b', content)
    cells = re.findall(r'<td class="govuk-table__cell"( data-label="[^"]+")?', content)
    assert len(cells) == 6 and all(cells)


def test_my_appeals_pages_keep_the_status_and_drop_an_unknown_one(people: People) -> None:
    for _ in range(PAGE_SIZE + 1):
        submit_appeal(people.citizen, people.agency)
    client = client_for(people.citizen)
    first = client.get(MINE + "?status=submitted").content.decode()
    assert 'class="govuk-pagination"' in first
    assert 'href="?status=submitted&amp;page=2" rel="next"' in first
    assert re.search(r'href="\?status=submitted&amp;page=1"[^>]*aria-current="page"', first)
    unknown = client.get(MINE + '?status="><b>x').content.decode()
    assert 'href="?page=2" rel="next"' in unknown and "&lt;b&gt;x" not in unknown
