"""The service's information pages: help, about, privacy, accessibility, contacts, open data."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from agencies.models import AppealType

PAGES = ("help", "about", "privacy", "accessibility", "contacts", "open_data")

# What each kind of appeal (APPC art. 4) is for, by AppealType.code; a type added to the
# data without a line here is listed with its deadline alone.
TYPE_HINTS: dict[str, Promise] = {
    "application": _("To ask for help in exercising your rights, or those of others."),
    "request": _("To ask a body for information or an explanation."),
    "proposal": _("To suggest how a law, or the work of a state body, could be improved."),
    "response": _("To give your view of an act of a state body, or of a draft act."),
    "message": _("To tell a body about a fact or an event it should know of."),
    "complaint": _(
        "To ask that rights violated by a decision, an action or the inaction of a body or "
        "an official be restored; also about an answer you disagree with."
    ),
}


def type_guide() -> list[tuple[AppealType, Promise | None]]:
    """Every appeal type in its order, with what it is for."""
    return [(kind, TYPE_HINTS.get(kind.code)) for kind in AppealType.objects.order_by("position")]


def _page(name: str) -> Callable[[HttpRequest], HttpResponse]:
    @require_GET
    def view(request: HttpRequest) -> HttpResponse:
        context = {
            "appeal_types": AppealType.objects.order_by("position"),
            "support_email": settings.SUPPORT_EMAIL,
            "support_phone": settings.SUPPORT_PHONE,
        }
        if name == "help":
            context["type_guide"] = type_guide()
        return render(request, f"pages/{name}.html", context)

    view.__name__ = name
    return view


app_name = "pages"
urlpatterns = [path(f"{name.replace('_', '-')}/", _page(name), name=name) for name in PAGES]
