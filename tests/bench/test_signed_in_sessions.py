"""bench/_users.signed_in_sessions: each session signs its own person in, as a log-in does."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client

from bench._users import ensure_citizens, signed_in_sessions

pytestmark = pytest.mark.django_db


def test_each_session_is_its_own_citizen_signed_in() -> None:
    logins = ensure_citizens("sessions-citizen-{n}@bench.otinish.test", 3)
    for login, key in zip(logins, signed_in_sessions(logins), strict=True):
        client = Client()
        client.cookies[settings.SESSION_COOKIE_NAME] = key
        page = client.get("/accounts/profile/")
        assert page.status_code == 200
        assert login.email in page.content.decode()
    stranger = Client()
    stranger.cookies[settings.SESSION_COOKIE_NAME] = "not-a-session"
    assert stranger.get("/accounts/profile/").status_code == 302
