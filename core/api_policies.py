"""Paging and throttling for every API view.

Kept apart from `core.api`: DRF reads these classes while it defines its own views, so
this module must not import `rest_framework.views`.
"""

from __future__ import annotations

import json
from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import parsers
from rest_framework.exceptions import ParseError, ValidationError
from rest_framework.pagination import CursorPagination
from rest_framework.request import Request
from rest_framework.throttling import UserRateThrottle

from core.clients import client_ip
from core.ids import query_id
from core.ratelimit import rate_take


class JSONParser(parsers.JSONParser):
    """DRF's, answering 400 to JSON nested too deep for Python to read (a RecursionError)
    and to text that is not Unicode (a lone surrogate, "\\ud800", which JSON can spell but
    nothing can store)."""

    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        try:
            data = super().parse(stream, media_type, parser_context)
            json.dumps(data, ensure_ascii=False).encode()  # bounded: bodies are capped
        except RecursionError:
            raise ParseError(_("The JSON is nested too deeply.")) from None
        except UnicodeEncodeError:
            raise ParseError(_("The JSON holds text that is not Unicode.")) from None
        return data


class NewestFirst(CursorPagination):
    """Cursor paging: stable and cheap on tables of millions, unlike page numbers. A page
    size that is not a whole number from 1 to max_page_size is refused, as the schema says."""

    ordering = "-pk"
    page_size = 50
    max_page_size = 200
    page_size_query_param = "page_size"

    def get_page_size(self, request: Request) -> int:
        given = request.query_params.get(self.page_size_query_param)
        if given is None:
            return self.page_size
        size = query_id(given)
        if size is None or not 1 <= size <= self.max_page_size:
            raise ValidationError(
                {self.page_size_query_param: [_("A whole number from 1 to %(most)s.")
                                              % {"most": self.max_page_size}]}
            )  # fmt: skip
        return size

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        parameters: list[dict[str, Any]] = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"].update(minimum=1, maximum=self.max_page_size)
        return parameters


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
