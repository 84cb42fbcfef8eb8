"""The service's information pages: help, about, privacy, accessibility, contacts, open data."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.views.decorators.http import require_GET

from agencies.models import AppealType

PAGES = ("help", "about", "privacy", "accessibility", "contacts", "open_data")


def _page(name: str) -> Callable[[HttpRequest], HttpResponse]:
    @require_GET
    def view(request: HttpRequest) -> HttpResponse:
        context = {
            "appeal_types": AppealType.objects.order_by("position"),
            "support_email": settings.SUPPORT_EMAIL,
            "support_phone": settings.SUPPORT_PHONE,
        }
        return render(request, f"pages/{name}.html", context)

    view.__name__ = name
    return view


app_name = "pages"
urlpatterns = [path(f"{name.replace('_', '-')}/", _page(name), name=name) for name in PAGES]
