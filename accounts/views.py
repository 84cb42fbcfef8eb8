"""Sign up, confirm the email, log in in one's own language, edit the profile."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.forms import ProfileForm, SignUpForm
from accounts.models import User
from accounts.services import account_confirm, account_sign_up
from core.requests import AuthenticatedRequest


def _remember_language(response: HttpResponse, language: str) -> HttpResponse:
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    translation.activate(language)
    return response


class LoginView(auth_views.LoginView):
    """Logs in and switches the site to the person's preferred language."""

    def form_valid(self, form: AuthenticationForm) -> HttpResponse:
        response = super().form_valid(form)
        user: User = form.get_user()
        return _remember_language(response, user.preferred_language)


@require_http_methods(["GET", "POST"])
def sign_up(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("appeals:mine")
    initial = {"preferred_language": (translation.get_language() or "ru")[:2]}
    form = SignUpForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        account_sign_up(
            email=data["email"],
            password=data["password1"],
            **{field: data[field] for field in SignUpForm.Meta.fields if field != "email"},
        )
        return render(request, "registration/sign_up_sent.html", {"email": data["email"]})
    return render(request, "registration/sign_up.html", {"form": form})


def confirm_email(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    user = account_confirm(uidb64, token)
    if user is None:
        return render(request, "registration/confirm_failed.html", status=400)
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    messages.success(request, _("Your email is confirmed. You can send appeals now."))
    return _remember_language(redirect("appeals:new"), user.preferred_language)


@login_required
@require_http_methods(["GET", "POST"])
def profile(request: AuthenticatedRequest[User]) -> HttpResponse:
    user = request.user
    form = ProfileForm(request.POST or None, instance=user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your profile is saved."))
        return _remember_language(redirect("accounts:profile"), user.preferred_language)
    return render(request, "registration/profile.html", {"form": form})
