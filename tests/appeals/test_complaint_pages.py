"""Complaints on the citizen's pages, in the back-office of the body above, in emails and in
the API; silence reported to the citizen and, past the limit, to the body above."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from agencies.models import Agency
from appeals.deadlines import deadline_watch_run
from appeals.models import Appeal
from appeals.services import appeal_terminate
from notifications.models import Notification
from tests.api.test_api import api_as, complaint_about
from tests.appeals.test_complaints import complain, decided, deciders, government, overdue
from tests.conftest import People, client_for, submit_appeal

pytestmark = pytest.mark.django_db
MakeAppeal = Callable[[str], Appeal]
NEW = reverse("appeals:new")
__all__ = ["deciders", "government"]  # the fixtures of test_complaints, used here too


def test_a_silent_appeal_offers_the_complaint_and_the_form_is_filled_in(
    people: People, appeal_in: MakeAppeal, government: Agency
) -> None:
    appeal = overdue(appeal_in(Appeal.Status.IN_PROGRESS))
    client = client_for(people.citizen)
    page = client.get(reverse("appeals:detail", args=[appeal.pk])).content.decode()
    assert f"{NEW}?complaint_of={appeal.pk}" in page and government.name in page
    form = client.get(f"{NEW}?complaint_of={appeal.pk}").context["form"]
    assert form["addressee"].value() == government.pk
    data: dict[str, Any] = {name: form[name].value() for name in (
        "submission_key", "complaint_of", "category", "region", "addressee", "subject",
        "language", "co_applicants",
    )}  # fmt: skip
    data.update(appeal_type=form["appeal_type"].value(), consent="on",
                text=form["text"].value() + " Прошу принять меры.")  # fmt: skip
    assert client.post(NEW, data).status_code == 302
    complaint = Appeal.objects.get(complaint_of=appeal)
    assert (complaint.complaint_ground, complaint.agency) == ("inaction", government)
    page = client.get(reverse("appeals:detail", args=[appeal.pk])).content.decode()
    assert complaint.reference in page and f"{NEW}?complaint_of={appeal.pk}" not in page


def test_the_termination_email_links_the_complaint(people: People, appeal_in: MakeAppeal) -> None:
    appeal = appeal_in(Appeal.Status.REGISTERED)
    appeal_terminate(appeal_id=appeal.pk, actor=people.head, reason="no_substance")
    notice = Notification.objects.filter(kind="appeal.terminated").latest("pk")
    assert f"{NEW}?complaint_of={appeal.pk}" in notice.body


def test_the_body_above_reads_the_original_with_the_complaint(
    people: People, appeal_in: MakeAppeal, government: Agency, deciders: dict[str, User]
) -> None:
    appeal = appeal_in(Appeal.Status.ANSWERED)
    complaint = complain(people, appeal, government)
    url = reverse("backoffice:appeals_appeal_change", args=[complaint.pk])
    page = client_for(deciders["registrar"]).get(url).content.decode()
    assert appeal.reference in page and "Отопление дали." in page
    assert client_for(people.other_agency_head).get(url).status_code == 404
    # The body complained about sees the complaint and its decision on its appeal's page.
    decided(deciders, complaint, "upheld")
    mine = reverse("backoffice:appeals_appeal_change", args=[appeal.pk])
    assert complaint.reference in client_for(people.head).get(mine).content.decode()


def test_through_the_api_a_citizen_complains_and_the_body_above_decides(
    people: People, appeal_in: MakeAppeal, deciders: dict[str, User]
) -> None:
    appeal = overdue(appeal_in(Appeal.Status.IN_PROGRESS))
    detail = api_as(people.citizen).get(f"/api/v1/appeals/{appeal.pk}/").json()
    assert detail["complaint"] == {"ground": "inaction", "addressee": "government"}
    created = api_as(people.citizen).post("/api/v1/appeals/", complaint_about(appeal.pk))
    assert created.status_code == 201, created.json()
    again = api_as(people.citizen).post("/api/v1/appeals/", complaint_about(appeal.pk))
    assert again.status_code == 409 and "already complained" in again.json()["error"]["message"]
    pk = created.json()["id"]
    staff = api_as(deciders["registrar"])
    assert staff.post(f"/api/v1/staff/appeals/{pk}/register/", {}).status_code == 200
    executor = deciders["executor"].pk
    assigned = api_as(deciders["head"]).post(
        f"/api/v1/staff/appeals/{pk}/assign/", {"executor": executor}
    )
    assert assigned.status_code == 200
    decision = {"outcome": "upheld", "text": "Жалоба обоснована."}
    answer = api_as(deciders["executor"]).post(
        f"/api/v1/staff/appeals/{pk}/answer/", {"kind": "satisfied", "text": "Ответ."}
    )
    assert answer.status_code == 409  # a complaint is decided, not answered
    done = api_as(deciders["executor"]).post(f"/api/v1/staff/appeals/{pk}/decide/", decision)
    assert done.status_code == 200, done.json()
    assert done.json()["complaint_outcome"] == "upheld"
    appeal.refresh_from_db()
    assert appeal.overturned


def test_silence_is_told_to_the_citizen_once_and_reported_above_past_the_limit(
    people: People, appeal_in: MakeAppeal, deciders: dict[str, User], settings: Any
) -> None:
    settings.ESCALATE_AFTER_WORKING_DAYS = 5
    just_late = overdue(appeal_in(Appeal.Status.IN_PROGRESS), days=1)
    long_late = overdue(appeal_in(Appeal.Status.IN_PROGRESS), days=10)
    now = timezone.now()
    deadline_watch_run(now)
    # Later the same day in Almaty, even when the test runs in its last hour: nothing new.
    end_of_day = timezone.localtime(now).replace(hour=23, minute=59, second=59, microsecond=0)
    deadline_watch_run(min(now + datetime.timedelta(hours=1), end_of_day))
    # Told within the week the deadline passed (a missed run loses nothing): the long-late
    # appeal's notice went out a week ago.
    notices = Notification.objects.filter(kind="appeal.overdue")
    assert list(notices.values_list("about_id", flat=True)) == [just_late.pk]
    reports = list(Notification.objects.filter(kind="appeal.escalation"))
    assert [r.recipient_id for r in reports] == [deciders["controller"].pk]
    assert long_late.reference in reports[0].body and just_late.reference not in reports[0].body
    assert f"{NEW}?complaint_of={just_late.pk}" in notices.get().body


def test_a_bodys_page_shows_its_overdue_appeals_by_age(
    people: People, appeal_in: MakeAppeal, client: Any
) -> None:
    overdue(appeal_in(Appeal.Status.IN_PROGRESS), days=3)
    overdue(appeal_in(Appeal.Status.REGISTERED), days=40)
    district = Agency.objects.get(code="akimat-kz-75-almaly")  # counted for the city akimat
    overdue(submit_appeal(people.citizen, district), days=40)
    appeal_in(Appeal.Status.IN_PROGRESS)  # not overdue
    page = client.get(reverse("ratings:agency", args=[people.agency.code])).content.decode()
    counts = re.findall(r'data-overdue-band="(\d)">(\d+)<', page)
    assert counts == [("1", "1"), ("2", "0"), ("3", "2"), ("4", "0")]
