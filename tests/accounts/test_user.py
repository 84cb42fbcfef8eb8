from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import timezone

from accounts.models import User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_email_is_the_login_and_is_normalised() -> None:
    user = User.objects.create_user("Aigerim@Example.KZ", "pw-123456", full_name="Айгерим")
    assert user.email == "aigerim@example.kz"
    assert User.USERNAME_FIELD == "email"
    assert user.check_password("pw-123456")


def test_it_rejects_an_individual_with_an_invalid_iin() -> None:
    user = UserFactory.build(iin_bin="900315400018")
    with pytest.raises(ValidationError) as error:
        user.full_clean()
    assert "iin_bin" in error.value.message_dict


def test_it_validates_an_organisation_as_a_bin() -> None:
    organisation = UserFactory.build(kind=User.Kind.LEGAL, iin_bin="150440000013")
    organisation.full_clean()
    person_number_as_bin = UserFactory.build(kind=User.Kind.LEGAL, iin_bin="900315400017")
    with pytest.raises(ValidationError):
        person_number_as_bin.full_clean()


def test_one_account_per_proven_iin_claims_may_repeat() -> None:
    now = timezone.now()
    UserFactory(iin_bin="900315400017")
    UserFactory(iin_bin="900315400017")  # two claims: neither is proven
    UserFactory(iin_bin="900315400017", iin_verified_at=now, iin_verified_by="signature")
    with pytest.raises(IntegrityError):
        UserFactory(iin_bin="900315400017", iin_verified_at=now, iin_verified_by="document")


def test_staff_accounts_may_leave_the_iin_empty() -> None:
    UserFactory(iin_bin="")
    UserFactory(iin_bin="")
    assert User.objects.filter(iin_bin="").count() == 2


def test_superuser_gets_admin_access() -> None:
    admin = User.objects.create_superuser("root@otinish.test", "pw-123456", full_name="Root")
    assert admin.is_staff
    assert admin.is_superuser
