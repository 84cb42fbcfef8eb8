"""Every URL of the site and every API operation, walked as every role.

ROWS says, for each URL pattern and each OpenAPI operation, how to build a real URL for it
and which roles may use it. Two tests keep the table complete: a pattern of the resolver
or an operation of the schema without a row (or an exclusion with its reason) fails.

The walk asks the real views, for each row and each role, and checks the answer:

- allowed: 2xx, or 3xx to the row's landing place, never to a login page and with no
  error message; a POST changes what it should (the row's `effect`); a list shows the
  citizen's appeal exactly to the roles in `sees`;
- refused: a visitor the site does not admit is sent to its login page (the API: 401);
  anyone else gets 403 or 404 (the back-office may also send them back with an error
  message), and a refused POST leaves the row's `effect` as it was.
"""

from __future__ import annotations

import datetime
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.contrib import messages
from django.contrib.auth.tokens import default_token_generator
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from drf_spectacular.generators import SchemaGenerator
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from accounts.models import User
from accounts.services import email_confirmation_tokens
from agencies.models import AppealType, Category, Region
from agencies.workdays import WorkCalendar
from appeals.attachments import clean_upload
from appeals.models import Appeal, Attachment, Feedback
from appeals.rating import rating_link_token
from appeals.services import extension_limit
from portal.health import record_heartbeat
from ratings.models import Period, RankingSnapshot, Scope
from ratings.snapshots import rankings_recompute
from tests.conftest import People, client_for, submit_appeal
from tests.factories import valid_iin
from tests.files import pdf

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as Response

pytestmark = pytest.mark.django_db
Status = Appeal.Status
PASSWORD = "correct horse battery"  # tests/factories.py

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
                    token, _ = Token.objects.get_or_create(user=user)
                    api_client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
                self.clients[role, api] = api_client
            else:
                self.clients[role, api] = client_for(user) if user is not None else Client()
        return self.clients[role, api]


@pytest.fixture
def cast(people: People, appeal_in: Callable[[str], Appeal], settings: Any, tmp_path: Any) -> Cast:
    settings.MEDIA_ROOT = tmp_path
    superuser = User.objects.create_superuser(
        "root@otinish.test", PASSWORD, full_name="Root", iin_bin=""
    )
    return Cast(people, appeal_in, superuser)


class World:
    """What one walk of a row needs, made on first use through the real services."""

    def __init__(self, cast: Cast, status: str) -> None:
        self.people, self.status, self._appeal_in = cast.people, status, cast.appeal_in

    @cached_property
    def appeal(self) -> Appeal:
        """The citizen's appeal to `people.agency`, in the row's status."""
        return self._appeal_in(self.status)

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


def feedback(world: World) -> list[tuple[bool, str]]:
    return list(Feedback.objects.filter(appeal=world.appeal).values_list("satisfied", "reason"))


def _extension_day(appeal: Appeal) -> str:
    """The latest working day the deadline may be extended to."""
    day = extension_limit(appeal)
    calendar = WorkCalendar.load(day - datetime.timedelta(days=15), day)
    while not calendar.is_working_day(day):
        day -= datetime.timedelta(days=1)
    return day.isoformat()


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
        lambda w: {"kind": "explained", "text": "Отопление дали."},
    ),
    "extend": Step(
        Status.IN_PROGRESS, HEADS,
        lambda w: {"until": _extension_day(w.appeal), "reason": "Нужна экспертиза"},
    ),
    "terminate": Step(Status.REGISTERED, HEADS, lambda w: {"reason": "no_substance"}),
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


# --- The table --------------------------------------------------------------------------

URL = Callable[[World], str]


@dataclass(frozen=True)
class Row:
    key: str  # the pattern's URL name, or its route when it has none
    url: URL
    allowed: frozenset[str]
    method: str = "GET"
    site: str = "main"  # main | api | backoffice | admin: how it turns visitors away
    status: str = Status.REGISTERED  # of the appeal the URL names
    data: Callable[[World], dict[str, Any]] | None = None
    effect: Callable[[World], object] | None = None
    writes: bool = True  # an allowed request changes `effect` (else: nobody changes it)
    sees: frozenset[str] | None = None  # a list: who finds the citizen's appeal in it
    lands: URL | None = None  # where an allowed redirect goes (a regex of the path)
    refused_with: frozenset[int] = frozenset()  # instead of the site's usual refusal (bad links)
    admitted_only: bool = False  # the admin's models: walked for the site's gate only
    fresh: bool = False  # every role needs a world of its own (one-time links)
    operation: str = ""  # "METHOD /path" of the OpenAPI schema
    label: str = ""


