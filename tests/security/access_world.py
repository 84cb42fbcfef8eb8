"""The people who walk the site in the access walk (one client per role), the world of
objects a row needs, and the effects a row's POST must have or leave alone."""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from django.test import Client
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from knox.models import AuthToken
from rest_framework.test import APIClient

from accounts.models import User
from accounts.services import email_confirmation_tokens
from agencies.models import Agency, AppealType, Category, Region
from agencies.workdays import WorkCalendar
from appeals.attachments import clean_upload
from appeals.models import Appeal, AppealLink, Attachment, Feedback
from appeals.services import appeal_assign, appeal_hear, appeal_register, extension_limit
from ratings.models import Period, RankingSnapshot, Scope
from ratings.snapshots import rankings_recompute
from tests.conftest import People, client_for, submit_appeal
from tests.factories import api_token, valid_iin
from tests.files import pdf
from tests.security.petition_world import Petitions
from tests.security.reception_world import Receptions

if TYPE_CHECKING:
    pass

Status = Appeal.Status
# Not a status: the row's appeal is a complaint to people.agency, in progress there.
COMPLAINT_IN_PROGRESS = "complaint_in_progress"
# Not a status: the row's appeal is in progress, its applicant told of an intended refusal.
HEARING_OPEN = "hearing_open"
# Not a status: the row's appeal is registered, the citizen's parallel appeal to other_agency
# linked to it (appeals/linking.py), which it may be joined to.
WITH_PARALLEL = "with_parallel"
PASSWORD = "correct horse battery"  # tests/factories.py
INTENDED = "Отказать: дом не в списке на ремонт (ст. 73 АППК); возразите в срок."

# --- Who ------------------------------------------------------------------------------

ANONYMOUS, CITIZEN, SUPERUSER = "anonymous", "citizen", "superuser"
AGENCY_STAFF = frozenset({"registrar", "executor", "head", "front_office", "controller"})
STAFF = AGENCY_STAFF | {"other_agency_head"}
# The superuser is Django's site administrator: no role in any agency.
ROLES = (ANONYMOUS, CITIZEN, "other_citizen", *sorted(AGENCY_STAFF), "other_agency_head", SUPERUSER)
EVERYONE = frozenset(ROLES)
LOGGED_IN = EVERYONE - {ANONYMOUS}
APPLICANT = frozenset({CITIZEN})
NOBODY: frozenset[str] = frozenset()

# Where each site sends the visitors it does not admit, and whom it admits at all.
LOGIN = {"main": "/accounts/login/", "backoffice": "/backoffice/login/", "admin": "/admin/login/"}
ADMITS = {"backoffice": STAFF, "admin": frozenset({SUPERUSER})}


@dataclass
class Cast:
    """The people of tests/conftest.py, a superuser, and one client per role."""

    people: People
    appeal_in: Callable[[str], Appeal]
    superuser: User
    clients: dict[tuple[str, bool], Client] = field(default_factory=dict)

    def user(self, role: str) -> User | None:
        if role == ANONYMOUS:
            return None
        return self.superuser if role == SUPERUSER else getattr(self.people, role)

    def client(self, role: str, *, api: bool) -> Client:
        """A browser session, or for the API a token (as API clients authenticate)."""
        if (role, api) not in self.clients:
            user = self.user(role)
            if api:
                api_client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
                if user is not None:
                    api_client.credentials(HTTP_AUTHORIZATION=f"Token {api_token(user)}")
                self.clients[role, api] = api_client
            else:
                self.clients[role, api] = client_for(user) if user is not None else Client()
        return self.clients[role, api]


class World:
    """What one walk of a row needs, made on first use through the real services."""

    def __init__(self, cast: Cast, status: str) -> None:
        self.people, self.status, self._appeal_in = cast.people, status, cast.appeal_in

    @cached_property
    def appeal(self) -> Appeal:
        """The citizen's appeal to `people.agency`, in the row's status."""
        if self.status == COMPLAINT_IN_PROGRESS:
            return complaint_in_progress(self.people)
        if self.status == HEARING_OPEN:
            appeal = self._appeal_in(Status.IN_PROGRESS)
            return appeal_hear(appeal_id=appeal.pk, actor=self.people.executor, intended=INTENDED)
        if self.status == WITH_PARALLEL:
            appeal = self._appeal_in(Status.REGISTERED)
            parallel = submit_appeal(self.people.citizen, self.people.other_agency)
            AppealLink.objects.create(appeal=parallel, earlier=appeal, kind="parallel",
                                      similarity=1)  # fmt: skip
            return appeal
        return self._appeal_in(self.status)

    @cached_property
    def citizen_token(self) -> str:
        """The first characters (token_key) of an API token of the citizen's."""
        return api_token(self.people.citizen)[:15]

    @cached_property
    def attachment(self) -> Attachment:
        appeal = submit_appeal(
            self.people.citizen, self.people.agency, attachments=[clean_upload(pdf())]
        )
        return appeal.attachments.get()

    @cached_property
    def snapshot(self) -> RankingSnapshot:
        rankings_recompute(periods=(Period.LAST_30_DAYS,))
        return RankingSnapshot.objects.get(scope=Scope.AKIMATS, period=Period.LAST_30_DAYS)

    @cached_property
    def receptions(self) -> Receptions:
        """Meetings of people.agency and their bookings (reception_world.py)."""
        return Receptions(self.people)

    @cached_property
    def petitions(self) -> Petitions:
        """Petitions of the citizen to people.agency (petition_world.py); other_agency_head
        moderates them."""
        petitions = Petitions(self.people)
        petitions.moderator  # noqa: B018 - a moderator before any petition row is walked
        return petitions

    @cached_property
    def confirmation(self) -> str:
        """The link of a new, not yet confirmed account's email: it works once."""
        user = User.objects.create_user(
            f"new-{uuid.uuid4().hex[:8]}@otinish.test", PASSWORD, is_active=False, full_name="New"
        )
        uid = urlsafe_base64_encode(force_bytes(user.pk))
        return reverse("accounts:confirm", args=[uid, email_confirmation_tokens.make_token(user)])


