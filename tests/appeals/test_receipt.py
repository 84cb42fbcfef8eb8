"""The walk-in's receipt: printed right after the intake, by the front-office operator who
took the appeal in and nobody else, with the code that then shows the status."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
import time_machine
from django.contrib.sessions.models import Session
from django.test import Client

from agencies.models import AppealType, Category, Region
from appeals.code_handover import RECEIPT
from appeals.models import Appeal
from notifications.models import Notification
from tests.api.test_api import api_as, new_appeal
from tests.appeals.letters import pdf_text
from tests.appeals.status import look_up
from tests.conftest import People, client_for
from tests.factories import MembershipFactory, valid_iin

pytestmark = pytest.mark.django_db
DESK = "/backoffice/appeals/appeal/front-office/"
PRINTED = re.compile(r"([2-9A-Z]{4}-[2-9A-Z]{4})")


def walk_in(people: People, **overrides: Any) -> dict[str, Any]:
    return {
        "iin": valid_iin(4242), "full_name": "Гость Центра", "phone": "+7 701 000 00 00",
        "appeal_type": AppealType.objects.get(code="application").pk,
        "category": Category.objects.get(code="housing-heating").pk,
        "region": Region.objects.get(code="KZ-75").pk, "addressee": people.agency.pk,
        "subject": "Нет отопления", "text": "В доме по улице Абая, 10 нет отопления.",
        "language": "ru", **overrides,
    }  # fmt: skip


def intake(client: Client, people: People) -> Appeal:
    """The operator sends a walk-in's appeal at the desk; the appeal it made."""
    response = client.post(DESK, walk_in(people))
    assert response.status_code == 302 and response["Location"] == DESK
    return Appeal.objects.latest("pk")


def receipt_url(appeal: Appeal) -> str:
    return f"{DESK}receipt/{appeal.pk}/"


@pytest.fixture
def taken_in(people: People) -> tuple[Client, Appeal]:
    operator = client_for(people.front_office)
    return operator, intake(operator, people)


def test_the_desk_offers_the_receipt_after_the_intake(
    taken_in: tuple[Client, Appeal],
) -> None:
    operator, appeal = taken_in
    desk = operator.get(DESK, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert f'href="{receipt_url(appeal)}"' in desk and "Print the receipt" in desk


def test_the_receipt_holds_what_the_citizen_needs_and_its_code_works(
    taken_in: tuple[Client, Appeal],
) -> None:
    operator, appeal = taken_in
    response = operator.get(receipt_url(appeal))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]
    text = pdf_text(response.content)
    assert appeal.reference in text and "/status/" in text
    assert f"{appeal.due_at.astimezone(datetime.UTC):%Y}" in text
    assert "Гость" not in text and valid_iin(4242) not in text  # nothing about the person
    printed = PRINTED.search(text)
    assert printed is not None
    status = look_up(Client(), appeal.reference, printed.group(1))
    assert status.status_code == 200 and "Submitted" in status.content.decode()


def test_the_code_is_kept_in_no_table(taken_in: tuple[Client, Appeal]) -> None:
    operator, appeal = taken_in
    printed = PRINTED.search(pdf_text(operator.get(receipt_url(appeal)).content))
    assert printed is not None
    codes = {printed.group(1), printed.group(1).replace("-", "")}
    stored = [
        str(list(Appeal.objects.filter(pk=appeal.pk).values())),
        str(list(appeal.events.values())),
        str(list(Notification.objects.values("subject", "body"))),
        str([session.get_decoded() for session in Session.objects.all()]),
    ]
    assert not [text for text in stored for code in codes if code in text]


@pytest.mark.parametrize(
    "role", ["citizen", "other_citizen", "registrar", "head", "other_agency_head", "controller"]
)
def test_nobody_but_the_operator_gets_the_receipt(
    taken_in: tuple[Client, Appeal], people: People, role: str
) -> None:
    _operator, appeal = taken_in
    response = client_for(getattr(people, role)).get(receipt_url(appeal))
    citizens = role in ("citizen", "other_citizen")
    expected = (302, "/backoffice/login/") if citizens else (404, "")
    assert (response.status_code, response.get("Location", "")[:18]) == expected


def test_an_anonymous_visitor_is_sent_to_log_in(taken_in: tuple[Client, Appeal]) -> None:
    _operator, appeal = taken_in
    response = Client().get(receipt_url(appeal))
    assert response.status_code == 302 and response["Location"].startswith("/backoffice/login/")


def test_another_operator_of_the_agency_gets_no_receipt_even_with_the_cookie(
    taken_in: tuple[Client, Appeal], people: People
) -> None:
    operator, appeal = taken_in
    colleague = MembershipFactory.create(agency=people.agency, role="front_office").user
    other = client_for(colleague)
    other.cookies[RECEIPT] = operator.cookies[RECEIPT].value
    refused = other.get(receipt_url(appeal), HTTP_ACCEPT_LANGUAGE="en", follow=True)
    assert refused.redirect_chain == [(DESK, 302)]
    assert "A receipt is printed only right after the intake" in refused.content.decode()


def test_the_receipt_is_only_for_the_minutes_after_the_intake(
    taken_in: tuple[Client, Appeal],
) -> None:
    operator, appeal = taken_in
    with time_machine.travel(datetime.datetime.now(datetime.UTC) + datetime.timedelta(minutes=16)):
        late = operator.get(receipt_url(appeal))
    assert late.status_code == 302 and late["Location"] == DESK


def test_another_intake_ends_the_receipt_of_the_one_before(people: People) -> None:
    operator = client_for(people.front_office)
    first = intake(operator, people)
    second = intake(operator, people)
    assert operator.get(receipt_url(first)).status_code == 302
    assert operator.get(receipt_url(second)).status_code == 200


def test_the_api_gives_the_front_office_the_code(people: People) -> None:
    response = api_as(people.front_office).post(
        "/api/v1/staff/front-office/",
        {**new_appeal(), "iin": valid_iin(4242), "full_name": "Гость Центра"},
        format="json",
    )
    assert response.status_code == 201
    code = response.json()["lookup_code"]
    assert look_up(Client(), response.json()["reference"], code).status_code == 200