def to(name: str, *args: Callable[[World], object], then: str = "") -> URL:
    """The URL of a named pattern, its arguments taken from the world."""
    return lambda w: reverse(name, args=[arg(w) for arg in args]) + then


def appeal(world: World) -> int:
    return world.appeal.pk


def constant(value: str) -> Callable[[World], str]:
    return lambda w: value


def page(key: str, allowed: frozenset[str], method: str = "GET", **options: Any) -> Row:
    """A page whose URL needs nothing but its name."""
    options.setdefault("url", to(key))
    return Row(key, allowed=allowed, method=method, **options)


def api(operation: str, allowed: frozenset[str], **options: Any) -> Row:
    """A row for one operation of the schema; `{id}` is the citizen's appeal."""
    method, path = operation.split(" ")
    key = resolve(path.format(id=1)).view_name
    options.setdefault("url", lambda w: path.format(id=w.appeal.pk))
    return Row(key, allowed=allowed, method=method, site="api", operation=operation, **options)


def staff_action(action: str) -> Row:
    step = STEPS[action]
    operation = f"POST /api/v1/staff/appeals/{{id}}/{action}/"
    return api(operation, step.allowed, status=step.status, data=step.data, effect=appeal_state)


def backoffice(key: str, allowed: frozenset[str], method: str = "GET", **options: Any) -> Row:
    return page(key, allowed, method, site="backoffice", **options)


ACT = "backoffice:appeals_appeal_act"
CHANGE = "backoffice:appeals_appeal_change"
CHANGELIST = "backoffice:appeals_appeal_changelist"
FRONT_OFFICE = "backoffice:appeals_appeal_front_office"


def backoffice_action(action: str, method: str) -> Row:
    step = STEPS[action]
    posted = {"data": step.data, "effect": appeal_state} if method == "POST" else {}
    # Forwarded out of the agency's sight, the appeal's page is gone: back to the queue.
    lands = to(CHANGELIST) if action == "forward" else to(CHANGE, appeal)
    url = to(ACT, appeal, constant(action))
    return backoffice(ACT, step.allowed, method, url=url, status=step.status, lands=lands,
                      label=action, **posted)  # fmt: skip


def _healthz(world: World) -> str:
    record_heartbeat()  # beat does not run in tests: say it just ran
    return reverse("healthz")


def _heating() -> int:
    return Category.objects.get(code="housing-heating").pk


def _routing(world: World) -> str:
    region = world.people.agency.region_id
    return f"{reverse('appeals:routing')}?category={_heating()}&region={region}"


def _tampered(token: str) -> str:
    """The same token with its last characters changed."""
    return token[:-4] + ("BBBB" if token.endswith("AAAA") else "AAAA")


def _rating_link(world: World) -> str:
    return reverse("rating:by_link", args=[rating_link_token(world.appeal)])


def _forged_rating_link(world: World) -> str:
    return reverse("rating:by_link", args=[_tampered(rating_link_token(world.appeal))])


def _reset_link(world: World) -> str:
    citizen = world.people.citizen
    uid = urlsafe_base64_encode(force_bytes(citizen.pk))
    token = default_token_generator.make_token(citizen)
    return reverse("accounts:password_reset_confirm", args=[uid, token])


def _view_on_site(site: str) -> URL:
    return to(
        f"{site}:view_on_site", lambda w: ContentType.objects.get_for_model(Appeal).pk, appeal
    )


ANSWERED = Status.ANSWERED
SATISFIED = {"satisfied": "yes"}
FRONT_DESK = frozenset({"front_office"})
DETAIL = to("appeals:detail", appeal)
NOT_FOUND, BAD_REQUEST = frozenset({404}), frozenset({400})

