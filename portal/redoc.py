"""Redoc from this site only: its page, and its bundle without the one image from elsewhere."""

from __future__ import annotations

import functools
from typing import Any

from csp.constants import SELF
from csp.decorators import csp_update
from django.contrib.staticfiles import finders
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularRedocView
from rest_framework.request import Request
from rest_framework.response import Response

BUNDLE = "drf_spectacular_sidecar/redoc/bundles/redoc.standalone.js"
# The sidebar's "API docs by Redocly" badge; an empty source makes Redoc drop the image.
FOREIGN_LOGO = '"https://cdn.redoc.ly/redoc/logo-mini.svg"'


@functools.cache
def _bundle() -> bytes:
    path = finders.find(BUNDLE)
    if not isinstance(path, str):
        raise FileNotFoundError(BUNDLE)
    with open(path, "rb") as bundle:
        return bundle.read().replace(FOREIGN_LOGO.encode(), b'""')


@require_GET
@cache_control(public=True, max_age=86400)
def bundle(request: HttpRequest) -> HttpResponse:
    return HttpResponse(_bundle(), content_type="text/javascript; charset=utf-8")


# Redoc builds its search worker from a blob: URL; only this page allows that.
@method_decorator(csp_update({"worker-src": [SELF, "blob:"]}), name="dispatch")
class RedocView(SpectacularRedocView):
    @extend_schema(exclude=True)
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        response = super().get(request, *args, **kwargs)
        response.data["redoc_standalone"] = reverse("api-redoc-bundle")
        return response
