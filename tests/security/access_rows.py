"""The access walk's table: for each URL pattern and each OpenAPI operation, how to build
a real URL for it, which roles may use it, and what a POST of it changes.

A new URL or operation without a row fails test_every_url_pattern_has_a_row (or its API
twin): add its row here, or an exclusion with its reason.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.apps import apps
from django.contrib.auth.tokens import default_token_generator
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from agencies.models import Category
from appeals.models import Appeal
from appeals.rating import rating_link_token
from portal.health import record_heartbeat
from tests.security.access_exchange import EXCHANGE_ROWS
from tests.security.access_inbox import INBOX_ROWS
from tests.security.access_letters import LETTER_ROWS
from tests.security.access_listening import LISTENING_ROWS
from tests.security.access_pages import PAGE_ROWS
from tests.security.access_petitions import PETITIONS_ROWS
from tests.security.access_receptions import RECEPTIONS_ROWS
from tests.security.access_status import STATUS_ROWS
from tests.security.access_table import URL, Row, api, appeal, backoffice, constant, page, to
from tests.security.access_topics import TOPIC_ROWS
from tests.security.access_world import (
    AGENCY_STAFF,
    APPLICANT,
    EVERYONE,
    HEARING_OPEN,
    LOGGED_IN,
    NOBODY,
    PASSWORD,
    STAFF,
    STEPS,
    SUPERUSER,
    World,
    api_appeal,
    api_walk_in,
    appeal_count,
    appeal_form,
    appeal_state,
    citizen_token_alive,
    feedback,
    walk_in_form,
)

Status = Appeal.Status


# --- The table (its rows are built as access_table.py says) --------------------------------


def staff_action(action: str) -> Row:
    step = STEPS[action]
    operation = f"POST /api/v1/staff/appeals/{{id}}/{action}/"
    return api(operation, step.allowed, status=step.status, data=step.data, effect=appeal_state)


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
OBJECTION = {"text": "Не согласна: дом включён в программу ремонта, копия приложена."}

MAIN = [
    page("home", EVERYONE),
    page("healthz", EVERYONE, url=_healthz),
    page("favicon", EVERYONE),
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
    page("appeals:objection", APPLICANT, url=to("appeals:objection", appeal), status=HEARING_OPEN),
    page("appeals:objection", APPLICANT, "POST", url=to("appeals:objection", appeal),
         status=HEARING_OPEN, data=lambda w: OBJECTION, effect=appeal_state, lands=DETAIL),
    page("ratings:rankings", EVERYONE, url=to("ratings:rankings", then="?sort=received")),
    page("ratings:agency", EVERYONE, url=to("ratings:agency", lambda w: w.people.agency.code)),
    page("ratings:map", EVERYONE),
    page("ratings:methodology", EVERYONE),
    *[page("ratings:snapshot_export", EVERYONE, label=extension,
           url=to("ratings:snapshot_export", lambda w: w.snapshot.pk, constant(extension)))
      for extension in ("csv", "json")],
    *[page("ratings:map_export", EVERYONE, label=extension,
           url=to("ratings:map_export", lambda w: w.snapshot.pk, constant(extension)))
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
    page("accounts:signature", EVERYONE),
    page("accounts:password_reset", EVERYONE),
    page("accounts:password_reset_done", EVERYONE),
    page("accounts:password_reset_confirm", EVERYONE, url=_reset_link,
         lands=lambda w: r"/accounts/password-reset/[^/]+/set-password/"),
    page("accounts:password_reset_complete", EVERYONE),
    page("schema", EVERYONE),
    page("api-docs", EVERYONE),
    page("api-redoc", EVERYONE),
    page("api-redoc-bundle", EVERYONE),
]  # fmt: skip

API = [
    api("GET /api/v1/rankings/", EVERYONE,
        url=lambda w: f"/api/v1/rankings/?scope={w.snapshot.scope}&period={w.snapshot.period}"),
    api("GET /api/v1/rankings/snapshots/", EVERYONE),
    api("GET /api/v1/rankings/snapshots/{id}/", EVERYONE,
        url=lambda w: f"/api/v1/rankings/snapshots/{w.snapshot.pk}/"),
    api("GET /api/v1/rankings/snapshots/{id}/problem-map/", EVERYONE,
        url=lambda w: f"/api/v1/rankings/snapshots/{w.snapshot.pk}/problem-map/"),
    api("GET /api/v1/rankings/snapshots/{id}/repeats/", EVERYONE,
        url=lambda w: f"/api/v1/rankings/snapshots/{w.snapshot.pk}/repeats/"),
    api("GET /api/v1/regions/", EVERYONE),
    api("GET /api/v1/agencies/", EVERYONE, url=lambda w: "/api/v1/agencies/?region=KZ-75"),
    api("GET /api/v1/categories/", EVERYONE),
    api("GET /api/v1/appeal-types/", EVERYONE),
    api("GET /api/v1/routing/", EVERYONE,
        url=lambda w: f"/api/v1/routing/?category={_heating()}&region=KZ-75"),
    # The password is what is checked: whoever has it may exchange it for a token.
    api("POST /api/v1/auth/token/", EVERYONE,
        data=lambda w: {"email": w.people.citizen.email, "password": PASSWORD}),
    api("GET /api/v1/auth/tokens/", LOGGED_IN),
    # Revoking: one's own tokens only; another's key is refused as unknown.
    api("DELETE /api/v1/auth/tokens/{token_key}/", APPLICANT, effect=citizen_token_alive,
        url=lambda w: f"/api/v1/auth/tokens/{w.citizen_token}/"),
    api("DELETE /api/v1/auth/tokens/", LOGGED_IN),
    api("POST /api/v1/auth/logout/", LOGGED_IN),
    api("GET /api/v1/appeals/", LOGGED_IN, sees=APPLICANT),
    api("POST /api/v1/appeals/", LOGGED_IN, data=api_appeal, effect=appeal_count),
    api("GET /api/v1/appeals/{id}/", APPLICANT),
    api("POST /api/v1/appeals/{id}/withdraw/", APPLICANT, data=lambda w: {}, effect=appeal_state),
    api("POST /api/v1/appeals/{id}/rating/", APPLICANT, status=ANSWERED,
        data=lambda w: {"satisfied": True}, effect=feedback),
    api("POST /api/v1/appeals/{id}/objection/", APPLICANT, status=HEARING_OPEN,
        data=lambda w: OBJECTION, effect=appeal_state),
    api("GET /api/v1/staff/appeals/", STAFF, sees=AGENCY_STAFF),
    api("GET /api/v1/staff/appeals/{id}/", AGENCY_STAFF),
    # Checking an answer sends nothing: for whoever may answer the appeal now.
    api("POST /api/v1/staff/appeals/{id}/answer/check/", frozenset({"executor", "head"}),
        status=Status.IN_PROGRESS, data=lambda w: {"kind": "refused", "text": "Нет."},
        effect=appeal_state, writes=False),
    *[staff_action(action) for action in STEPS],
    api("POST /api/v1/staff/front-office/", FRONT_DESK, data=api_walk_in, effect=appeal_count),
]  # fmt: skip

BACKOFFICE = [
    # The index opens on the role's queue (the front office's: the walk-in form); ?all=1 on
    # the index of the sections.
    backoffice("backoffice:index", STAFF, lands=to(CHANGELIST, then="(front-office/)?")),
    backoffice("backoffice:index", STAFF, url=lambda w: "/backoffice/?all=1", label="all sections"),
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
    "axes.accessfailurelog", "knox.authtoken", "petitions.petitionrules",
    "petitions.petitionlevel", "petitions.excludedsubject", "petitions.regionpopulation",
    "petitions.petition", "listening.clusterrule",
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

ROWS = [*MAIN, *API, *BACKOFFICE, *EXCHANGE_ROWS, *LETTER_ROWS, *INBOX_ROWS, *STATUS_ROWS,
        *PAGE_ROWS, *RECEPTIONS_ROWS, *PETITIONS_ROWS, *LISTENING_ROWS, *TOPIC_ROWS,
        *ADMIN]  # fmt: skip

# Patterns no row walks, each with its reason. None so far: even the admin sites' own
# pages (login, password change, autocomplete, "view on site", the catch-all) have rows.
EXCLUDED: dict[str, str] = {}