MAIN = [
    page("home", EVERYONE),
    page("healthz", EVERYONE, url=_healthz),
    page("set_language", EVERYONE, "POST", data=lambda w: {"language": "en", "next": "/ratings/"},
         lands=lambda w: "/ratings/"),
    page("appeals:mine", LOGGED_IN, sees=APPLICANT),
    page("appeals:new", LOGGED_IN),
    # Anyone with an account may send an appeal of their own, staff included.
    page("appeals:new", LOGGED_IN, "POST", data=appeal_form, effect=appeal_count,
         lands=lambda w: r"/appeals/\d+/sent/"),
    page("appeals:routing", EVERYONE, url=_routing),
    page("appeals:sent", APPLICANT, url=to("appeals:sent", appeal)),
    page("appeals:attachment", APPLICANT | AGENCY_STAFF,
         url=to("appeals:attachment", lambda w: w.attachment.pk)),
    page("appeals:detail", APPLICANT, url=DETAIL),
    page("appeals:withdraw", APPLICANT, "POST", url=to("appeals:withdraw", appeal),
         data=lambda w: {"comment": "Решено"}, effect=appeal_state, lands=DETAIL),
    page("ratings:rankings", EVERYONE, url=to("ratings:rankings", then="?sort=received")),
    page("ratings:agency", EVERYONE, url=to("ratings:agency", lambda w: w.people.agency.code)),
    page("ratings:map", EVERYONE),
    page("ratings:methodology", EVERYONE),
    *[page("ratings:snapshot_export", EVERYONE, label=extension,
           url=to("ratings:snapshot_export", lambda w: w.snapshot.pk, constant(extension)))
      for extension in ("csv", "json")],
    page("rating:rate", APPLICANT, "POST", url=to("rating:rate", appeal), status=ANSWERED,
         data=lambda w: SATISFIED, effect=feedback, lands=DETAIL),
    # The email's link is the key: whoever holds it (the applicant's mailbox) may rate.
    page("rating:by_link", EVERYONE, url=_rating_link, status=ANSWERED),
    page("rating:by_link", EVERYONE, "POST", url=_rating_link, status=ANSWERED,
         data=lambda w: SATISFIED, effect=feedback),
    page("rating:by_link", NOBODY, url=_forged_rating_link, status=ANSWERED,
         refused_with=NOT_FOUND, label="forged"),
    page("rating:by_link", NOBODY, "POST", url=_forged_rating_link, status=ANSWERED,
         data=lambda w: SATISFIED, effect=feedback, refused_with=NOT_FOUND, label="forged"),
    page("accounts:login", EVERYONE),
    page("accounts:logout", EVERYONE, "POST", lands=lambda w: "/"),
    page("accounts:sign_up", EVERYONE, lands=to("appeals:mine")),
    # The link logs in the account it confirms, whoever opens it; it works once.
    page("accounts:confirm", EVERYONE, url=lambda w: w.confirmation, fresh=True,
         lands=to("appeals:new")),
    page("accounts:confirm", NOBODY, url=lambda w: _tampered(w.confirmation[:-1]) + "/",
         refused_with=BAD_REQUEST, label="forged"),
    page("accounts:profile", LOGGED_IN),
    page("accounts:password_reset", EVERYONE),
    page("accounts:password_reset_done", EVERYONE),
    page("accounts:password_reset_confirm", EVERYONE, url=_reset_link,
         lands=lambda w: r"/accounts/password-reset/[^/]+/set-password/"),
    page("accounts:password_reset_complete", EVERYONE),
    page("schema", EVERYONE),
    page("api-docs", EVERYONE),
    page("api-redoc", EVERYONE),
]  # fmt: skip

