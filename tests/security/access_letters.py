"""The access walk's rows for the answer's letter (its PDF for the applicant and the staff who
see the appeal, the head's signing pages, the public check by verification code), and the
letters' routes for the public-PII scan (test_public_pii.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.urls import reverse

from appeals.letters.codes import code_new
from appeals.letters.issuance import letter_issue
from appeals.models import Appeal, Letter
from tests.files import pdf
from tests.security.access_table import Row, api, appeal, page, to
from tests.security.access_world import AGENCY_STAFF, APPLICANT, EVERYONE, NOBODY, World

ANSWERED = Appeal.Status.ANSWERED
HEAD_HERE = frozenset({"head"})
NOT_FOUND, NOT_JSON = frozenset({404}), frozenset({415})


def letter_pk(world: World) -> int:
    return letter_issue(world.appeal.pk).pk


def _code(world: World) -> str:
    return letter_issue(world.appeal.pk).code


def _forged(world: World) -> str:
    """The world's code with its last group changed: well formed, never issued."""
    code = _code(world)
    return code[:-4] + ("BBBB" if code.endswith("AAAA") else "AAAA")


def letter_state(world: World) -> list[tuple[Any, ...]]:
    """The letters and their signatures (the answer's own made first: a download makes it)."""
    letter_issue(world.appeal.pk)
    letters = Letter.objects.filter(appeal=world.appeal).order_by("pk")
    return list(letters.values_list("code", "sha256", "signer", "replaced_sha256"))


def some_pdf(world: World) -> dict[str, Any]:
    return {"file": pdf()}


def _verify(code: Any) -> Any:
    return lambda w: reverse("verify:letter", args=[code(w)])


def _api_verify(code: Any) -> Any:
    return lambda w: f"/api/v1/verify/{code(w)}/"


LETTER = {"status": ANSWERED}
# Checking a copy changes nothing, whoever sends it; the head's upload of an unsigned file
# is refused on the page with the form's reason (tests/appeals/test_letters_head.py signs).
POSTED = {"data": some_pdf, "effect": letter_state, "writes": False, **LETTER}

LETTER_ROWS = [
    page("appeals:letter", APPLICANT | AGENCY_STAFF, url=to("appeals:letter", appeal), **LETTER),
    page("appeals:letter_file", APPLICANT | AGENCY_STAFF,
         url=to("appeals:letter_file", letter_pk), **LETTER),
    page("appeals:letter_to_sign", HEAD_HERE, url=to("appeals:letter_to_sign", appeal), **LETTER),
    page("appeals:letter_sign", HEAD_HERE, url=to("appeals:letter_sign", appeal), **LETTER),
    page("appeals:letter_sign", HEAD_HERE, "POST", url=to("appeals:letter_sign", appeal),
         **POSTED),
    # Whoever holds the code may check the letter: it shows nothing about the person.
    page("verify:start", EVERYONE),
    page("verify:letter", EVERYONE, url=_verify(_code), **LETTER),
    page("verify:letter", EVERYONE, "POST", url=_verify(_code), **POSTED),
    page("verify:letter", NOBODY, url=_verify(_forged), refused_with=NOT_FOUND, label="forged",
         **LETTER),
    api("GET /api/v1/appeals/{id}/letter/", APPLICANT, **LETTER),
    api("GET /api/v1/staff/appeals/{id}/letter/", AGENCY_STAFF, **LETTER),
    Row("api-verify", url=_api_verify(_code), allowed=EVERYONE, site="api",
        operation="GET /api/v1/verify/{code}/", status=ANSWERED),
    Row("api-verify", url=_api_verify(_forged), allowed=NOBODY, site="api",
        operation="GET /api/v1/verify/{code}/", refused_with=NOT_FOUND, label="forged",
        status=ANSWERED),
    # The walk posts JSON; the check takes its file as multipart (tests/appeals/test_letters.py).
    Row("api-verify", url=_api_verify(_code), allowed=NOBODY, method="POST", site="api",
        operation="POST /api/v1/verify/{code}/", refused_with=NOT_JSON, label="as JSON",
        data=lambda w: {"file": "JVBERi0="}, effect=letter_state, status=ANSWERED),
]  # fmt: skip


def _checks_of_answers(prefix: str) -> Callable[[object], list[str]]:
    """The public check of the letters of answers (which name their applicants), and of a
    code never issued."""

    def urls(_: object) -> list[str]:
        answered = Appeal.objects.filter(status=ANSWERED).order_by("pk")[:4]
        codes = [*(letter_issue(appeal.pk).code for appeal in answered), code_new()]
        return [f"{prefix}{code}/" for code in codes]

    return urls


LETTER_PUBLIC = {
    "verify/": lambda _: ["/verify/", "/verify/?code=nonsense"],
    "verify/<str:code>/": _checks_of_answers("/verify/"),
    "api/v1/verify/<str:code>/": _checks_of_answers("/api/v1/verify/"),
}
LETTER_PRIVATE = [
    "appeals/<int:pk>/letter/", "appeals/<int:pk>/letter/to-sign/",
    "appeals/<int:pk>/letter/sign/", "appeals/letters/<int:pk>/",
]  # fmt: skip
