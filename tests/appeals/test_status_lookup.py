"""An appeal's status without logging in, at /status/: the code shown once on the
confirmation, one refusal for a wrong code and an unknown reference, the limits, and no
personal data on the page."""

from __future__ import annotations

import datetime
import html
from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone, translation

from appeals.models import Appeal
from appeals.services import appeal_submit_once
from appeals.status_lookup import ALPHABET, code_normal, deadline_words, reference_normal
from notifications.models import Notification
from tests.appeals.status import (
    CODE,
    SHOWN,
    fresh_counters,  # noqa: F401 - a fixture
    look_up,
    tokenless,
    with_code,
)
from tests.appeals.test_submission import form_data
from tests.conftest import People, appeal_fields, client_for

pytestmark = pytest.mark.django_db
MakeAppeal = Callable[[str], Appeal]


def test_a_new_appeal_has_a_code_of_eight_unambiguous_characters(people: People) -> None:
    submitted = appeal_submit_once(applicant=people.citizen, **appeal_fields(people.agency))
    code = submitted.lookup_code
    assert len(code) == 8 and set(code) <= set(ALPHABET)
    assert not set(code) & set("01OIL")
    assert code not in submitted.appeal.lookup_hash and len(submitted.appeal.lookup_hash) == 64


def test_the_confirmation_shows_the_code_once_and_it_works(people: People) -> None:
    client = client_for(people.citizen)
    sent = client.post("/appeals/new/", form_data(), follow=True, HTTP_ACCEPT_LANGUAGE="en")
    shown = SHOWN.search(sent.content.decode())
    assert shown is not None
    appeal = Appeal.objects.get(applicant=people.citizen)
    again = client.get(f"/appeals/{appeal.pk}/sent/", HTTP_ACCEPT_LANGUAGE="en")
    assert again.status_code == 200 and not SHOWN.search(again.content.decode())
    assert "was shown once" in again.content.decode()
    status = look_up(Client(), appeal.reference, shown.group(1))
    assert status.status_code == 200
    assert "Submitted" in status.content.decode() and appeal.reference in status.content.decode()


def test_the_code_is_stored_nowhere_but_as_its_hash(people: People) -> None:
    client = client_for(people.citizen)
    sent = client.post("/appeals/new/", form_data(), follow=True)
    shown = SHOWN.search(sent.content.decode())
    assert shown is not None
    plain = {shown.group(1), shown.group(1).replace("-", "")}
    appeal = Appeal.objects.get(applicant=people.citizen)
    stored = [
        str(list(Appeal.objects.filter(pk=appeal.pk).values())),
        str(list(appeal.events.values())),
        str(list(Notification.objects.values("subject", "body"))),
        client.session.encode(dict(client.session)),
    ]
    assert not [text for text in stored for code in plain if code in text]


def test_the_email_points_to_the_status_page_without_the_code(people: People) -> None:
    people.citizen.preferred_language = "en"
    people.citizen.save(update_fields=["preferred_language"])
    submitted = appeal_submit_once(applicant=people.citizen, **appeal_fields(people.agency))
    body = Notification.objects.get(recipient=people.citizen).body
    assert "/status/" in body and "The code is not in this email" in body
    assert submitted.lookup_code not in body
    assert all(submitted.lookup_code not in message.body for message in mail.outbox)


def test_a_form_sent_again_makes_no_new_code(people: People) -> None:
    client, data = client_for(people.citizen), form_data()
    assert SHOWN.search(client.post("/appeals/new/", data, follow=True).content.decode())
    first = Appeal.objects.get(applicant=people.citizen).lookup_hash
    again = client.post("/appeals/new/", data, follow=True, HTTP_ACCEPT_LANGUAGE="en")
    assert not SHOWN.search(again.content.decode())
    assert Appeal.objects.get(applicant=people.citizen).lookup_hash == first


def test_the_page_shows_the_status_the_body_and_the_dates(
    people: People, appeal_in: MakeAppeal
) -> None:
    appeal = with_code(appeal_in(Appeal.Status.ANSWERED))
    page = html.unescape(look_up(Client(), appeal.reference.lower(), "7kqm-3xwd").content.decode())
    local = timezone.localtime
    for shown in ("Answered", people.agency.name_en, "Answered within the deadline.",
                  f"{local(appeal.received_at):%d.%m.%Y}", f"{local(appeal.due_at):%d.%m.%Y}",
                  f"{local(appeal.answered_at):%d.%m.%Y}"):  # fmt: skip
        assert shown in page


def test_the_page_shows_nothing_of_the_person_or_the_texts(
    people: People, appeal_in: MakeAppeal
) -> None:
    appeal = with_code(appeal_in(Appeal.Status.ANSWERED))
    page = html.unescape(look_up(Client(), appeal.reference, CODE).content.decode())
    citizen, executor = people.citizen, people.executor
    private = [citizen.full_name, citizen.email, citizen.iin_bin, citizen.phone,
               executor.full_name, appeal.subject, appeal.text, appeal.answer_text]  # fmt: skip
    assert [value for value in private if value and value in page] == []


def test_a_wrong_code_and_an_unknown_reference_get_the_same_answer(
    appeal_in: MakeAppeal,
) -> None:
    appeal = with_code(appeal_in(Appeal.Status.REGISTERED))
    wrong = look_up(Client(), appeal.reference, "2222-2222")
    unknown = look_up(Client(), "ЖТ-2026-99999999", CODE)
    no_code = appeal_in(Appeal.Status.REGISTERED)
    Appeal.objects.filter(pk=no_code.pk).update(lookup_hash="")  # an imported record, say
    without = look_up(Client(), no_code.reference, CODE)
    assert wrong.status_code == unknown.status_code == without.status_code == 404
    assert tokenless(wrong) == tokenless(unknown) == tokenless(without)
    assert "No appeal has this reference number and code" in tokenless(wrong)
    assert appeal.reference not in tokenless(wrong)


