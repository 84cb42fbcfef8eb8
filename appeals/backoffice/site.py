from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from appeals.backoffice.landing import landing_url
from appeals.selectors import is_staff_member

# /backoffice/?all=1: the index of the sections, instead of one's queue.
ALL_SECTIONS = "all"


class StaffAuthenticationForm(AuthenticationForm):
    """Staff sign in by their memberships, not Django's `is_staff` (that is the admin site)."""

    def confirm_login_allowed(self, user: User) -> None:
        super().confirm_login_allowed(user)
        if not is_staff_member(user):
            raise forms.ValidationError(
                _("This account holds no role in any agency. Citizens use the main site."),
                code="no_membership",
            )


class BackofficeSite(admin.AdminSite):
    site_header = _("Otinish back-office")
    site_title = _("Otinish back-office")
    index_title = _("Appeals")
    site_url = None
    # Its sections are few (and one link away, at ?all=1): the list gets the width instead.
    enable_nav_sidebar = False
    login_form = StaffAuthenticationForm

    def has_permission(self, request: HttpRequest) -> bool:
        user = request.user
        return bool(user.is_authenticated and is_staff_member(user))

    def each_context(self, request: HttpRequest) -> dict[str, Any]:
        context = super().each_context(request)
        context["sections_url"] = f"{reverse(f'{self.name}:index')}?{ALL_SECTIONS}=1"
        return context

    def index(  # type: ignore[override]  # a redirect, where the stubs expect a page
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        """The back-office opens on the queue of the staff member's role; the index of its
        sections stays at ?all=1."""
        if ALL_SECTIONS not in request.GET:
            return redirect(landing_url(request.user))
        return super().index(request, extra_context)


backoffice_site = BackofficeSite(name="backoffice")
