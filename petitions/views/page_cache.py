"""A petition's page for visitors with no session, kept a few seconds as rendered with two
holes filled at every view: the exact count (the shards' sum) and the visitor's own CSRF
token (the language form carries one). While a popular petition is being signed its page
then costs a cache read and one query, not a render (docs/petitions.md, "Speed")."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from types import SimpleNamespace

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils.translation import get_language

from petitions.models import Petition
from petitions.selectors import Progress
from petitions.signing import signature_count

CSRF_MARK = "petition-page-csrf-mark"
PROGRESS_MARK = "<!-- petition-progress -->"


@dataclass(frozen=True)
class Kept:
    html: str
    petition_id: int
    threshold: int
    status: str
    collection_ends_at: datetime.datetime | None
    listed: bool


def cacheable(request: HttpRequest) -> bool:
    """No session, no message waiting and no query (the language form sends the visitor
    back to the full path): the page is the same for every such visitor."""
    cookies = request.COOKIES
    return (
        settings.PETITIONS_PAGE_CACHE_SECONDS > 0
        and not request.META.get("QUERY_STRING")
        and settings.SESSION_COOKIE_NAME not in cookies
        and "messages" not in cookies
    )


def _key(slug: str) -> str:
    return f"petition-page:{slug}:{get_language()}"


def _filled(request: HttpRequest, kept: Kept) -> HttpResponse:
    progress = Progress(signature_count(kept.petition_id), kept.threshold)
    petition = SimpleNamespace(status=kept.status, collection_ends_at=kept.collection_ends_at)
    counted = render_to_string(
        "petitions/_progress.html", {"progress": progress, "petition": petition}
    )
    html = kept.html.replace(PROGRESS_MARK, counted).replace(CSRF_MARK, get_token(request))
    response = HttpResponse(html)
    if not kept.listed:
        response["X-Robots-Tag"] = "noindex"
    return response


def kept_page(request: HttpRequest, slug: str) -> HttpResponse | None:
    kept = cache.get(_key(slug))
    return _filled(request, kept) if isinstance(kept, Kept) else None


def keep(request: HttpRequest, petition: Petition, rendered: HttpResponse) -> HttpResponse:
    """Keeps the page rendered with the marks (`progress_mark`, CSRF_MARK as the token)."""
    kept = Kept(
        html=rendered.content.decode(), petition_id=petition.pk,
        threshold=petition.threshold or 0, status=petition.status,
        collection_ends_at=petition.collection_ends_at, listed=petition.listed_at is not None,
    )  # fmt: skip
    cache.set(_key(petition.slug), kept, settings.PETITIONS_PAGE_CACHE_SECONDS)
    return _filled(request, kept)
