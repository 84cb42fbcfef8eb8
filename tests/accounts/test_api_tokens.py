"""API tokens expire, die with a password change, and their owner lists and revokes them."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
import time_machine
from django.contrib.auth.tokens import default_token_generator
from django.test import Client
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from rest_framework.test import APIClient

from accounts.models import User
from tests.conftest import People

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery"  # tests/factories.py
ME = "/api/v1/appeals/"


def sign_in(user: User, password: str = PASSWORD) -> str:
    response = APIClient().post(
        "/api/v1/auth/token/", {"email": user.email, "password": password}, format="json"
    )
    assert response.status_code == 200, response.json()
    return str(response.json()["token"])


def status_with(token: str, method: str = "get", path: str = ME) -> int:
    client = APIClient(HTTP_AUTHORIZATION=f"Token {token}")
    return int(getattr(client, method)(path).status_code)


def test_each_sign_in_gives_a_new_token(people: People) -> None:
    first, second = sign_in(people.citizen), sign_in(people.citizen)
    assert first != second
    assert status_with(first) == status_with(second) == 200


def test_a_token_unused_for_its_lifetime_expires(people: People, settings: Any) -> None:
    token = sign_in(people.citizen)
    hours = settings.REST_KNOX["TOKEN_TTL"] / datetime.timedelta(hours=1)
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=hours + 1)):
        assert status_with(token) == 401


def test_use_extends_a_token_but_not_past_its_longest_life(people: People, settings: Any) -> None:
    token = sign_in(people.citizen)
    step = settings.REST_KNOX["TOKEN_TTL"] / 2
    longest = settings.REST_KNOX["AUTO_REFRESH_MAX_TTL"]
    moment = timezone.now()
    while moment - timezone.now() < longest - step:
        moment += step
        with time_machine.travel(moment):
            assert status_with(token) == 200  # used every half-life: alive
    with time_machine.travel(timezone.now() + longest + step):
        assert status_with(token) == 401


def test_a_password_reset_ends_the_tokens_issued_before_it(people: People) -> None:
    token = sign_in(people.citizen)
    user = people.citizen
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    link = f"/accounts/password-reset/{uid}/{default_token_generator.make_token(user)}/"
    client = Client()
    form = client.get(link, follow=True)
    new_password = "an entirely new pass phrase"
    client.post(form.redirect_chain[-1][0], {"new_password1": new_password,
                                               "new_password2": new_password})  # fmt: skip
    user.refresh_from_db()
    assert user.check_password(new_password)
    assert status_with(token) == 401
    assert status_with(sign_in(user, new_password)) == 200


def test_logging_out_revokes_the_token_used(people: People) -> None:
    used, other = sign_in(people.citizen), sign_in(people.citizen)
    assert status_with(used, "post", "/api/v1/auth/logout/") == 204
    assert status_with(used) == 401
    assert status_with(other) == 200


def test_the_owner_lists_and_revokes_tokens_never_seeing_them_whole(people: People) -> None:
    kept, revoked = sign_in(people.citizen), sign_in(people.citizen)
    listed = APIClient(HTTP_AUTHORIZATION=f"Token {kept}").get("/api/v1/auth/tokens/").json()
    assert {entry["token_key"] for entry in listed} == {kept[:15], revoked[:15]}
    assert kept not in str(listed) and revoked not in str(listed)
    path = f"/api/v1/auth/tokens/{revoked[:15]}/"
    assert status_with(sign_in(people.other_citizen), "delete", path) == 404  # not theirs
    assert status_with(revoked) == 200
    assert status_with(kept, "delete", path) == 204
    assert status_with(revoked) == 401
    assert status_with(kept, "delete", "/api/v1/auth/tokens/") == 204
    assert status_with(kept) == 401


def test_a_person_holds_a_bounded_number_of_tokens(people: People, settings: Any) -> None:
    settings.API_TOKENS_PER_USER = 2
    oldest, middle, newest = (sign_in(people.citizen) for _ in range(3))
    assert [status_with(t) for t in (oldest, middle, newest)] == [401, 200, 200]


def test_expired_tokens_go_when_presented_listed_renewed_or_swept(
    people: People, settings: Any
) -> None:
    from knox.models import AuthToken

    from accounts.tasks import clear_expired

    first, second = sign_in(people.citizen), sign_in(people.other_citizen)
    later = timezone.now() + settings.REST_KNOX["TOKEN_TTL"] + datetime.timedelta(hours=1)
    with time_machine.travel(later):
        fresh = sign_in(people.other_citizen)  # a new token clears its owner's expired ones
        assert AuthToken.objects.filter(user=people.other_citizen).count() == 1
        listed = APIClient(HTTP_AUTHORIZATION=f"Token {fresh}").get("/api/v1/auth/tokens/")
        assert [entry["token_key"] for entry in listed.json()] == [fresh[:15]]
        assert AuthToken.objects.filter(user=people.citizen).count() == 1  # not read: kept
        assert clear_expired() == 1  # beat's daily sweep
        assert not AuthToken.objects.filter(user=people.citizen).exists()
        assert status_with(first) == status_with(second) == 401
        assert status_with(fresh) == 200
