from __future__ import annotations

from django.contrib.staticfiles import finders
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views import defaults
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET

from agencies.models import AppealType
from core.api import json_error
from portal import health


@require_GET
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    body, healthy = health.report()
    return JsonResponse(body, status=200 if healthy else 503)


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    appeal_types = AppealType.objects.order_by("position")
    return render(request, "home.html", {"appeal_types": appeal_types})


@require_GET
@cache_control(public=True, max_age=86400)
def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico whatever the page links: they get the SVG."""
    path = finders.find("favicon.svg")
    if not isinstance(path, str):
        raise Http404
    with open(path, "rb") as icon:
        return HttpResponse(icon.read(), content_type="image/svg+xml")


def _api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """Django's page, or under /api/ the API's error shape (an id that is not a number)."""
    if _api(request):
        return json_error("not_found", _("Not found."), 404)
    return defaults.page_not_found(request, exception or Http404())


def server_error(request: HttpRequest) -> HttpResponse:
    if _api(request):
        return json_error("error", _("Something went wrong on our side. Please try again."), 500)
    return defaults.server_error(request)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if _api(request):
        return json_error("invalid", _("The request could not be read."), 400)
    return defaults.bad_request(request, exception or Exception())


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if _api(request):
        return json_error("forbidden", _("You do not have permission to do this."), 403)
    return defaults.permission_denied(request, exception or Exception())
