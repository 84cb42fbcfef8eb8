from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from appeals.models import Appeal, Feedback
from appeals.rating import rating_link_token
from tests.conftest import People, client_for

pytestmark = pytest.mark.django_db
MakeAppeal = Callable[[str], Appeal]


def rate(client: Client, appeal: Appeal, **data: str) -> None:
    client.post(reverse("rating:rate", args=[appeal.pk]), data)


def test_the_applicant_rates_on_the_page(people: People, appeal_in: MakeAppeal) -> None:
    appeal = appeal_in("answered")
    rate(client_for(people.citizen), appeal, satisfied="no", reason="formal", comment="Отписка")
    feedback = Feedback.objects.get(appeal=appeal)
    assert (feedback.satisfied, feedback.reason, feedback.comment) == (False, "formal", "Отписка")


def test_dissatisfaction_needs_a_reason(people: People, appeal_in: MakeAppeal) -> None:
    appeal = appeal_in("answered")
    rate(client_for(people.citizen), appeal, satisfied="no")
    assert not Feedback.objects.exists()


def test_one_rating_that_can_change_for_seven_days(people: People, appeal_in: MakeAppeal) -> None:
    appeal = appeal_in("answered")
    client = client_for(people.citizen)
    rate(client, appeal, satisfied="no", reason="not_solved")
    rate(client, appeal, satisfied="yes")
    assert Feedback.objects.get().satisfied is True
    later = timezone.now() + datetime.timedelta(days=8)
    with time_machine.travel(later, tick=False):
        rate(client, appeal, satisfied="no", reason="formal")
    assert Feedback.objects.get().satisfied is True
    assert Feedback.objects.count() == 1


def test_an_unanswered_appeal_cannot_be_rated(people: People, appeal_in: MakeAppeal) -> None:
    appeal = appeal_in("in_progress")
    rate(client_for(people.citizen), appeal, satisfied="yes")
    assert not Feedback.objects.exists()


def test_others_cannot_rate(people: People, appeal_in: MakeAppeal) -> None:
    appeal = appeal_in("answered")
    for user in (people.other_citizen, people.head):
        response = client_for(user).post(
            reverse("rating:rate", args=[appeal.pk]), {"satisfied": "yes"}
        )
        assert response.status_code == 404
    assert (
        Client()
        .post(reverse("rating:rate", args=[appeal.pk]))["Location"]
        .startswith("/accounts/login/")
    )
    assert not Feedback.objects.exists()


def test_the_emailed_link_needs_no_login(people: People, appeal_in: MakeAppeal) -> None:
    appeal = appeal_in("answered")
    url = reverse("rating:by_link", args=[rating_link_token(appeal)])
    anonymous = Client()
    page = anonymous.get(url + "?satisfied=no")
    assert page.status_code == 200
    assert not Feedback.objects.exists()  # opening the link (a mail scanner may) changes nothing
    anonymous.post(url, {"satisfied": "no", "reason": "unclear"})
    assert Feedback.objects.get(appeal=appeal).reason == "unclear"


def test_the_answer_email_carries_the_links(people: People, appeal_in: MakeAppeal) -> None:
    from notifications.models import Notification

    appeal = appeal_in("answered")
    body = Notification.objects.get(about_id=appeal.pk, kind="appeal.answered").body
    assert "/ratings/r/" in body
    assert "satisfied=yes" in body and "satisfied=no" in body


def test_a_tampered_link_is_refused(people: People, appeal_in: MakeAppeal) -> None:
    appeal = appeal_in("answered")
    token = rating_link_token(appeal)
    forged = token.replace(token[-3:], "abc")
    assert Client().get(reverse("rating:by_link", args=[forged])).status_code == 404
