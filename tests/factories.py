from __future__ import annotations

import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from accounts.identifiers import check_digit
from accounts.models import Membership, User
from agencies.models import Agency, AppealType, Category
from appeals.models import Appeal


def valid_iin(serial: int) -> str:
    """An IIN of someone born on 15 March 1990, with a real check digit."""
    while True:
        first_eleven = f"9003153{serial % 10_000:04d}"
        digit = check_digit(first_eleven)
        if digit is not None:
            return first_eleven + str(digit)
        serial += 1


class UserFactory(DjangoModelFactory[User]):
    class Meta:
        model = User
        django_get_or_create = ("email",)

    email = factory.Sequence(lambda n: f"person{n}@otinish.test")
    full_name = factory.Faker("name", locale="ru_RU")
    iin_bin = factory.Sequence(lambda n: valid_iin(n * 3))
    password = factory.django.Password("correct horse battery")


class MembershipFactory(DjangoModelFactory[Membership]):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory, iin_bin="")
    agency = factory.LazyFunction(lambda: Agency.objects.get(code="akimat-kz-75"))
    role = Membership.Role.REGISTRAR


def api_token(user: User) -> str:
    """A new API token of `user`, as the token endpoint would give it."""
    from accounts.tokens import api_token_create

    return api_token_create(user=user)[1]


class AnsweredAppealFactory(DjangoModelFactory[Appeal]):
    """An appeal its body has answered, written straight into the table (no route, no
    events): the earlier answers the check against formal replies compares with."""

    class Meta:
        model = Appeal

    reference = factory.Sequence(lambda n: f"TST-2026-{n:08d}")
    type = factory.LazyFunction(lambda: AppealType.objects.get(code="application"))
    applicant = factory.SubFactory(UserFactory, email="answered@otinish.test")
    category = factory.LazyFunction(lambda: Category.objects.get(code="housing-heating"))
    agency = factory.LazyFunction(lambda: Agency.objects.get(code="akimat-kz-75"))
    addressee = factory.SelfAttribute("agency")
    subject = "Нет отопления"
    text = "В доме по улице Абая, 10 нет отопления с 1 ноября."
    language = "ru"
    received_at = factory.LazyFunction(timezone.now)
    due_at = factory.LazyAttribute(lambda o: o.received_at + datetime.timedelta(days=21))
    status = Appeal.Status.ANSWERED
    answered_at = factory.LazyAttribute(lambda o: o.received_at + datetime.timedelta(days=7))
    answer_kind = Appeal.AnswerKind.EXPLAINED
    answer_text = "Подача тепла в дом восстановлена 3 ноября после замены задвижки на вводе."
