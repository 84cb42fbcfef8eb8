"""What a locked-out login is told (django-axes): the page, or under /api/ the API's error."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from core.api import json_error


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: Any = None
) -> HttpResponse:
    seconds = int(settings.AXES_COOLOFF_TIME.total_seconds())
    if request.path.startswith("/api/"):
        response: HttpResponse = json_error(
            "locked_out",
            _("Too many wrong passwords for this account: try again in %(minutes)s minutes, "
              "or reset the password by email.") % {"minutes": seconds // 60},
            429,
        )  # fmt: skip
    else:
        context = {"minutes": seconds // 60}
        response = render(request, "registration/locked_out.html", context, status=429)
    response["Retry-After"] = str(seconds)
    return response