# --- What each row may do, and what it changes -----------------------------------------


def appeal_state(world: World) -> tuple[Any, ...]:
    """What any workflow action changes: a refused one must leave all of it as it was."""
    fields = ("status", "agency_id", "executor_id", "due_at", "subject")
    row = Appeal.objects.filter(pk=world.appeal.pk).values_list(*fields).get()
    return (*row, world.appeal.events.count(), feedback(world))


def appeal_count(world: World) -> int:
    return Appeal.objects.count()


def citizen_token_alive(world: World) -> bool:
    return AuthToken.objects.filter(token_key=world.citizen_token).exists()


def feedback(world: World) -> list[tuple[bool, str]]:
    return list(Feedback.objects.filter(appeal=world.appeal).values_list("satisfied", "reason"))


def _extension_day(appeal: Appeal) -> str:
    """The latest working day the deadline may be extended to."""
    day = extension_limit(appeal)
    calendar = WorkCalendar.load(day - datetime.timedelta(days=15), day)
    while not calendar.is_working_day(day):
        day -= datetime.timedelta(days=1)
    return day.isoformat()


def complaint_in_progress(people: People) -> Appeal:
    """A complaint about a district's silence, at the city akimat above it, assigned."""
    silent = submit_appeal(people.citizen, Agency.objects.get(code="akimat-kz-75-almaly"))
    Appeal.objects.filter(pk=silent.pk).update(due_at=silent.received_at)
    silent.refresh_from_db()
    complaint = submit_appeal(
        people.citizen, people.agency, appeal_type=AppealType.objects.get(code="complaint"),
        complaint_of=silent, subject="Жалоба", text="Ответа нет, срок прошёл давно.",
    )  # fmt: skip
    appeal_register(appeal_id=complaint.pk, actor=people.registrar)
    return appeal_assign(appeal_id=complaint.pk, actor=people.head, executor=people.executor)


@dataclass(frozen=True)
class Step:
    """One workflow action of the staff: the status it starts from, who may, its input."""

    status: str
    allowed: frozenset[str]
    data: Callable[[World], dict[str, Any]]


REGISTRARS, HEADS = frozenset({"registrar", "head"}), frozenset({"head"})
STEPS = {
    "register": Step(Status.SUBMITTED, REGISTRARS, lambda w: {"comment": "Принято"}),
    "forward": Step(
        Status.REGISTERED, REGISTRARS,
        lambda w: {"to_agency": w.people.other_agency.pk, "reason": "Не наша компетенция"},
    ),
    "assign": Step(Status.REGISTERED, HEADS, lambda w: {"executor": w.people.executor.pk}),
    "answer": Step(
        Status.IN_PROGRESS, frozenset({"executor", "head"}),
        lambda w: {"kind": "explained", "text": "Отопление дали.", "override_warnings": True},
    ),
    "decide": Step(
        COMPLAINT_IN_PROGRESS, frozenset({"executor", "head"}),
        lambda w: {"outcome": "upheld", "text": "Жалоба обоснована."},
    ),
    "extend": Step(
        Status.IN_PROGRESS, HEADS,
        lambda w: {"until": _extension_day(w.appeal), "reason": "Нужна экспертиза"},
    ),
    "terminate": Step(Status.REGISTERED, HEADS, lambda w: {"reason": "no_substance"}),
    "ask": Step(
        Status.IN_PROGRESS, frozenset({"executor", "head"}),
        lambda w: {"kind": "clarification", "text": "Уточните номер квартиры."},
    ),
    "hear": Step(Status.IN_PROGRESS, frozenset({"executor", "head"}),
                 lambda w: {"intended": INTENDED}),
    "join": Step(WITH_PARALLEL, frozenset({"executor", "head"}),
                 lambda w: {"lead": w.appeal.later_links.get().appeal_id}),
}  # fmt: skip


def appeal_form(world: World) -> dict[str, Any]:
    return {
        "submission_key": str(uuid.uuid4()),
        "appeal_type": AppealType.objects.get(code="application").pk,
        "category": Category.objects.get(code="housing-heating").pk,
        "region": Region.objects.get(code="KZ-75").pk,
        "addressee": world.people.agency.pk,
        "subject": "Нет отопления",
        "text": "В доме по улице Абая, 10 нет отопления с 1 ноября.",
        "language": "ru",
        "co_applicants": 0,
        "consent": "on",
    }


def walk_in_form(world: World) -> dict[str, Any]:
    form = appeal_form(world)
    for key in ("submission_key", "co_applicants", "consent"):
        del form[key]
    return {**form, "iin": valid_iin(4242), "full_name": "Гость Центра"}


def api_walk_in(world: World) -> dict[str, Any]:
    return {**api_appeal(world), "iin": valid_iin(4242), "full_name": "Гость Центра"}


def api_appeal(world: World) -> dict[str, Any]:
    return {
        "type": "application", "category": "housing-heating", "region": "KZ-75",
        "addressee": world.people.agency.code, "subject": "Нет отопления",
        "text": "В доме по улице Абая, 10 нет отопления с 1 ноября.", "language": "ru",
        "consent": True,
    }  # fmt: skip
