"""A petition's page for visitors with no session, kept a few seconds as rendered with two
holes filled at every view: the exact count (the shards' sum) and the visitor's own CSRF
token (the language form carries one). Each worker also holds the pages it served until
their time in the shared cache ends: while a popular petition is being signed its page
then costs one query, neither a render nor a cache read (docs/petitions.md, "Speed")."""

from __future__ import annotations

import datetime
import time
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
LOCAL_PAGES = 200  # pages a worker holds at most (each a few tens of kB)


@dataclass(frozen=True)
class Kept:
    html: str
    petition_id: int
    threshold: int
    status: str
    collection_ends_at: datetime.datetime | None
    listed: bool
    expires: float  # time.time() when the shared cache drops it: no copy outlives that


# This process's copies, by cache key. A worker serves one request at a time; under threads
# a lost race only costs a read from the shared cache.
_held: dict[str, Kept] = {}


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
    return f"petition-page:2:{slug}:{get_language()}"  # 2: Kept has `expires`


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


def _hold(key: str, kept: Kept) -> None:
    if len(_held) >= LOCAL_PAGES:
        now = time.time()
        for name, page in list(_held.items()):  # a copy: other threads may change it
            if page.expires <= now:
                _held.pop(name, None)
        if len(_held) >= LOCAL_PAGES:
            _held.clear()
    _held[key] = kept


def kept_page(request: HttpRequest, slug: str) -> HttpResponse | None:
    """The kept page with its holes filled: this worker's copy while its time lasts, else
    the shared cache's; None when neither has it."""
    key = _key(slug)
    kept = _held.get(key)
    if kept is None or kept.expires <= time.time():
        kept = cache.get(key)
        if not isinstance(kept, Kept):
            _held.pop(key, None)
            return None
        _hold(key, kept)
    return _filled(request, kept)


def forget() -> None:
    """Drops this process's copies (the shared cache's are its own to expire)."""
    _held.clear()


def keep(request: HttpRequest, petition: Petition, rendered: HttpResponse) -> HttpResponse:
    """Keeps the page rendered with the marks (`progress_mark`, CSRF_MARK as the token)."""
    seconds = settings.PETITIONS_PAGE_CACHE_SECONDS
    kept = Kept(
        html=rendered.content.decode(), petition_id=petition.pk,
        threshold=petition.threshold or 0, status=petition.status,
        collection_ends_at=petition.collection_ends_at, listed=petition.listed_at is not None,
        expires=time.time() + seconds,
    )  # fmt: skip
    key = _key(petition.slug)
    cache.set(key, kept, seconds)
    _hold(key, kept)
    return _filled(request, kept)
