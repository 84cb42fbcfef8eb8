"""Paging and throttling for every API view.

Kept apart from `core.api`: DRF reads these classes while it defines its own views, so
this module must not import `rest_framework.views`.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import parsers
from rest_framework.exceptions import ParseError
from rest_framework.pagination import CursorPagination
from rest_framework.request import Request
from rest_framework.throttling import UserRateThrottle

from core.clients import client_ip
from core.ratelimit import rate_take


class JSONParser(parsers.JSONParser):
    """DRF's, answering 400 to JSON nested too deep for Python to read (a RecursionError)."""

    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError(_("The JSON is nested too deeply.")) from None


class NewestFirst(CursorPagination):
    """Cursor paging: stable and cheap on tables of millions, unlike page numbers."""

    ordering = "-pk"
    page_size = 50
    max_page_size = 200
    page_size_query_param = "page_size"


class WriteThrottle(UserRateThrottle):
    """Per-user limit on writes (API_WRITE_RATE), counted in Redis so every process shares it.

    DRF's own count reads a history, checks it and writes it back: requests at the same moment
    all read the same history and all pass. Here each write takes its place with one atomic
    INCR, in windows of the rate's period (clock hours for "120/hour").
    """

    scope = "writes"
    retry_after: int | None = None

    def allow_request(self, request: Request, view: Any) -> bool:
        limit, window = self.parse_rate(self.rate)
        key = self.get_cache_key(request, view)
        if request.method in ("GET", "HEAD", "OPTIONS") or not limit or not window or not key:
            return True
        verdict = rate_take(key, amount=1, limit=limit, window=window)
        self.retry_after = verdict.retry_after
        return verdict.allowed

    def get_ident(self, request: Request) -> str:
        return client_ip(request._request)

    def wait(self) -> float | None:
        return self.retry_after
