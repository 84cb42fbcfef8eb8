"""The access walk's rows for petitions (petitions/): the lists, feeds, open data, figures and
a published petition's pages and files for anyone, nothing of an unpublished one for anyone
there; filing and "my petitions" for anyone signed in (the form tells an unverified person
why he cannot file); filing, signing and withdrawing for the verified citizen only; the
moderation queue, a petition's moderation, accept, refuse and the burst flags for the
moderator (other_agency_head, see petition_world.py); the addressee's queue for staff, a
petition's page for the addressee's staff, and its answer for its heads, registrars and
executors (petitions/permissions.py ANSWERING_ROLES)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.urls import reverse

from agencies.models import Category
from petitions.models import Petition, PetitionFlag
from petitions.signing import signature_count
from tests.security.access_table import URL, Row, api, backoffice, page, to
from tests.security.access_world import (
    AGENCY_STAFF,
    APPLICANT,
    EVERYONE,
    LOGGED_IN,
    NOBODY,
    STAFF,
    World,
)

MODERATOR = frozenset({"other_agency_head"})
ANSWERING = frozenset({"head", "registrar", "executor"})
NOT_FOUND = frozenset({404})
# A refused signer is sent back to the petition, told why; a visitor to the login page.
SENT_BACK = frozenset({302})
# An unverified person gets the filing page again with the refusal; a visitor the login.
FORM_AGAIN = frozenset({200, 302})

Of = Callable[[World], Petition]


def submitted(w: World) -> Petition:
    return w.petitions.submitted


def collecting(w: World) -> Petition:
    return w.petitions.collecting


def unsigned(w: World) -> Petition:
    return w.petitions.unsigned


def considering(w: World) -> Petition:
    return w.petitions.considering


def slug_of(petition: Of) -> Callable[[World], str]:
    return lambda w: petition(w).slug


def pk_of(petition: Of) -> Callable[[World], int]:
    return lambda w: petition(w).pk


def file_of(petition: Of) -> Callable[[World], int]:
    return lambda w: petition(w).attachments.get().pk


# --- What each POST changes -------------------------------------------------------------------


def state(petition: Of) -> Callable[[World], tuple[Any, ...]]:
    fields = ("status", "refusal_reason", "outcome", "decision", "threshold")
    return lambda w: Petition.objects.filter(pk=petition(w).pk).values_list(*fields).get()


def count(petition: Of) -> Callable[[World], int]:
    return lambda w: signature_count(petition(w).pk)


def petitions_filed(w: World) -> int:
    w.petitions.citizen  # noqa: B018 - verified before the form is sent
    return Petition.objects.count()


def flag_state(w: World) -> tuple[Any, ...]:
    return PetitionFlag.objects.filter(pk=w.petitions.flag.pk).values_list("reviewed_at").get()


# --- What each POST sends ---------------------------------------------------------------------


def filing(w: World) -> dict[str, Any]:
    return {
        "addressee": w.people.agency.pk,
        "category": Category.objects.get(code="housing-heating").pk,
        "title": "Котельная на улице Абая", "text": "Котельная не работает третью зиму.",
        "demand": "Отремонтировать котельную.", "not_excluded": "on",
    }  # fmt: skip


def refusal(w: World) -> dict[str, Any]:
    return {"ground": "requirements", "excluded_subject": "", "reason": "Не ясно, что просят."}


# --- The rows ---------------------------------------------------------------------------------

DETAIL, SIGNERS, FILE = "petitions:detail", "petitions:signers", "petitions:file"
MINE = to("petitions:mine")


def detail_of(petition: Of) -> URL:
    return to(DETAIL, slug_of(petition))


def _another_petitions_file(w: World) -> str:
    """The unpublished petition's file under the published one's link."""
    return reverse(FILE, args=[collecting(w).slug, file_of(submitted)(w)])


PAGES = [
    *[page(f"petitions:{name}", EVERYONE) for name in (
        "list", "feed_rss", "feed_atom", "export_csv", "export_json", "figures", "methodology")],
    page("petitions:list", EVERYONE, label="filtered",
         url=to("petitions:list", then="?body=akimat-kz-75&status=collecting&sort=signatures")),
    page(DETAIL, EVERYONE, url=detail_of(collecting), label="by its link"),
    page(DETAIL, EVERYONE, url=detail_of(considering), label="with the addressee"),
    page(DETAIL, NOBODY, url=detail_of(submitted), refused_with=NOT_FOUND, label="unpublished"),
    page(DETAIL, NOBODY, url=detail_of(lambda w: w.petitions.refused), refused_with=NOT_FOUND,
         label="refused"),
    page(SIGNERS, EVERYONE, url=to(SIGNERS, slug_of(collecting))),
    page(SIGNERS, NOBODY, url=to(SIGNERS, slug_of(submitted)), refused_with=NOT_FOUND,
         label="unpublished"),
    page(FILE, EVERYONE, url=to(FILE, slug_of(collecting), file_of(collecting))),
    page(FILE, NOBODY, url=to(FILE, slug_of(submitted), file_of(submitted)),
         refused_with=NOT_FOUND, label="unpublished"),
    page(FILE, NOBODY, url=_another_petitions_file, refused_with=NOT_FOUND,
         label="another petition's"),
    # The page tells an unverified person why he cannot file; only the verified one files.
    page("petitions:new", LOGGED_IN),
    page("petitions:new", APPLICANT, "POST", data=filing, effect=petitions_filed, lands=MINE,
         refused_with=FORM_AGAIN),
    page("petitions:mine", LOGGED_IN),
    page("petitions:sign", APPLICANT, "POST", url=to("petitions:sign", slug_of(unsigned)),
         data=lambda w: {}, effect=count(unsigned), lands=detail_of(unsigned),
         refused_with=SENT_BACK),
    page("petitions:sign", NOBODY, "POST", url=to("petitions:sign", slug_of(submitted)),
         data=lambda w: {}, effect=state(submitted), refused_with=SENT_BACK | NOT_FOUND,
         label="unpublished"),
    page("petitions:withdraw", APPLICANT, "POST", url=to("petitions:withdraw", slug_of(collecting)),
         data=lambda w: {}, effect=count(collecting), lands=detail_of(collecting),
         refused_with=SENT_BACK),
]  # fmt: skip


def _api_petition(petition: Of, label: str = "", **options: Any) -> Row:
    """`{slug}` is no id: the row is written out, not built by api()."""
    return Row(
        "api-petition", url=lambda w: f"/api/v1/petitions/{petition(w).slug}/", site="api",
        operation="GET /api/v1/petitions/{slug}/", label=label, **options,
    )  # fmt: skip


API = [
    api("GET /api/v1/petitions/", EVERYONE),
    api("GET /api/v1/petitions/figures/", EVERYONE),
    _api_petition(collecting, allowed=EVERYONE),
    _api_petition(submitted, "unpublished", allowed=NOBODY, refused_with=NOT_FOUND),
]

PREFIX = "backoffice:petitions_petition"
MODERATE, CHANGE = f"{PREFIX}_moderate", f"{PREFIX}_change"


def moderators_page(name: str) -> URL:
    """A page of no petition: its moderator is named first."""

    def url(w: World) -> str:
        w.petitions.moderator  # noqa: B018 - other_agency_head moderates
        return reverse(name)

    return url


QUEUE, FLAGS = moderators_page(f"{PREFIX}_moderation"), moderators_page(f"{PREFIX}_flags")

BACKOFFICE = [
    backoffice(f"{PREFIX}_moderation", MODERATOR, url=QUEUE),
    backoffice(MODERATE, MODERATOR, url=to(MODERATE, pk_of(submitted))),
    backoffice(f"{PREFIX}_accept", MODERATOR, "POST", url=to(f"{PREFIX}_accept", pk_of(submitted)),
               data=lambda w: {}, effect=state(submitted), lands=QUEUE),
    backoffice(f"{PREFIX}_refuse", MODERATOR, "POST", url=to(f"{PREFIX}_refuse", pk_of(submitted)),
               data=refusal, effect=state(submitted), lands=QUEUE),
    backoffice(f"{PREFIX}_flags", MODERATOR, url=FLAGS),
    backoffice(f"{PREFIX}_flag_review", MODERATOR, "POST",
               url=to(f"{PREFIX}_flag_review", lambda w: w.petitions.flag.pk),
               data=lambda w: {"note": "Проверено: подписи настоящие."}, effect=flag_state,
               lands=FLAGS),
    # A petition's file before publication: the moderators' only.
    backoffice(f"{PREFIX}_file", MODERATOR, url=to(f"{PREFIX}_file", file_of(submitted))),
    backoffice(f"{PREFIX}_changelist", STAFF),
    backoffice(CHANGE, AGENCY_STAFF, url=to(CHANGE, pk_of(considering))),
    backoffice(CHANGE, ANSWERING, "POST", url=to(CHANGE, pk_of(considering)),
               data=lambda w: {"outcome": "partly", "decision": "Отремонтируют летом."},
               effect=state(considering), lands=to(CHANGE, pk_of(considering))),
]  # fmt: skip

PETITIONS_ROWS = [*PAGES, *API, *BACKOFFICE]
