"""Paging and throttling for every API view.

Kept apart from `portal.api`: DRF reads these classes while it defines its own views, so
this module must not import `rest_framework.views`.
"""

from __future__ import annotations

from typing import Any

from rest_framework.pagination import CursorPagination
from rest_framework.request import Request
from rest_framework.throttling import UserRateThrottle


class NewestFirst(CursorPagination):
    """Cursor paging: stable and cheap on tables of millions, unlike page numbers."""

    ordering = "-pk"
    page_size = 50
    max_page_size = 200
    page_size_query_param = "page_size"


class WriteThrottle(UserRateThrottle):
    """Per-user limit on writes, counted in Redis so every process shares it."""

    scope = "writes"

    def allow_request(self, request: Request, view: Any) -> bool:
        if request.method in ("GET", "HEAD", "OPTIONS"):
            return True
        return super().allow_request(request, view)
