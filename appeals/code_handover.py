"""The plain lookup code on its way from the request that made the appeal to the one page
that shows it (the citizen's confirmation, the walk-in's receipt): a signed, short-lived
cookie in the sender's own browser, bound to the appeal and the person. Neither the
database nor the session (kept in the database) ever holds it."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from appeals.models import Appeal
from appeals.status_lookup import code_matches, code_normal

SENT = "otinish_sent_code"  # read, and dropped, by the confirmation page
RECEIPT = "otinish_receipt"  # read by the front-office desk and its receipt until it expires
SENT_SECONDS, RECEIPT_SECONDS = 10 * 60, 15 * 60


def _salt(name: str) -> str:
    return f"{__name__}.{name}"


def handover_give(
    response: HttpResponse, name: str, *, appeal: Appeal, user: Any, code: str, path: str
) -> None:
    """Hands `code` to the next requests of `user`'s browser under `path`."""
    response.set_signed_cookie(
        name, f"{appeal.pk}:{user.pk}:{code}", salt=_salt(name), path=path,
        max_age=SENT_SECONDS if name == SENT else RECEIPT_SECONDS, httponly=True,
        secure=settings.SESSION_COOKIE_SECURE, samesite="Strict",
    )  # fmt: skip


def handover_appeal_id(request: HttpRequest, name: str) -> int | None:
    """The appeal the code handed to this person is of, if one is, unexpired."""
    held = _held(request, name)
    return held[0] if held else None


def handover_take(request: HttpRequest, name: str, appeal: Appeal) -> str | None:
    """The code handed to this person for `appeal`, if it is still the appeal's."""
    held = _held(request, name)
    if held is None or held[0] != appeal.pk or not code_matches(appeal, held[1]):
        return None
    return held[1]


def handover_drop(response: HttpResponse, name: str, path: str) -> None:
    response.delete_cookie(name, path=path, samesite="Strict")


def _held(request: HttpRequest, name: str) -> tuple[int, str] | None:
    max_age = SENT_SECONDS if name == SENT else RECEIPT_SECONDS
    value = request.get_signed_cookie(name, default=None, salt=_salt(name), max_age=max_age)
    appeal_id, _, rest = (value or "").partition(":")
    user_id, _, code = rest.partition(":")
    if not appeal_id.isdigit() or user_id != str(request.user.pk) or code_normal(code) != code:
        return None
    return int(appeal_id), code
