"""Every page, as each role reaches it, at 360 and 1280 px: no serious or critical axe
violation (WCAG 2.2's target size included), no console error, nothing blocked by the
Content-Security-Policy or failing to load, and no sideways scrolling. One data set, one walk,
one report of every failure."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.test import Client
from django.urls import reverse
from playwright.sync_api import Browser, Page
from pytest_django.live_server_helper import LiveServer

from accounts.models import User
from appeals.hearings import appeal_hear
from appeals.models import Appeal
from appeals.models.appeal import REFERENCE_SEQUENCE
from appeals.questions import appeal_ask
from appeals.rating import rating_link_token
from appeals.status_lookup import code_new, code_shown, lookup_hash
from appeals.workflow import STAFF_ACTIONS, allowed_actions
from listening.models import ProblemCluster
from notifications.selectors import inbox_of
from portal.pages import PAGES
from ratings.snapshots import rankings_recompute
from tests.conftest import People
from tests.e2e import listening_walk, petitions_walk, receptions_walk
from tests.e2e.walk import Role, Stop, submit_empty, walk_every_width
from tests.ratings.dataset import AS_OF, load_data_set

BACKOFFICE = "/backoffice/appeals/appeal/"


@dataclass(frozen=True)
class World:
    """The appeals of `people.citizen` to `people.agency` the walk shows, one per state."""

    submitted: Appeal
    registered: Appeal
    in_progress: Appeal
    talking: Appeal  # in progress, with an intended refusal and a question to the citizen
    answered: Appeal
    status_code: str  # the lookup code of `submitted`
    receptions: receptions_walk.Receptions  # meetings in each state, bookings, questions
    petitions: petitions_walk.Petitions  # the citizen's petitions in each state
    cluster: ProblemCluster  # a problem cluster of the appeals above (listening_walk.py)


def build_world(people: People, appeal_in: Callable[[str], Appeal], settings: Any) -> World:
    load_data_set(settings)  # every ranking figure, for the public pages
    rankings_recompute(as_of=AS_OF)
    with connection.cursor() as cursor:  # past the numbers the data set gives itself
        cursor.execute("SELECT setval(%s, GREATEST(nextval(%s), 10000))", [REFERENCE_SEQUENCE] * 2)
    submitted = appeal_in(Appeal.Status.SUBMITTED)
    code = code_new()  # its own was shown once, at sending: this one the walk knows
    Appeal.objects.filter(pk=submitted.pk).update(
        lookup_hash=lookup_hash(submitted.reference, code)
    )
    talking = appeal_in(Appeal.Status.IN_PROGRESS)
    appeal_hear(appeal_id=talking.pk, actor=people.executor, intended="Отказать: дом не наш.")
    appeal_ask(
        appeal_id=talking.pk, actor=people.executor, kind="clarification",
        text="Уточните номер квартиры.",
    )  # fmt: skip
    registered, in_progress = (
        appeal_in(Appeal.Status.REGISTERED),
        appeal_in(Appeal.Status.IN_PROGRESS),
    )
    return World(
        submitted=submitted, registered=registered, in_progress=in_progress, talking=talking,
        answered=appeal_in(Appeal.Status.ANSWERED), status_code=code_shown(code),
        receptions=receptions_walk.build_receptions(people),
        petitions=petitions_walk.build_petitions(people),
        cluster=listening_walk.build_cluster(people, [registered, in_progress]),
    )  # fmt: skip


def session_of(user: User) -> str:
    client = Client()
    client.force_login(user)
    return client.cookies[django_settings.SESSION_COOKIE_NAME].value


def look_up(reference: str, code: str) -> Callable[[Page], None]:
    def then(page: Page) -> None:
        page.fill("[name=reference]", reference)
        page.fill("[name=code]", code)
        with page.expect_navigation():
            page.locator("main form [type=submit]").click()

    return then


def public_stops(world: World) -> list[Stop]:
    reference = world.submitted.reference
    return [
        Stop("/"), Stop("/", language="kk"), Stop("/", language="en"),
        *(Stop(reverse(f"pages:{name}")) for name in PAGES),
        Stop(reverse("accounts:login")), Stop("/backoffice/login/"),
        Stop(reverse("accounts:sign_up")),
        Stop(reverse("accounts:sign_up"), "after an empty submit", then=submit_empty),
        Stop(reverse("accounts:password_reset")),
        Stop(reverse("status:lookup")),
        Stop(reverse("status:lookup"), "a status", then=look_up(reference, world.status_code)),
        Stop(reverse("status:lookup"), "a wrong code", 404, then=look_up(reference, "2345-6789")),
        Stop(reverse("ratings:rankings")),
        Stop(reverse("ratings:agency", args=["akimat-kz-75"])),
        Stop(reverse("ratings:map")), Stop(reverse("ratings:methodology")),
        Stop(reverse("api-docs"), ready=".swagger-ui .info"),
        # Its operations, drawn by Redoc from the schema, are 16,000 elements that take axe
        # some 20 s a width; the page around them is checked.
        Stop(reverse("api-redoc"), ready=".redoc-wrap", axe_skips=".api-content"),
        Stop(reverse("verify:start")),
        *receptions_walk.public_stops(world.receptions),
        *petitions_walk.public_stops(world.petitions),
        *listening_walk.public_stops(world.cluster),
    ]  # fmt: skip


def citizen_stops(world: World, citizen: User) -> list[Stop]:
    answered, talking = world.answered, world.talking
    notice = inbox_of(citizen.pk).first()
    assert notice is not None
    return [
        Stop(reverse("appeals:new")),
        Stop(reverse("appeals:new"), "after an empty submit", then=submit_empty),
        Stop(f"{reverse('appeals:new')}?complaint_of={answered.pk}", "a complaint"),
        Stop(reverse("appeals:mine")),
        Stop(reverse("appeals:sent", args=[world.submitted.pk])),
        Stop(reverse("appeals:detail", args=[talking.pk]), "a hearing and a question"),
        Stop(reverse("appeals:objection", args=[talking.pk])),
        Stop(reverse("appeals:detail", args=[answered.pk]), "answered"),
        Stop(reverse("rating:by_link", args=[rating_link_token(answered)])),
        Stop(reverse("inbox:list")), Stop(reverse("inbox:notice", args=[notice.pk])),
        Stop(reverse("accounts:profile")), Stop(reverse("accounts:signature")),
        *receptions_walk.citizen_stops(world.receptions),
        *petitions_walk.citizen_stops(world.petitions),
    ]  # fmt: skip


def staff_stops(user: User, appeal: Appeal, walked: set[str]) -> list[Stop]:
    """The appeal's page and the form of each action `user` may take on it that no one
    walked before."""
    actions = [a for a in allowed_actions(user, appeal) if a in STAFF_ACTIONS and a not in walked]
    walked.update(actions)
    return [
        Stop(f"{BACKOFFICE}{appeal.pk}/change/", appeal.status),
        *(Stop(f"{BACKOFFICE}{appeal.pk}/act/{action}/") for action in actions),
    ]


def back_office_roles(world: World, people: People) -> list[Role]:
    walked: set[str] = set()
    front_office = f"{BACKOFFICE}front-office/"
    in_progress = f"{BACKOFFICE}{world.in_progress.pk}"
    return [
        Role("registrar", [
            Stop("/backoffice/", "the registrar's queue", sends_on=True),
            Stop("/backoffice/?all=1", "its sections"),
            *staff_stops(people.registrar, world.submitted, walked),
        ], session_of(people.registrar)),
        Role("executor", [
            Stop("/backoffice/", "the executor's queue", sends_on=True),
            *staff_stops(people.executor, world.in_progress, walked),
            Stop(f"{in_progress}/act/answer/", "after an empty submit", then=submit_empty),
        ], session_of(people.executor)),
        Role("head", [
            *staff_stops(people.head, world.registered, walked),
            *staff_stops(people.head, world.in_progress, walked)[1:],
            *receptions_walk.head_stops(world.receptions),
            *petitions_walk.head_stops(world.petitions),
            *listening_walk.head_stops(world.cluster),
        ], session_of(people.head)),
        Role("controller", [
            Stop("/backoffice/", "the controller's queue", sends_on=True),
            Stop(f"{in_progress}/change/", "as the controller"),
            *listening_walk.controller_stops(world.cluster),
        ], session_of(people.controller)),
        Role("front office", [
            Stop(front_office), Stop(front_office, "after an empty submit", then=submit_empty),
            *receptions_walk.front_office_stops(world.receptions),
        ], session_of(people.front_office)),
        Role("petition moderator", petitions_walk.moderator_stops(world.petitions),
             session_of(world.petitions.moderator)),
        Role("staff of another agency", [
            Stop(f"{in_progress}/change/", "another agency's", 404),
        ], session_of(people.other_agency_head)),
    ]  # fmt: skip


def walkers(part: str, world: World, people: People) -> list[Role]:
    """The roles of one part of the walk: each part is a test of its own, so that the test
    processes share the walk."""
    if part == "public":
        return [Role("anonymous", public_stops(world))]
    if part == "citizens":
        another = reverse("appeals:detail", args=[world.answered.pk])
        return [
            Role("citizen", citizen_stops(world, people.citizen), session_of(people.citizen)),
            Role("another citizen", [
                Stop(reverse("appeals:mine"), "none yet"), Stop(another, "another's", 404),
            ], session_of(people.other_citizen)),
        ]  # fmt: skip
    return back_office_roles(world, people)


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("reference_after_flush")
@pytest.mark.parametrize("part", ["public", "citizens", "back office"])
def test_every_page_passes_axe_logs_no_error_and_fits_the_width(
    part: str, people: People, appeal_in: Callable[[str], Appeal], live_server: LiveServer,
    browser: Browser, settings: Any,
) -> None:  # fmt: skip
    world = build_world(people, appeal_in, settings)
    report = walk_every_width(browser, live_server.url, walkers(part, world, people))
    if report:
        pytest.fail(report, pytrace=False)