API = [
    api("GET /api/v1/rankings/", EVERYONE,
        url=lambda w: f"/api/v1/rankings/?scope={w.snapshot.scope}&period={w.snapshot.period}"),
    api("GET /api/v1/rankings/snapshots/", EVERYONE),
    api("GET /api/v1/rankings/snapshots/{id}/", EVERYONE,
        url=lambda w: f"/api/v1/rankings/snapshots/{w.snapshot.pk}/"),
    api("GET /api/v1/regions/", EVERYONE),
    api("GET /api/v1/agencies/", EVERYONE, url=lambda w: "/api/v1/agencies/?region=KZ-75"),
    api("GET /api/v1/categories/", EVERYONE),
    api("GET /api/v1/appeal-types/", EVERYONE),
    api("GET /api/v1/routing/", EVERYONE,
        url=lambda w: f"/api/v1/routing/?category={_heating()}&region=KZ-75"),
    # The password is what is checked: whoever has it may exchange it for a token.
    api("POST /api/v1/auth/token/", EVERYONE,
        data=lambda w: {"email": w.people.citizen.email, "password": PASSWORD}),
    api("GET /api/v1/appeals/", LOGGED_IN, sees=APPLICANT),
    api("POST /api/v1/appeals/", LOGGED_IN, data=api_appeal, effect=appeal_count),
    api("GET /api/v1/appeals/{id}/", APPLICANT),
    api("POST /api/v1/appeals/{id}/withdraw/", APPLICANT, data=lambda w: {}, effect=appeal_state),
    api("POST /api/v1/appeals/{id}/rating/", APPLICANT, status=ANSWERED,
        data=lambda w: {"satisfied": True}, effect=feedback),
    api("GET /api/v1/staff/appeals/", STAFF, sees=AGENCY_STAFF),
    api("GET /api/v1/staff/appeals/{id}/", AGENCY_STAFF),
    *[staff_action(action) for action in STEPS],
    api("POST /api/v1/staff/front-office/", FRONT_DESK, data=api_walk_in, effect=appeal_count),
]  # fmt: skip

BACKOFFICE = [
    backoffice("backoffice:index", STAFF),
    backoffice("backoffice:login", EVERYONE, lands=to("backoffice:index")),
    # Logged out, staff go to the home page; others were never in, and go to its door.
    backoffice("backoffice:logout", EVERYONE, "POST", lands=lambda w: "/(backoffice/)?"),
    backoffice("backoffice:password_change", STAFF),
    backoffice("backoffice:password_change_done", STAFF),
    # No field of the back-office autocompletes: it serves nobody (403 to staff).
    backoffice("backoffice:autocomplete", NOBODY),
    backoffice("backoffice:jsi18n", STAFF),
    # Nothing has a public page of its own to "view on site": 404 to staff.
    backoffice("backoffice:view_on_site", NOBODY, url=_view_on_site("backoffice")),
    *[backoffice_action(action, method) for action in STEPS for method in ("GET", "POST")],
    # Withdrawing is the applicant's, never the staff's.
    backoffice(ACT, NOBODY, url=to(ACT, appeal, constant("withdraw")), label="withdraw"),
    backoffice(FRONT_OFFICE, FRONT_DESK),
    backoffice(FRONT_OFFICE, FRONT_DESK, "POST", data=walk_in_form, effect=appeal_count,
               lands=to(FRONT_OFFICE)),
    backoffice(CHANGELIST, STAFF, sees=AGENCY_STAFF),
    backoffice("backoffice:appeals_appeal_add", NOBODY),
    backoffice("backoffice:appeals_appeal_history", AGENCY_STAFF,
               url=to("backoffice:appeals_appeal_history", appeal)),
    backoffice("backoffice:appeals_appeal_delete", NOBODY,
               url=to("backoffice:appeals_appeal_delete", appeal)),
    backoffice("backoffice:appeals_appeal_delete", NOBODY, "POST",
               url=to("backoffice:appeals_appeal_delete", appeal), data=lambda w: {"post": "yes"},
               effect=appeal_state),
    backoffice(CHANGE, AGENCY_STAFF, url=to(CHANGE, appeal)),
    # The admin's edit form is not there: a POST shows the page and changes nothing.
    backoffice(CHANGE, AGENCY_STAFF, "POST", url=to(CHANGE, appeal), effect=appeal_state,
               data=lambda w: {"subject": "Изменено", "status": ANSWERED}, writes=False,
               label="edit"),
    backoffice("backoffice/appeals/appeal/<path:object_id>/", STAFF,
               url=lambda w: to(CHANGELIST)(w) + f"{w.appeal.pk}/", lands=to(CHANGE, appeal)),
    backoffice("backoffice:app_list", STAFF, url=to("backoffice:app_list", constant("appeals"))),
    backoffice("backoffice/(?P<url>.*)$", STAFF, url=lambda w: to(CHANGELIST)(w).rstrip("/"),
               lands=to(CHANGELIST)),
]  # fmt: skip

