from __future__ import annotations

from django import forms
from django.contrib import admin
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from appeals.selectors import is_staff_member


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
    login_form = StaffAuthenticationForm

    def has_permission(self, request: HttpRequest) -> bool:
        user = request.user
        return bool(user.is_authenticated and is_staff_member(user))


backoffice_site = BackofficeSite(name="backoffice")
