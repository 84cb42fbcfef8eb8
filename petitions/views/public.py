"""The public pages of petitions: the list of listed ones, a published petition's page, its
signers and its files. Public: a signer is shown by his short name only; nothing of the
author, and nothing of a petition not yet published (docs/petitions.md, "Public pages,
open data and the API")."""

from __future__ import annotations

from functools import partial
from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render, resolve_url
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from core.ids import query_id
from core.refusals import ActionRefused
from petitions.filing import verified_citizen
from petitions.listing import PetitionFilterForm, PetitionFilters, filtered
from petitions.models import Petition, PetitionAttachment, Signature
from petitions.selectors import (
    active_signature,
    progress,
    public_petitions,
    recent_signers,
    timeline,
)
from petitions.signing import OPEN
from petitions.views import page_cache

PAGE_SIZE = 20
SIGNERS_PAGE = 100


def given(filters: PetitionFilters) -> str:
    """The filters as a query string, for the pages', the feeds' and the exports' links."""
    values = {name: getattr(filters, name) for name in ("q", "body", "region", "status", "topic")}
    if filters.sort != PetitionFilters.sort:
        values["sort"] = filters.sort
    return urlencode({name: value for name, value in values.items() if value})


@require_GET
def petition_list(request: HttpRequest) -> HttpResponse:
    form = PetitionFilterForm(request.GET or None)
    filters = form.filters()
    paginator = Paginator(filtered(filters), PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    query = given(filters)
    suffix = f"?{query}" if query else ""
    context = {
        "form": form,
        "page": page,
        "page_range": paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1),
        "query": f"{query}&" if query else "",
        "links": {
            name: reverse(f"petitions:{name}") + suffix
            for name in ("feed_rss", "feed_atom", "export_csv", "export_json")
        },
    }
    return render(request, "petitions/list.html", context)


def _published(slug: str) -> Petition:
    related = public_petitions().select_related("addressee", "level", "region", "category")
    return get_object_or_404(related, slug=slug)


def _signing(request: HttpRequest, petition: Petition) -> dict[str, object]:
    """What the page offers the viewer: to sign, to withdraw, to sign in, or nothing."""
    ends = petition.collection_ends_at
    is_open = petition.status in OPEN and ends is not None and ends > timezone.now()
    user = request.user
    signed = None
    if is_open and user.is_authenticated:
        signed = active_signature(petition.pk, user.pk)
    try:
        verified_citizen(user)  # type: ignore[arg-type]  # anonymous is refused too
        may_sign = True
    except ActionRefused:
        may_sign = False
    login = resolve_url(settings.LOGIN_URL)
    path = reverse("petitions:detail", args=[petition.slug])
    return {
        "is_open": is_open,
        "signed": signed is not None,
        "can_sign": is_open and may_sign,
        "login_url": f"{login}?{urlencode({'next': path})}",
        "sign_url": reverse("petitions:sign", args=[petition.slug]),
        "withdraw_url": reverse("petitions:withdraw", args=[petition.slug]),
    }


@require_GET
def petition_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """A published petition: listed or reachable by its link only (then kept from search
    engines). A handful of indexed queries: the shards' sum, never a count of signatures;
    for a visitor with no session, the page kept a few seconds (page_cache)."""
    anonymous = page_cache.cacheable(request)
    if anonymous and (kept := page_cache.kept_page(request, slug)) is not None:
        return kept
    petition = _published(slug)
    answered = petition.status == Petition.Status.ANSWERED
    on_time = (
        answered and petition.answer_due is not None and petition.answered_at is not None
        and petition.answered_at <= petition.answer_due
    )  # fmt: skip
    context = {
        "petition": petition,
        "progress": progress(petition),  # exact at every view: the sum of 16 rows
        # Read only when the page's cached part has expired (templates call callables).
        "signers": partial(recent_signers, petition.pk),
        "steps": partial(timeline, petition),
        "files": lambda: list(petition.attachments.order_by("pk")),
        "page_cache_seconds": settings.PETITIONS_PAGE_CACHE_SECONDS,
        "answered": answered,
        "on_time": on_time,
        "listed": petition.listed_at is not None,
        **_signing(request, petition),
    }
    if anonymous:  # rendered with holes for the count and the visitor's token
        context |= {"progress_mark": True, "csrf_token": page_cache.CSRF_MARK}
        return page_cache.keep(request, petition, render(request, "petitions/detail.html", context))
    response = render(request, "petitions/detail.html", context)
    if petition.listed_at is None:
        response["X-Robots-Tag"] = "noindex"
    return response


@require_GET
def petition_signers(request: HttpRequest, slug: str) -> HttpResponse:
    """All signers by short name, newest first, a page at a time by id (keyset): any page
    reads SIGNERS_PAGE rows of signature_petition_idx, however many signed."""
    petition = _published(slug)
    before = query_id(request.GET.get("before"))
    signatures = Signature.objects.filter(petition_id=petition.pk, withdrawn_at__isnull=True)
    if before is not None:
        signatures = signatures.filter(pk__lt=before)
    rows = list(signatures.order_by("-pk").values_list("pk", "short_name")[: SIGNERS_PAGE + 1])
    more = len(rows) > SIGNERS_PAGE
    rows = rows[:SIGNERS_PAGE]
    context = {
        "petition": petition,
        "names": [name for _pk, name in rows],
        "older": rows[-1][0] if more else None,
        "first_page": before is None,
        "progress": progress(petition),
    }
    response = render(request, "petitions/signers.html", context)
    response["X-Robots-Tag"] = "noindex"
    return response


@require_GET
def petition_file(request: HttpRequest, slug: str, pk: int) -> FileResponse:
    """A published petition's file, public as the petition is; always a download, its name
    encoded by Django (RFC 6266), its type never sniffed by a browser."""
    petition = _published(slug)
    attachment = get_object_or_404(PetitionAttachment, pk=pk, petition=petition)
    try:
        data = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        data,
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    return response
