from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
import redis
from django.conf import settings
from django.test import Client
from django.utils import translation

from accounts.models import Membership, User
from agencies.held import forget_all
from agencies.models import Agency, AppealType, Category, Region
from agencies.reference import reference_load
from appeals.models import Appeal
from appeals.services import appeal_answer, appeal_assign, appeal_register, appeal_submit
from petitions.reference import petition_rules_load
from tests.factories import MembershipFactory, UserFactory


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: Any, django_db_blocker: Any) -> None:
    """The shipped reference data, loaded once into the test database for every test."""
    with django_db_blocker.unblock():
        reference_load()
        petition_rules_load()


@pytest.fixture(autouse=True)
def default_language() -> Iterator[None]:
    """Each test starts in the default language: a request in Kazakh activates it for the
    thread, and a later test comparing a translated label would read it in Kazakh."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def reference_after_flush() -> None:
    """Transactional tests empty the database after themselves: load the reference again."""
    reference_load()
    petition_rules_load()


@pytest.fixture
def redis_client() -> Iterator[redis.Redis]:
    client = redis.Redis.from_url(settings.REDIS_URL, decode_responses=True)
    yield client
    client.close()


@dataclass(frozen=True)
class People:
    """The shared cast of permission tests."""

    citizen: User
    other_citizen: User
    registrar: User
    executor: User
    head: User
    controller: User
    front_office: User
    other_agency_head: User
    agency: Agency
    other_agency: Agency


def client_for(user: User) -> Client:
    """A browser session logged in as `user`."""
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def people() -> People:
    agency = Agency.objects.get(code="akimat-kz-75")
    other_agency = Agency.objects.get(code="akimat-kz-71")

    def staff(role: str, at: Agency = agency) -> User:
        return MembershipFactory.create(role=role, agency=at).user

    return People(
        citizen=UserFactory.create(full_name="Алия Citizen", email="alia@otinish.test"),
        other_citizen=UserFactory.create(full_name="Бауыржан Other", email="baur@otinish.test"),
        registrar=staff(Membership.Role.REGISTRAR),
        executor=staff(Membership.Role.EXECUTOR),
        head=staff(Membership.Role.HEAD),
        controller=staff(Membership.Role.CONTROLLER),
        front_office=staff(Membership.Role.FRONT_OFFICE),
        other_agency_head=staff(Membership.Role.HEAD, other_agency),
        agency=agency,
        other_agency=other_agency,
    )


def appeal_fields(agency: Agency) -> dict[str, Any]:
    """What a citizen fills in to write to `agency` about a cold flat."""
    return {
        "appeal_type": AppealType.objects.get(code="application"),
        "category": Category.objects.get(code="housing-heating"),
        "region": agency.region or Region.objects.get(code="KZ-75"),
        "addressee": agency,
        "subject": "Нет отопления",
        "text": "В доме по улице Абая, 10 нет отопления с 1 ноября.",
        "language": "ru",
    }


def submit_appeal(applicant: User, agency: Agency, **overrides: Any) -> Appeal:
    """An appeal sent through the real service, as a citizen would."""
    return appeal_submit(applicant=applicant, **{**appeal_fields(agency), **overrides})


@pytest.fixture
def appeal_in(people: People) -> Callable[[str], Appeal]:
    """An appeal of `people.citizen` to `people.agency`, brought to the given status."""

    def make(status: str) -> Appeal:
        appeal = submit_appeal(people.citizen, people.agency)
        if status == Appeal.Status.SUBMITTED:
            return appeal
        appeal = appeal_register(appeal_id=appeal.pk, actor=people.registrar)
        if status == Appeal.Status.REGISTERED:
            return appeal
        appeal = appeal_assign(appeal_id=appeal.pk, actor=people.head, executor=people.executor)
        if status == Appeal.Status.IN_PROGRESS:
            return appeal
        assert status == Appeal.Status.ANSWERED
        # A state to start from, not a test of the answer check: its warnings (a short answer,
        # the same text as the last appeal's) are overridden.
        return appeal_answer(
            appeal_id=appeal.pk,
            actor=people.executor,
            kind="explained",
            text="Отопление дали.",
            override_warnings=True,
        )

    return make


@pytest.fixture(autouse=True)
def forget_held_references() -> Iterator[None]:
    """Each test starts with no reference rows held (agencies/held.py): a test's rows are
    rolled back after it, and the next test's rows with the same codes are others."""
    forget_all()
    yield
    forget_all()
