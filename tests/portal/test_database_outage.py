"""The database goes away in the middle of sending an appeal."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from appeals.models import Appeal
from tests.appeals.test_submission import form_data
from tests.conftest import People
from tests.outages import database_away

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_after_flush"),
]


def test_a_clear_try_again_page_and_exactly_one_appeal_afterwards(people: People) -> None:
    client = Client()
    client.force_login(people.citizen)
    data = form_data()
    with database_away():
        response = client.post(reverse("appeals:new"), data, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "send the same form again" in response.content.decode()
    assert not Appeal.objects.exists()  # nothing half-written

    assert client.post(reverse("appeals:new"), data).status_code == 302
    assert client.post(reverse("appeals:new"), data).status_code == 302  # sent once more
    assert Appeal.objects.filter(applicant=people.citizen).count() == 1
