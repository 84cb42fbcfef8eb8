"""Which routes read from a streaming replica, and who reads the primary (docs/deployment.md).

Only the URL names in REPLICA_ROUTES, by GET, for a visitor without a session who has not
written in the last REPLICA_READ_YOUR_WRITES_SECONDS, while the replica keeps up. Every
other request, the back-office and Celery read the primary.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.signals import request_finished
from django.db import DEFAULT_DB_ALIAS, InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponseBase

from core.db_routing import (
    REPLICA,
    begin_scope,
    current_scope,
    end_scope,
    replica_configured,
    replica_failed,
    replica_usable,
)

# The public pages, the open data (exports and feeds), and the API's rankings and reference
# data: pages that show nothing of the visitor's own. A route is added here, by name, or it
# reads the primary (tests/portal/test_read_replica_routes.py keeps them public).
PUBLIC_PAGES = {
    "home", "pages:help", "pages:about", "pages:privacy", "pages:accessibility",
    "pages:contacts", "pages:open_data", "ratings:rankings", "ratings:agency", "ratings:map",
    "ratings:methodology", "receptions:calendar", "receptions:meeting", "receptions:figures",
    "receptions:methodology", "petitions:list", "petitions:detail", "petitions:signers",
    "petitions:figures", "petitions:methodology",
}  # fmt: skip
EXPORTS = {
    "ratings:snapshot_export", "ratings:map_export", "receptions:ical",
    "receptions:figures_export", "petitions:feed_rss", "petitions:feed_atom",
    "petitions:export_csv", "petitions:export_json",
}  # fmt: skip
RANKINGS_API = {
    "api-rankings", "api-snapshots", "api-snapshot", "api-snapshot-problem-map",
    "api-reception-figures", "api-reception-figures-snapshot", "api-petition-figures",
}  # fmt: skip
REFERENCE_API = {"api-regions", "api-agencies", "api-categories", "api-appeal-types", "api-routing"}
REPLICA_ROUTES = frozenset(PUBLIC_PAGES | EXPORTS | RANKINGS_API | REFERENCE_API)

# Set after a request that wrote; while it lasts (signed, with its time) the browser reads
# the primary, so a visitor always sees what he has just done.
WROTE_COOKIE = "otinish_wrote"
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


def reads_own_writes(request: HttpRequest) -> bool:
    """A signed-in person, or anyone who wrote a moment ago, reads the primary."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return True
    wrote = request.get_signed_cookie(
        WROTE_COOKIE, default=None, salt=WROTE_COOKIE,
        max_age=settings.REPLICA_READ_YOUR_WRITES_SECONDS,
    )  # fmt: skip
    return wrote is not None


def _mark_writer(response: HttpResponseBase) -> None:
    response.set_signed_cookie(
        WROTE_COOKIE, "1", salt=WROTE_COOKIE, max_age=settings.REPLICA_READ_YOUR_WRITES_SECONDS,
        secure=settings.SESSION_COOKIE_SECURE, httponly=True, samesite="Lax",
    )  # fmt: skip


class ReplicaReadsMiddleware:
    """Opens each request's read scope: on the replica for REPLICA_ROUTES, else the primary.

    The scope lasts until the response is closed, so a streamed export reads where its view
    did. Inert without a replica database.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if not replica_configured():
            return self.get_response(request)
        begin_scope(DEFAULT_DB_ALIAS)  # a fresh one: nothing is left of an earlier request
        response = self.get_response(request)
        scope = current_scope()
        wrote = request.method not in SAFE_METHODS or (scope is not None and scope.wrote)
        if wrote and response.status_code < 500:
            _mark_writer(response)
        return response

    def process_view(
        self, request: HttpRequest, view: Callable[..., Any], args: Any, kwargs: Any
    ) -> None:
        scope = current_scope()
        if (
            scope is not None
            and request.method in SAFE_METHODS
            and request.resolver_match is not None
            and request.resolver_match.view_name in REPLICA_ROUTES
            and not reads_own_writes(request)
            and replica_usable()
        ):
            scope.alias = REPLICA

    def process_exception(self, request: HttpRequest, exception: Exception) -> Any:
        """The replica failed under a read-only view: the view again, on the primary."""
        scope = current_scope()
        if scope is None or scope.alias != REPLICA:
            return None
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        replica_failed(exception)
        scope.alias = DEFAULT_DB_ALIAS
        match = request.resolver_match
        if match is None:
            return None
        try:
            return match.func(request, *match.args, **match.kwargs)
        except (OperationalError, InterfaceError):
            return None  # the primary is away too: DatabaseUnavailableMiddleware answers


def _end_request_scope(**kwargs: Any) -> None:
    end_scope()


request_finished.connect(_end_request_scope, dispatch_uid="portal.read_replica.end_scope")
