"""The back-office of meetings: the list, a meeting's page, announcing, held or not, the
recording of questions and the walk-in's booking, for each of the shared people."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from agencies.models import Region
from receptions.models import Booking, Meeting, Question
from tests.conftest import People, client_for
from tests.factories import valid_iin
from tests.receptions.held import booked, controller_above, heating, meeting_at

pytestmark = pytest.mark.django_db
LIST = reverse("backoffice:receptions_meeting_changelist")
ANNOUNCE = reverse("backoffice:receptions_meeting_announce")
WALK_IN = reverse("backoffice:receptions_meeting_walk_in")


def page_of(meeting: Meeting) -> str:
    return reverse("backoffice:receptions_meeting_change", args=[meeting.pk])


def record_url(meeting: Meeting) -> str:
    return reverse("backoffice:receptions_meeting_record", args=[meeting.pk])


def visitor(people: People, who: str) -> Client:
    if who == "anonymous":
        return Client()
    user = controller_above(people) if who == "controller_above" else getattr(people, who)
    return client_for(user)


READERS = ["head", "registrar", "executor", "controller", "front_office", "controller_above"]
OUTSIDERS = ["other_agency_head"]
NOT_STAFF = ["citizen", "other_citizen", "anonymous"]


@pytest.mark.parametrize("who", READERS)
def test_the_bodys_staff_and_controllers_above_read_a_meeting(people: People, who: str) -> None:
    meeting = meeting_at(people.agency)
    booked(meeting, people.citizen, "Нет отопления в подъезде")
    client = visitor(people, who)
    assert page_of(meeting) in client.get(LIST, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    page = client.get(page_of(meeting), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert people.citizen.full_name in page and "Нет отопления в подъезде" in page


@pytest.mark.parametrize("who", OUTSIDERS)
def test_staff_of_other_bodies_do_not_see_it(people: People, who: str) -> None:
    meeting = meeting_at(people.agency)
    client = visitor(people, who)
    assert page_of(meeting) not in client.get(LIST, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert client.get(page_of(meeting)).status_code == 404


@pytest.mark.parametrize("who", NOT_STAFF)
def test_citizens_and_visitors_are_sent_to_the_staff_login(people: People, who: str) -> None:
    meeting = meeting_at(people.agency)
    client = visitor(people, who)
    for url in (LIST, page_of(meeting), ANNOUNCE, WALK_IN, record_url(meeting)):
        response = client.get(url)
        assert response.status_code == 302 and "/backoffice/login/" in response["Location"]


def test_the_list_filters_upcoming_meetings(people: People) -> None:
    past = meeting_at(people.agency)
    soon = meeting_at(
        people.agency, status=Meeting.Status.PLANNED,
        starts_at=timezone.now() + datetime.timedelta(days=3),
        ends_at=timezone.now() + datetime.timedelta(days=3, hours=1),
    )  # fmt: skip
    page = (
        client_for(people.head)
        .get(f"{LIST}?when=upcoming", HTTP_ACCEPT_LANGUAGE="en")
        .content.decode()
    )
    assert page_of(soon) in page and page_of(past) not in page


def test_a_manager_announces_a_meeting(people: People) -> None:
    starts = timezone.localtime() + datetime.timedelta(days=5)
    data = {
        "agency": people.agency.pk, "kind": Meeting.Kind.RESIDENTS,
        "official_name": "Ерлан Аким", "region": Region.objects.get(code="KZ-75").pk,
        "starts_at": starts.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (starts + datetime.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
    }  # fmt: skip
    response = client_for(people.head).post(ANNOUNCE, data)
    meeting = Meeting.objects.get()
    assert response.status_code == 302 and response["Location"] == page_of(meeting)
    assert meeting.created_by == people.head and meeting.kind == Meeting.Kind.RESIDENTS


@pytest.mark.parametrize("who", ["executor", "controller", "front_office"])
def test_only_managers_announce(people: People, who: str) -> None:
    assert visitor(people, who).get(ANNOUNCE).status_code == 404


def result_url(meeting: Meeting, result: str) -> str:
    return reverse("backoffice:receptions_meeting_result", args=[meeting.pk, result])


def test_a_manager_marks_a_meeting_held(people: People) -> None:
    meeting = meeting_at(people.agency, status=Meeting.Status.PLANNED)
    client_for(people.head).post(result_url(meeting, "held"), {"attendance": "40"})
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.HELD and meeting.attendance == 40


def test_a_manager_marks_a_meeting_not_held_with_the_reason(people: People) -> None:
    meeting = meeting_at(people.agency, status=Meeting.Status.PLANNED)
    client_for(people.head).post(result_url(meeting, "not_held"), {"reason": "Паводок"})
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.NOT_HELD and meeting.not_held_reason == "Паводок"


@pytest.mark.parametrize("who", ["executor", "controller_above", "other_agency_head"])
def test_others_cannot_mark_it(people: People, who: str) -> None:
    meeting = meeting_at(people.agency, status=Meeting.Status.PLANNED)
    assert visitor(people, who).post(result_url(meeting, "held")).status_code == 404
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.PLANNED


def floor_data(**row: str) -> dict[str, str]:
    data = {"rows": "floor", "floor-TOTAL_FORMS": "5", "floor-INITIAL_FORMS": "0"}
    return {**data, **{f"floor-0-{key}": value for key, value in row.items()}}


def test_the_floor_questions_are_recorded_and_blank_rows_skipped(people: People) -> None:
    meeting = meeting_at(people.agency, kind=Meeting.Kind.RESIDENTS, slot_minutes=None)
    row = {"category": str(heating().pk), "outcome": "resolved", "locality": "Медеу"}
    response = client_for(people.head).post(record_url(meeting), floor_data(**row))
    assert response.status_code == 302
    assert list(Question.objects.values_list("locality", "outcome")) == [("Медеу", "resolved")]


def test_under_control_from_the_floor_needs_the_citizen(people: People) -> None:
    meeting = meeting_at(people.agency, kind=Meeting.Kind.RESIDENTS, slot_minutes=None)
    row = {"category": str(heating().pk), "outcome": "control", "text": "Яма",
           "control_executor": str(people.executor.pk)}  # fmt: skip
    response = client_for(people.head).post(
        record_url(meeting), floor_data(**row), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 200 and "needs the citizen" in response.content.decode()
    assert not Question.objects.exists()


def test_under_control_from_the_floor_with_the_citizen(people: People) -> None:
    meeting = meeting_at(people.agency, kind=Meeting.Kind.RESIDENTS, slot_minutes=None)
    row = {"category": str(heating().pk), "outcome": "control", "text": "Яма у дома 5",
           "control_executor": str(people.executor.pk), "iin": valid_iin(8100),
           "full_name": "Асель Жителева"}  # fmt: skip
    client_for(people.head).post(record_url(meeting), floor_data(**row))
    question = Question.objects.get()
    assert question.appeal is not None and question.appeal.executor == people.executor


def test_add_more_rows_keeps_what_was_typed(people: People) -> None:
    meeting = meeting_at(people.agency, kind=Meeting.Kind.RESIDENTS, slot_minutes=None)
    data = {**floor_data(locality="Турксиб"), "more": "1"}
    response = client_for(people.head).post(record_url(meeting), data, HTTP_ACCEPT_LANGUAGE="en")
    page = response.content.decode()
    assert 'name="floor-TOTAL_FORMS" value="10"' in page and "Турксиб" in page
    assert not Question.objects.exists()


def test_the_booked_rows_record_each_with_its_outcome(people: People) -> None:
    meeting = meeting_at(people.agency)
    first, second = booked(meeting, people.citizen), booked(meeting, people.other_citizen)
    data = {
        "rows": "booked", "booked-TOTAL_FORMS": "2", "booked-INITIAL_FORMS": "2",
        "booked-0-booking": str(first.pk), "booked-0-category": str(heating().pk),
        "booked-0-outcome": "explained",
        "booked-1-booking": str(second.pk), "booked-1-category": str(heating().pk),
    }  # fmt: skip
    client_for(people.head).post(record_url(meeting), data)
    assert list(Question.objects.values_list("booking_id", "outcome")) == [(first.pk, "explained")]


@pytest.mark.parametrize("who", ["executor", "controller_above", "other_agency_head"])
def test_only_managers_record(people: People, who: str) -> None:
    meeting = meeting_at(people.agency)
    assert visitor(people, who).get(record_url(meeting)).status_code == 404


def test_a_planned_meeting_is_not_recorded_yet(people: People) -> None:
    meeting = meeting_at(people.agency, status=Meeting.Status.PLANNED)
    assert client_for(people.head).get(record_url(meeting))["Location"] == page_of(meeting)


def upcoming_reception(people: People) -> Meeting:
    starts = timezone.now() + datetime.timedelta(days=2)
    meeting = meeting_at(
        people.agency, status=Meeting.Status.PLANNED, starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=1),
    )  # fmt: skip
    meeting.slots.create(starts_at=starts)
    return meeting


def test_the_front_office_books_a_walk_in(people: People) -> None:
    meeting = upcoming_reception(people)
    client = client_for(people.front_office)
    assert (
        f"?meeting={meeting.pk}" in client.get(WALK_IN, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    )
    data = {
        "iin": valid_iin(9100), "full_name": "Гульнар Пришедшая", "phone": "+77015550000",
        "slot_id": str(meeting.slots.get().pk), "category": str(heating().pk),
        "question": "Когда отремонтируют крышу?",
    }  # fmt: skip
    response = client.post(f"{WALK_IN}?meeting={meeting.pk}", data)
    assert response.status_code == 302
    booking = Booking.objects.get()
    assert booking.booked_by == people.front_office and booking.citizen.walk_in


@pytest.mark.parametrize("who", ["head", "executor", "controller"])
def test_only_the_front_office_books_walk_ins(people: People, who: str) -> None:
    assert visitor(people, who).get(WALK_IN).status_code == 404


def test_the_front_office_desk_links_to_the_walk_in_booking(people: People) -> None:
    desk = reverse("backoffice:appeals_appeal_front_office")
    assert WALK_IN in client_for(people.front_office).get(desk).content.decode()


def test_the_sections_index_lists_the_meetings(people: People) -> None:
    page = client_for(people.head).get(
        f"{reverse('backoffice:index')}?all=1", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert LIST in page.content.decode()


def test_the_record_page_shows_a_row_for_each_booked_question(people: People) -> None:
    meeting = meeting_at(people.agency)
    booking = booked(meeting, people.citizen, "Протекает крыша")
    page = client_for(people.head).get(record_url(meeting), HTTP_ACCEPT_LANGUAGE="en")
    text = page.content.decode()
    assert page.status_code == 200 and "Протекает крыша" in text
    assert f'name="booked-0-booking" value="{booking.pk}"' in text
    assert 'name="floor-TOTAL_FORMS" value="5"' in text


def test_the_walk_in_form_offers_the_free_times(people: People) -> None:
    meeting = upcoming_reception(people)
    url = f"{WALK_IN}?meeting={meeting.pk}"
    page = client_for(people.front_office).get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    assert f'value="{meeting.slots.get().pk}"' in page.content.decode()