# Django's admin is for the superuser alone. Each model is listed, so that a new one is a
# decision: it gets a line here, and its pages are walked for the site's gate.
ADMIN_MODELS = (
    "auth.group", "accounts.user", "accounts.membership", "agencies.region", "agencies.agency",
    "agencies.category", "agencies.routingrule", "agencies.calendarday", "agencies.appealtype",
    "notifications.notification", "axes.accessattempt", "axes.accesslog",
    "axes.accessfailurelog", "authtoken.tokenproxy",
)  # fmt: skip
ROOT = frozenset({SUPERUSER})


def admin(key: str, allowed: frozenset[str] = ROOT, method: str = "GET", **options: Any) -> Row:
    return page(key, allowed, method, site="admin", **options)


def some(label: str) -> Callable[[World], str]:
    """The id of an object of this model, if there is one (the gate comes first anyway)."""

    def object_id(world: World) -> str:
        pk = apps.get_model(label)._default_manager.values_list("pk", flat=True).first()
        return str(pk if pk is not None else 0)

    return object_id


def admin_model_rows(label: str) -> list[Row]:
    app, model = label.split(".")
    name = f"admin:{app}_{model}"
    bare = f"admin/{app}/{model}/<path:object_id>/"
    return [
        admin(f"{name}_changelist", admitted_only=True),
        admin(f"{name}_add", admitted_only=True),
        *[admin(f"{name}_{view}", url=to(f"{name}_{view}", some(label)), admitted_only=True)
          for view in ("history", "delete", "change")],
        admin(bare, url=lambda w: to(f"{name}_changelist")(w) + some(label)(w) + "/",
              admitted_only=True),
    ]  # fmt: skip


REGIONS = "admin:agencies_region_changelist"
AUTOCOMPLETE = "?app_label=accounts&model_name=membership&field_name=agency"
ADMIN = [
    admin("admin:index"),
    admin("admin:login", EVERYONE, lands=to("admin:index")),
    admin("admin:logout", EVERYONE, "POST", lands=lambda w: "/(admin/)?"),
    admin("admin:password_change"),
    admin("admin:password_change_done"),
    admin("admin:autocomplete", url=to("admin:autocomplete", then=AUTOCOMPLETE)),
    admin("admin:jsi18n"),
    # Nothing has a public page of its own to "view on site": 404 to the superuser too.
    admin("admin:view_on_site", NOBODY, url=_view_on_site("admin")),
    admin("admin:app_list", url=to("admin:app_list", constant("agencies"))),
    admin("admin/(?P<url>.*)$", url=lambda w: to(REGIONS)(w).rstrip("/"), lands=to(REGIONS)),
    admin("admin:auth_user_password_change",
          url=to("admin:auth_user_password_change", lambda w: w.people.citizen.pk)),
    *[row for label in ADMIN_MODELS for row in admin_model_rows(label)],
]  # fmt: skip

ROWS = [*MAIN, *API, *BACKOFFICE, *ADMIN]

# Patterns no row walks, each with its reason. None so far: even the admin sites' own
# pages (login, password change, autocomplete, "view on site", the catch-all) have rows.
EXCLUDED: dict[str, str] = {}


# --- Completeness --------------------------------------------------------------------------


def pattern_keys(
    patterns: list[Any] | None = None, prefix: str = "", namespace: str = ""
) -> list[str]:
    """Every pattern of the resolver, through every include: its name, or its route."""
    keys = []
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = ":".join(filter(None, [namespace, pattern.namespace or ""]))
            keys += pattern_keys(pattern.url_patterns, route, inner)
        elif isinstance(pattern, URLPattern):
            named = pattern.name and ":".join(filter(None, [namespace, pattern.name]))
            keys.append(named or route)
    return keys


def schema_operations() -> list[str]:
    schema = SchemaGenerator().get_schema(request=None, public=True)
    methods = {"get", "put", "post", "patch", "delete"}
    return [
        f"{method.upper()} {path}"
        for path, item in schema["paths"].items()
        for method in item
        if method in methods
    ]


def test_every_url_pattern_has_a_row() -> None:
    covered = {row.key for row in ROWS} | set(EXCLUDED)
    missing = [key for key in pattern_keys() if key not in covered]
    assert not missing, "URL patterns with no row in the access table: " + ", ".join(missing)
    stale = covered - set(pattern_keys())
    assert not stale, "Rows for URL patterns that no longer exist: " + ", ".join(sorted(stale))


