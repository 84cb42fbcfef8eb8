"""The finder of repeats and parallels (appeals/linking.py): what it links, what it never
links, and the worker's task after each way of sending an appeal."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import override_settings
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.models import User
from appeals.linking import CANDIDATES, appeal_link, link_appeal, similar_earlier
from appeals.models import Appeal, AppealLink
from appeals.services import appeal_submit, appeal_submit_walk_in
from tests.appeals.linking_world import DAY, pair, written
from tests.appeals.test_submission import form_data
from tests.conftest import People, appeal_fields, client_for
from tests.factories import UserFactory, api_token, valid_iin
from tests.workers import asked_after_commit

pytestmark = pytest.mark.django_db
HEAT = (
    "Нет отопления",
    "В доме по улице Абая, 10, кв. 5 с 1 ноября нет отопления, батареи холодные.",
)
HEAT_AGAIN = (
    "Снова нет отопления",
    "Абая, 10, квартира 5: до сих пор нет отопления, батареи холодные.",
)
ROAD = ("Пенсия", "Прошу пересчитать мне пенсию: не учли стаж работы на заводе с 1985 года.")
KK_HEAT = ("Жылу жоқ", "Абай көшесі, 10-үй, 5-пәтерде 1 қарашадан бері жылу жоқ, батареялар суық.")
KK_HEAT_AGAIN = (
    "Әлі жылу жоқ",
    "Абай көшесі, 10-үй, 5-пәтерге әлі күнге дейін жылу берілмеді, батареялар суық.",
)


def _links(appeal: Appeal) -> list[tuple[int, str]]:
    return list(AppealLink.objects.filter(appeal=appeal).values_list("earlier_id", "kind"))


def test_it_links_a_repeat_of_an_answered_appeal_and_marks_it(people: People) -> None:
    earlier, later = pair(people.citizen, HEAT, HEAT_AGAIN)
    appeal_link(later.pk)
    assert _links(later) == [(earlier.pk, "repeat")]
    later.refresh_from_db()
    assert later.repeat_of_id == earlier.pk


def test_it_links_an_open_earlier_appeal_as_a_parallel(people: People) -> None:
    earlier, later = pair(people.citizen, HEAT, HEAT_AGAIN, open_earlier=True,
                          agency=people.other_agency)  # fmt: skip
    appeal_link(later.pk)
    assert _links(later) == [(earlier.pk, "parallel")]
    later.refresh_from_db()
    assert later.repeat_of_id is None  # a parallel is no repeat


def test_it_links_kazakh_texts(people: People) -> None:
    earlier, later = pair(people.citizen, KK_HEAT, KK_HEAT_AGAIN)
    assert [f.earlier_id for f in similar_earlier(later.pk)] == [earlier.pk]


def test_it_does_not_link_another_matter(people: People) -> None:
    _, later = pair(people.citizen, ROAD, HEAT_AGAIN)
    assert similar_earlier(later.pk) == []


def test_it_never_links_another_applicants_appeal(people: People) -> None:
    written(people.other_citizen, *HEAT)
    later = written(people.citizen, *HEAT_AGAIN, status=Appeal.Status.SUBMITTED)
    assert similar_earlier(later.pk) == []


@override_settings(LINK_PERIOD_DAYS=30)
def test_it_looks_back_only_over_the_period(people: People) -> None:
    _, later = pair(people.citizen, HEAT, HEAT_AGAIN, days_between=31)
    assert similar_earlier(later.pk) == []


def test_it_skips_a_withdrawn_earlier_appeal(people: People) -> None:
    earlier, later = pair(people.citizen, HEAT, HEAT_AGAIN)
    Appeal.objects.filter(pk=earlier.pk).update(status=Appeal.Status.WITHDRAWN)
    assert similar_earlier(later.pk) == []


def test_a_complaint_is_not_linked_to_the_appeal_it_is_about(people: People) -> None:
    earlier, later = pair(people.citizen, HEAT, HEAT_AGAIN)
    Appeal.objects.filter(pk=later.pk).update(complaint_of=earlier)
    assert similar_earlier(later.pk) == []


def test_the_task_run_twice_links_once(people: People) -> None:
    _earlier, later = pair(people.citizen, HEAT, HEAT_AGAIN)
    assert link_appeal.apply(args=(later.pk,)).get() == 1
    assert link_appeal.apply(args=(later.pk,)).get() == 1
    assert AppealLink.objects.filter(appeal=later).count() == 1


def test_a_repeat_chosen_by_staff_is_kept(people: People) -> None:
    _earlier, later = pair(people.citizen, HEAT, HEAT_AGAIN)
    chosen = written(people.citizen, *ROAD)
    Appeal.objects.filter(pk=later.pk).update(repeat_of=chosen)
    appeal_link(later.pk)
    later.refresh_from_db()
    assert later.repeat_of_id == chosen.pk


def _scheduled(callbacks: list[Any]) -> bool:
    return any(name == link_appeal.name for name, _ in asked_after_commit(callbacks))


def test_the_form_schedules_the_finder(
    people: People, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks() as callbacks:
        assert client_for(people.citizen).post("/appeals/new/", form_data()).status_code == 302
    assert _scheduled(callbacks)


def test_the_api_schedules_the_finder(
    people: People, django_capture_on_commit_callbacks: Any
) -> None:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {api_token(people.citizen)}")
    body = {
        "type": "application", "category": "housing-heating", "region": "KZ-75",
        "addressee": "akimat-kz-75", "subject": HEAT[0], "language": "ru", "text": HEAT[1],
        "consent": True,
    }  # fmt: skip
    with django_capture_on_commit_callbacks() as callbacks:
        assert client.post("/api/v1/appeals/", body, format="json").status_code == 201
    assert _scheduled(callbacks)


def test_a_walk_in_schedules_the_finder(
    people: People, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks() as callbacks:
        appeal_submit_walk_in(
            operator=people.front_office, iin=valid_iin(4242), full_name="Гүлнар Сейітова",
            **appeal_fields(people.agency),
        )  # fmt: skip
    assert _scheduled(callbacks)


def test_the_scheduled_task_links_what_was_sent(
    people: People, django_capture_on_commit_callbacks: Any
) -> None:
    earlier = written(people.citizen, *HEAT, received_at=timezone.now() - 20 * DAY)
    fields = {**appeal_fields(people.agency), "subject": HEAT_AGAIN[0], "text": HEAT_AGAIN[1]}
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        later = appeal_submit(applicant=people.citizen, **fields)
    assert _scheduled(callbacks)
    link_appeal.apply(args=(later.pk,))  # what the worker runs
    assert _links(later) == [(earlier.pk, "repeat")]


def test_someone_who_writes_daily_is_compared_with_the_newest_only(people: People) -> None:
    heavy: User = UserFactory.create()
    written(heavy, *HEAT, received_at=timezone.now() - 80 * DAY)  # beyond the newest 60
    for day in range(CANDIDATES):
        subject, text = f"Вопрос {day}", f"Разный вопрос номер {day} о разном."
        written(heavy, subject, text, received_at=timezone.now() - (day + 1) * DAY)
    later = written(heavy, *HEAT_AGAIN, status=Appeal.Status.SUBMITTED)
    assert similar_earlier(later.pk) == []
