"""Choosing notices by SMS as well as by email: at sign-up and in the profile."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import User
from tests.accounts.test_sign_up import SIGN_UP, sign_up_data
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_sms_are_chosen_at_sign_up(client: Client) -> None:
    client.post(SIGN_UP, sign_up_data(notify_by_sms="on"))
    assert User.objects.get(email="dana@example.kz").notify_by_sms


def test_sms_are_not_chosen_unless_asked(client: Client) -> None:
    client.post(SIGN_UP, sign_up_data())
    assert not User.objects.get(email="dana@example.kz").notify_by_sms


def test_the_profile_turns_sms_on_and_off(client: Client) -> None:
    user = UserFactory.create(email="dana@example.kz", phone="+77010000001")
    client.force_login(user)
    profile = reverse("accounts:profile")
    fields = {"full_name": "Дана", "phone": "+77010000001", "preferred_language": "ru"}
    assert 'name="notify_by_sms"' in client.get(profile).content.decode()
    client.post(profile, {**fields, "notify_by_sms": "on"})
    user.refresh_from_db()
    assert user.notify_by_sms
    client.post(profile, fields)
    user.refresh_from_db()
    assert not user.notify_by_sms