def test_every_api_operation_has_a_row() -> None:
    operations = schema_operations()
    missing = [op for op in operations if op not in {row.operation for row in ROWS}]
    assert not missing, "API operations with no row in the access table: " + ", ".join(missing)
    stale = {row.operation for row in ROWS if row.operation} - set(operations)
    assert not stale, "Rows for API operations that no longer exist: " + ", ".join(sorted(stale))


# --- The walk --------------------------------------------------------------------------------


def _location(response: Response) -> str:
    return urlsplit(response.get("Location", "")).path


def _complaints(response: Response) -> list[str]:
    """Error and warning messages the response queued for the person."""
    storage = getattr(response.wsgi_request, "_messages", None)
    return [str(m) for m in storage or [] if m.level >= messages.WARNING]


def _body(response: Response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode(errors="replace")  # type: ignore[attr-defined]
    return response.content.decode(errors="replace")


def _allowed_problem(
    row: Row, role: str, response: Response, world: World, changed: bool
) -> str | None:
    code, where = response.status_code, _location(response)
    sent_to_login = 300 <= code < 400 and where in LOGIN.values()
    if row.admitted_only:
        return None if not sent_to_login and code < 500 else "the site did not admit them"
    if 300 <= code < 400:
        if sent_to_login or row.lands is None or not re.fullmatch(row.lands(world), where):
            return f"redirected to {where!r}"
    elif not 200 <= code < 300:
        return f"got {code}"
    if _complaints(response):
        return f"was told {_complaints(response)}"
    if row.effect is not None and changed != row.writes:
        return "the action changed nothing" if row.writes else "it changed the appeal"
    if row.sees is not None and (world.appeal.reference in _body(response)) != (role in row.sees):
        return (
            "sees the citizen's appeal"
            if role not in row.sees
            else "does not see the citizen's appeal"
        )
    return None


def _refused_problem(row: Row, role: str, response: Response) -> str | None:
    code, where = response.status_code, _location(response)
    if row.refused_with:
        return None if code in row.refused_with else f"got {code} {where}"
    if row.site == "api":
        expected = {401} if role == ANONYMOUS else {403, 404}
        if code not in expected or "error" not in response.json():
            return f"got {code} {response.content[:200]!r}"
        return None
    turned_away = role == ANONYMOUS or role not in ADMITS.get(row.site, EVERYONE)
    if turned_away:
        return (
            None
            if code == 302 and where == LOGIN[row.site]
            else f"got {code} {where}, not the login page"
        )
    if code in (403, 404):
        return None
    # The back-office sends staff back to where they were, saying why.
    sent_back = code == 302 and where.startswith("/backoffice/") and _complaints(response)
    return None if row.site == "backoffice" and sent_back else f"got {code} {where}"


def visit(row: Row, role: str, world: World, cast: Cast) -> str | None:
    """What is wrong with `role`'s answer at this row, or None."""
    client = cast.client(role, api=row.site == "api")
    url = row.url(world)
    data = row.data(world) if row.data else {}
    before = row.effect(world) if row.effect else None
    if row.sees is not None:
        world.appeal  # noqa: B018 - made before the list is asked for
    if row.method == "GET":
        response = client.get(url)
    elif row.site == "api":
        response = client.post(url, data, format="json")
    else:
        response = client.post(url, data)
    # Not response.close(): its "request finished" signal would close the test's connection.
    changed = row.effect is not None and row.effect(world) != before
    if role in row.allowed:
        return _allowed_problem(row, role, response, world, changed)
    if changed:
        return "a refused request changed something"
    return _refused_problem(row, role, response)


def row_id(row: Row) -> str:
    return " ".join(filter(None, [row.method, row.operation.split(" ")[-1] or row.key, row.label]))


@pytest.mark.parametrize("row", ROWS, ids=row_id)
def test_each_role_is_allowed_or_refused(cast: Cast, row: Row) -> None:
    shared = World(cast, row.status)
    problems = []
    for role in ROLES:
        # An allowed POST changes its world, and a one-time link works once: a new one each.
        own = row.fresh or (row.writes and row.method == "POST" and role in row.allowed)
        world = World(cast, row.status) if own else shared
        problem = visit(row, role, world, cast)
        if problem is not None:
            verdict = "allowed" if role in row.allowed else "refused"
            problems.append(f"{role} (should be {verdict}): {problem}")
    assert not problems, f"{row.method} {row.url(shared)}\n" + "\n".join(problems)
