"""Request bodies judged by their declared size before a byte is read: files are sent only
where a signed-in person may attach them; everything else is small."""

from __future__ import annotations

import re
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from core.api import json_error

# Where files are attached: the appeal form, the API's appeals, the back-office's actions.
UPLOAD_PATHS = ("/appeals/new/", "/api/v1/appeals/", "/api/v1/staff/", "/backoffice/")
# The citizen's pages under an appeal that attach files: a reply to a question.
UPLOAD_PAGES = re.compile(r"/appeals/\d+/questions/\d+/reply/")


class RequestSizeMiddleware:
    """413 for a body larger than this request may carry (a gateway in front, as nginx in
    docker-compose.yml, should refuse the same sooner)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            declared = 0
        if declared > settings.REQUEST_MAX_BYTES and not self.may_upload(request, declared):
            return self.too_large(request)
        return self.get_response(request)

    @staticmethod
    def may_upload(request: HttpRequest, declared: int) -> bool:
        """Asked of large bodies only: the session's user is read no sooner than needed."""
        if declared > settings.UPLOAD_REQUEST_MAX_BYTES:
            return False
        if not request.path.startswith(UPLOAD_PATHS) and not UPLOAD_PAGES.fullmatch(request.path):
            return False
        return "HTTP_AUTHORIZATION" in request.META or request.user.is_authenticated

    @staticmethod
    def too_large(request: HttpRequest) -> HttpResponse:
        message = _("The request is too large: at most 5 files of 10 MB each may be attached.")
        if request.path.startswith("/api/"):
            return json_error("too_large", message, 413)
        return HttpResponse(message, status=413, content_type="text/plain; charset=utf-8")
