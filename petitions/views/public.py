"""Public pages of petitions (placeholder until the pages land)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse


def petition_list(request: HttpRequest) -> HttpResponse:
    raise Http404


def petition_detail(request: HttpRequest, slug: str) -> HttpResponse:
    raise Http404
