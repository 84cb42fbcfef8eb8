"""Leaving a repeat without consideration (APPC): only by naming the applicant's earlier
appeal answered on the matter, on the back-office form and in the API alike."""

from __future__ import annotations

import html
from collections.abc import Callable

import pytest
from django.utils import translation
from django.utils.translation import gettext
from rest_framework.test import APIClient

from appeals.models import Appeal
from appeals.services import appeal_terminate
from core.refusals import ActionRefused
from notifications.models import Notification
from tests.appeals.linking_world import written
from tests.conftest import People, client_for
from tests.factories import api_token

with translation.override("ru"):  # the language of the pages and of the refusals here
    NAME_THE_EARLIER = gettext(
        "A repeat is left without consideration only by naming the applicant's earlier "
        "appeal that was answered on the same matter."
    )

pytestmark = pytest.mark.django_db
Status = Appeal.Status
MakeAppeal = Callable[[str], Appeal]


def _earlier(people: People, **fields: object) -> Appeal:
    """The citizen's appeal answered before the one being terminated is sent."""
    return written(people.citizen, "Нет отопления", "Нет отопления в квартире 5.", **fields)


def test_a_repeat_names_the_earlier_answer(people: People, appeal_in: MakeAppeal) -> None:
    earlier = _earlier(people)
    appeal = appeal_in(Status.REGISTERED)
    Appeal.objects.filter(pk=earlier.pk).update(received_at=appeal.received_at.replace(year=2025))
    done = appeal_terminate(
        appeal_id=appeal.pk, actor=people.head, reason="repeat", earlier=earlier
    )
    assert (done.status, done.repeat_of_id) == (Status.TERMINATED, earlier.pk)
    assert done.events.latest("pk").data["earlier"] == earlier.reference
    notice = Notification.objects.filter(recipient=people.citizen).latest("pk")
    assert earlier.reference in notice.body


def test_a_repeat_without_the_earlier_answer_is_refused(
    people: People, appeal_in: MakeAppeal
) -> None:
    appeal = appeal_in(Status.REGISTERED)
    with pytest.raises(ActionRefused) as refused:
        appeal_terminate(appeal_id=appeal.pk, actor=people.head, reason="repeat")
    assert refused.value.message == NAME_THE_EARLIER
    assert Appeal.objects.get(pk=appeal.pk).status == Status.REGISTERED


@pytest.mark.parametrize("what", ["open", "other citizen's", "later"])
def test_only_an_earlier_answered_appeal_of_the_applicant_counts(
    people: People, appeal_in: MakeAppeal, what: str
) -> None:
    appeal = appeal_in(Status.REGISTERED)
    before = appeal.received_at.replace(year=2025)
    earlier = {
        "open": lambda: _earlier(people, received_at=before, status=Status.IN_PROGRESS),
        "other citizen's": lambda: written(people.other_citizen, "Тепло", "Нет тепла в доме.",
                                           received_at=before),
        "later": lambda: _earlier(people),  # received after this appeal
    }[what]()  # fmt: skip
    with pytest.raises(ActionRefused):
        appeal_terminate(appeal_id=appeal.pk, actor=people.head, reason="repeat", earlier=earlier)


def test_another_reason_names_no_earlier_appeal(people: People, appeal_in: MakeAppeal) -> None:
    appeal = appeal_in(Status.REGISTERED)
    earlier = _earlier(people, received_at=appeal.received_at.replace(year=2025))
    with pytest.raises(ActionRefused):
        appeal_terminate(appeal_id=appeal.pk, actor=people.head, reason="court", earlier=earlier)


def test_the_backoffice_form_offers_and_takes_the_earlier_answer(
    people: People, appeal_in: MakeAppeal
) -> None:
    appeal = appeal_in(Status.REGISTERED)
    earlier = _earlier(people, received_at=appeal.received_at.replace(year=2025))
    other = written(people.other_citizen, "Тепло", "Нет тепла в доме.",
                    received_at=appeal.received_at.replace(year=2025))  # fmt: skip
    browser = client_for(people.head)
    url = f"/backoffice/appeals/appeal/{appeal.pk}/act/terminate/"
    page = browser.get(url).content.decode()
    assert earlier.reference in page and other.reference not in page
    refused = browser.post(url, {"reason": "repeat"}, follow=True).content.decode()
    assert (
        html.escape(NAME_THE_EARLIER) in refused
        and Appeal.objects.get(pk=appeal.pk).status == Status.REGISTERED
    )
    assert browser.post(url, {"reason": "repeat", "earlier": earlier.pk}).status_code == 302
    assert Appeal.objects.get(pk=appeal.pk).repeat_of_id == earlier.pk


def test_the_api_takes_the_earlier_answer_and_refuses_without(
    people: People, appeal_in: MakeAppeal
) -> None:
    appeal = appeal_in(Status.REGISTERED)
    earlier = _earlier(people, received_at=appeal.received_at.replace(year=2025))
    other = written(people.other_citizen, "Тепло", "Нет тепла.", received_at=earlier.received_at)
    api = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    api.credentials(HTTP_AUTHORIZATION=f"Token {api_token(people.head)}")
    url = f"/api/v1/staff/appeals/{appeal.pk}/terminate/"
    refused = api.post(url, {"reason": "repeat"}, format="json")
    assert refused.status_code == 409 and "earlier" in refused.json()["error"]["message"]
    # Someone else's appeal is refused as if it did not exist.
    assert (
        api.post(url, {"reason": "repeat", "earlier": other.pk}, format="json").status_code == 404
    )
    done = api.post(url, {"reason": "repeat", "earlier": earlier.pk}, format="json")
    assert done.status_code == 200, done.content
    assert Appeal.objects.get(pk=appeal.pk).repeat_of_id == earlier.pk
