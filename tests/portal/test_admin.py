from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import User
from agencies.models import Region

pytestmark = pytest.mark.django_db

REFERENCE_ADMINS = [
    "agencies_region",
    "agencies_agency",
    "agencies_category",
    "agencies_routingrule",
    "agencies_calendarday",
    "agencies_appealtype",
    "accounts_user",
    "accounts_membership",
]


@pytest.fixture
def admin_client_() -> Client:
    admin = User.objects.create_superuser("root@otinish.test", "pw-123456", full_name="Root")
    client = Client()
    client.force_login(admin)
    return client


@pytest.mark.parametrize("name", REFERENCE_ADMINS)
def test_admins_see_every_reference_list(admin_client_: Client, name: str) -> None:
    assert admin_client_.get(reverse(f"admin:{name}_changelist")).status_code == 200
    assert admin_client_.get(reverse(f"admin:{name}_add")).status_code == 200


def test_an_admin_can_rename_a_region(admin_client_: Client) -> None:
    region = Region.objects.get(code="KZ-62")
    response = admin_client_.post(
        reverse("admin:agencies_region_change", args=[region.pk]),
        {
            "code": "KZ-62",
            "kind": "oblast",
            "name_ru": region.name_ru,
            "name_kk": region.name_kk,
            "name_en": "Ulytau (renamed)",
        },
    )
    assert response.status_code == 302
    region.refresh_from_db()
    assert region.name_en == "Ulytau (renamed)"


def test_an_admin_can_create_a_staff_account(admin_client_: Client) -> None:
    response = admin_client_.post(
        reverse("admin:accounts_user_add"),
        {
            "email": "clerk@otinish.test",
            "full_name": "Clerk",
            "usable_password": "true",
            "password1": "a-long-passphrase-42",
            "password2": "a-long-passphrase-42",
        },
    )
    assert response.status_code == 302, response.content
    assert User.objects.filter(email="clerk@otinish.test").exists()


def test_citizens_cannot_enter_the_admin(client: Client) -> None:
    citizen = User.objects.create_user("c@otinish.test", "pw-123456", full_name="C")
    client.force_login(citizen)
    response = client.get(reverse("admin:agencies_region_changelist"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