def test_a_malformed_code_is_told_apart_from_the_form_alone(appeal_in: MakeAppeal) -> None:
    appeal = with_code(appeal_in(Appeal.Status.REGISTERED))
    page = look_up(Client(), appeal.reference, "O0I1-L222")
    assert page.status_code == 200
    assert "A status code has 8 letters and digits" in page.content.decode()


@pytest.mark.usefixtures("fresh_counters")
def test_the_lookups_of_an_address_are_limited(appeal_in: MakeAppeal, settings: Any) -> None:
    settings.STATUS_LOOKUPS_PER_HOUR = 3
    appeal = with_code(appeal_in(Appeal.Status.REGISTERED))
    client = Client()
    statuses = [look_up(client, appeal.reference, c).status_code for c in ("2222-2222", CODE)]
    statuses.append(look_up(client, "ЖТ-2026-99999999", CODE).status_code)
    assert statuses == [404, 200, 404]
    refused = look_up(client, appeal.reference, CODE)
    assert refused.status_code == 429 and refused["Retry-After"]
    text = refused.content.decode()
    assert "Too many statuses were looked up from your address" in text
    assert "Registered" not in text and appeal.agency.name_en not in text
    other_address = look_up(Client(REMOTE_ADDR="192.0.2.7"), appeal.reference, CODE)
    assert other_address.status_code == 200


@pytest.mark.usefixtures("fresh_counters")
def test_wrong_codes_lock_a_reference_for_the_day_whoever_asks(
    appeal_in: MakeAppeal, settings: Any
) -> None:
    settings.STATUS_WRONG_CODES_PER_DAY = 3
    appeal = with_code(appeal_in(Appeal.Status.REGISTERED))
    for address in ("192.0.2.1", "192.0.2.2", "192.0.2.3"):
        assert (
            look_up(Client(REMOTE_ADDR=address), appeal.reference, "2222-2222").status_code == 404
        )
    locked = look_up(Client(REMOTE_ADDR="192.0.2.4"), appeal.reference, CODE)
    assert locked.status_code == 429
    assert "Too many wrong codes were typed for this reference" in locked.content.decode()
    assert "Registered" not in locked.content.decode()


@pytest.mark.usefixtures("fresh_counters")
def test_an_unknown_reference_locks_alike(settings: Any) -> None:
    settings.STATUS_WRONG_CODES_PER_DAY = 3
    statuses = [look_up(Client(), "ЖТ-2026-99999999", CODE).status_code for _ in range(4)]
    assert statuses == [404, 404, 404, 429]


@pytest.mark.usefixtures("fresh_counters")
def test_right_codes_do_not_count_against_the_reference(
    appeal_in: MakeAppeal, settings: Any
) -> None:
    settings.STATUS_WRONG_CODES_PER_DAY = 2
    appeal = with_code(appeal_in(Appeal.Status.REGISTERED))
    assert [look_up(Client(), appeal.reference, CODE).status_code for _ in range(5)] == [200] * 5


def test_the_page_speaks_the_visitors_language(appeal_in: MakeAppeal) -> None:
    appeal = with_code(appeal_in(Appeal.Status.REGISTERED))
    page = Client().post("/status/", {"reference": appeal.reference, "code": CODE},
                         HTTP_ACCEPT_LANGUAGE="ru")  # fmt: skip
    text = html.unescape(page.content.decode())
    assert "Зарегистрировано" in text and appeal.agency.name_ru in text


def test_the_page_is_neither_cached_nor_indexed(client: Client) -> None:
    page = client.get("/status/")
    assert page.status_code == 200
    assert page["Cache-Control"] == "no-store" and page["X-Robots-Tag"] == "noindex"


def test_the_home_and_confirmation_pages_link_the_status_page(people: People) -> None:
    assert 'href="/status/"' in Client().get("/").content.decode()
    sent = client_for(people.citizen).post("/appeals/new/", form_data(), follow=True)
    assert 'href="/status/"' in sent.content.decode()


@pytest.mark.parametrize(
    ("status", "due_in_days", "words"),
    [
        (Appeal.Status.REGISTERED, 3, "Not overdue: the answer is due by"),
        (Appeal.Status.REGISTERED, -3, "Overdue: the answer was due by"),
        (Appeal.Status.WITHDRAWN, 3, "Withdrawn by the applicant"),
    ],
)
def test_the_deadline_in_words(
    appeal_in: MakeAppeal, status: str, due_in_days: int, words: str
) -> None:
    appeal = appeal_in(Appeal.Status.REGISTERED)
    appeal.status = status
    appeal.due_at = timezone.now() + datetime.timedelta(days=due_in_days)
    with translation.override("en"):
        assert deadline_words(appeal, timezone.now()).startswith(words)


def test_codes_and_references_are_read_as_typed() -> None:
    assert code_normal(" 7kqm - 3xwd ") == CODE
    assert code_normal("7KQM3XW") is None and code_normal("7KQM3XW0") is None
    assert reference_normal(" жт-2026-00000001 ") == "ЖТ-2026-00000001"
    assert reference_normal("OT-2026-00000001") == "ОТ-2026-00000001"  # Latin O and T typed
