"""The inbox on the portal: one's own notices, newest first, read when opened; nobody else's."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse

from accounts.identity import Proven, identity_prove
from accounts.models import Proof, User
from accounts.services import password_reset_send
from appeals.services import appeal_submit_on_behalf
from notifications.models import Notification
from notifications.selectors import inbox_unread_count
from notifications.services import notification_create
from tests.conftest import People, appeal_fields, client_for, submit_appeal
from tests.factories import UserFactory, valid_iin

pytestmark = pytest.mark.django_db

INBOX, READ_ALL = reverse("inbox:list"), reverse("inbox:read_all")


def notice_url(notice: Notification) -> str:
    return reverse("inbox:notice", args=[notice.pk])


def english(user: User) -> Client:
    client = client_for(user)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def tell(user: User, number: str = "123") -> Notification:
    """A notice of any kind to anyone, staff included."""
    found = notification_create(
        recipient=user, kind="account.claim_released",
        template="notifications/claim_released.txt", context={"number": number},
    )  # fmt: skip
    assert found is not None
    return found


def unread_badge(client: Client) -> str:
    """The count next to "Inbox" in the header of a page, or "" when there is none."""
    page = client.get(reverse("appeals:mine")).content.decode()
    found = re.search(r'class="unread">(\d+)', page)
    return found.group(1) if found else ""


def test_the_inbox_lists_ones_own_notices_newest_first(people: People) -> None:
    first = submit_appeal(people.citizen, people.agency)
    second = submit_appeal(people.citizen, people.agency)
    others = submit_appeal(people.other_citizen, people.agency)
    page = english(people.citizen).get(INBOX).content.decode()
    assert page.index(second.reference) < page.index(first.reference)
    assert others.reference not in page
    # Unread said in words, not only in bold.
    assert page.count('<strong class="govuk-tag govuk-tag--blue">Unread</strong>') == 2


def test_opening_a_notice_marks_it_read_once(people: People) -> None:
    submit_appeal(people.citizen, people.agency)
    notice = Notification.objects.get()
    client = english(people.citizen)
    assert unread_badge(client) == "1"

    response = client.get(notice_url(notice))
    assert response.status_code == 200
    assert notice.body.splitlines()[0] in response.content.decode()
    notice.refresh_from_db()
    read_at = notice.read_at
    assert read_at is not None
    assert unread_badge(client) == ""
    client.get(notice_url(notice))
    notice.refresh_from_db()
    assert notice.read_at == read_at


@pytest.mark.parametrize("who", ["other_citizen", "head", "registrar", "other_agency_head"])
def test_anyone_elses_notice_is_not_found(people: People, who: str) -> None:
    submit_appeal(people.citizen, people.agency)
    notice = Notification.objects.get()
    assert client_for(getattr(people, who)).get(notice_url(notice)).status_code == 404
    notice.refresh_from_db()
    assert notice.read_at is None


def test_a_superuser_does_not_read_others_notices_either(people: People) -> None:
    submit_appeal(people.citizen, people.agency)
    root = User.objects.create_superuser("root@otinish.test", "x", full_name="Root")
    assert client_for(root).get(notice_url(Notification.objects.get())).status_code == 404


def test_a_visitor_is_sent_to_log_in(people: People, client: Client) -> None:
    submit_appeal(people.citizen, people.agency)
    notice = Notification.objects.get()
    for response in (client.get(INBOX), client.get(notice_url(notice)), client.post(READ_ALL)):
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
    notice.refresh_from_db()
    assert notice.read_at is None


def test_staff_see_their_own_notices_only(people: People) -> None:
    appeal = submit_appeal(people.citizen, people.agency)
    own = tell(people.head)
    page = client_for(people.head).get(INBOX).content.decode()
    assert own.subject in page
    assert appeal.reference not in page


def test_mark_all_read_reads_ones_own_and_no_others(people: People) -> None:
    for _ in range(3):
        submit_appeal(people.citizen, people.agency)
    submit_appeal(people.other_citizen, people.agency)

    response = client_for(people.citizen).post(READ_ALL)

    assert response.status_code == 302
    assert response["Location"] == INBOX
    assert inbox_unread_count(people.citizen.pk) == 0
    assert inbox_unread_count(people.other_citizen.pk) == 1


def test_mark_all_read_needs_a_post_with_its_csrf_token(people: People) -> None:
    submit_appeal(people.citizen, people.agency)
    assert client_for(people.citizen).get(READ_ALL).status_code == 405
    guarded = Client(enforce_csrf_checks=True)
    guarded.force_login(people.citizen)
    assert guarded.post(READ_ALL).status_code == 403
    assert inbox_unread_count(people.citizen.pk) == 1


def test_the_inbox_is_paginated_within_a_few_queries(
    people: People, django_assert_max_num_queries: Any
) -> None:
    for number in range(25):
        tell(people.citizen, number=str(number))
    client = client_for(people.citizen)
    with django_assert_max_num_queries(6):
        first = client.get(INBOX)
    second = client.get(INBOX, {"page": 2})
    assert len(first.context["page"].object_list) == 20
    assert len(second.context["page"].object_list) == 5
    assert client.get(INBOX, {"page": "x"}).status_code == 200  # a bad page: the first


def test_secret_links_stay_out_of_the_inbox_and_off_the_phone(people: People) -> None:
    citizen = people.citizen
    citizen.phone, citizen.notify_by_sms = "+77015550102", True
    citizen.save(update_fields=["phone", "notify_by_sms"])
    password_reset_send(user=citizen, uid="MQ", token="secret-token")
    notice = Notification.objects.get()
    assert (notice.in_inbox, notice.sms_to, notice.by_email) == (False, "", True)
    assert "secret-token" not in english(citizen).get(INBOX).content.decode()
    assert client_for(citizen).get(notice_url(notice)).status_code == 404
    assert inbox_unread_count(citizen.pk) == 0


def test_a_walk_ins_notices_join_the_account_that_proves_the_iin(people: People) -> None:
    iin = valid_iin(7302)
    appeal = appeal_submit_on_behalf(
        operator=people.front_office, iin=iin, full_name="Ержан Без Почты",
        phone="+77011234567", **appeal_fields(people.agency),
    )  # fmt: skip
    owner = UserFactory.create(iin_bin=iin, email="erzhan@otinish.test")
    identity_prove(user=owner, proven=Proven(iin, "Ержан Без Почты", Proof.SIGNATURE))
    page = english(owner).get(INBOX).content.decode()
    assert appeal.reference in page


def test_the_header_shows_the_inbox_to_people_signed_in_only(
    people: People, client: Client
) -> None:
    submit_appeal(people.citizen, people.agency)
    assert unread_badge(english(people.citizen)) == "1"
    assert INBOX not in client.get(reverse("home")).content.decode()


def test_the_unread_count_can_use_its_partial_index(people: People) -> None:
    tell(people.citizen)
    query = Notification.objects.filter(
        recipient_id=people.citizen.pk, in_inbox=True, read_at__isnull=True
    )
    sql, params = query.values("pk").query.sql_with_params()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN SELECT count(*) FROM ({sql}) counted", params)  # noqa: S608
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "notification_unread_idx" in plan


def test_a_notice_shows_what_was_typed_as_text(people: People) -> None:
    typed = "<script>alert(1)</script> javascript:alert(1) https://example.kz/?a=<b>"
    submit_appeal(people.citizen, people.agency, subject=typed)
    page = client_for(people.citizen).get(notice_url(Notification.objects.get())).content
    assert b"<script>alert" not in page
    assert b"&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert b'href="javascript' not in page
    assert b'<a href="https://example.kz/?a=" rel="nofollow">' in page
