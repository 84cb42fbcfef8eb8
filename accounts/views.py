"""Sign up, confirm the email, log in (in the language chosen on this browser, else one's
own), edit the profile, and prove one's IIN (or sign in) with a digital signature."""

from __future__ import annotations

import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_http_methods

from accounts.forms import PasswordResetForm, ProfileForm, SignUpForm
from accounts.identity import Proven, identity_prove, proven_holder
from accounts.models import Proof, User
from accounts.selectors import is_staff_member
from accounts.services import account_confirm, account_sign_up
from accounts.signatures import SignatureRefused, challenge_issue, challenge_take, signed_identity
from core.clients import client_ip
from core.ratelimit import rate_take
from core.refusals import ActionRefused
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


def _language_at_login(request: HttpRequest, user: User) -> str:
    """The language chosen on this browser (the switch's cookie) wins over the account's
    stored preference; the preference applies only where none was chosen."""
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    return chosen if chosen in dict(settings.LANGUAGES) else user.preferred_language


class LoginView(auth_views.LoginView):
    """Logs in, keeping the language chosen on this browser, else the person's own.

    Staff land in the back-office, citizens on LOGIN_REDIRECT_URL; a safe ?next= wins."""

    def get_default_redirect_url(self) -> str:
        if is_staff_member(self.request.user):
            return reverse("backoffice:index")
        return super().get_default_redirect_url()

    def form_valid(self, form: AuthenticationForm) -> HttpResponse:
        response = super().form_valid(form)
        user: User = form.get_user()
        return _remember_language(response, _language_at_login(self.request, user))


def too_many_requests(request: HttpRequest) -> bool:
    """Sign-ups and password resets from one address, ACCOUNT_REQUESTS_PER_HOUR at most."""
    verdict = rate_take(f"account-requests:{client_ip(request)}", amount=1,
                        limit=settings.ACCOUNT_REQUESTS_PER_HOUR, window=3600)  # fmt: skip
    return not verdict.allowed


TOO_MANY = _lazy("Too many requests came from your network this hour. Please try again later.")


class PasswordResetView(auth_views.PasswordResetView):
    """Django's, answering alike for any address, its emails limited (accounts.forms)."""

    form_class = PasswordResetForm

    def form_valid(self, form: PasswordResetForm) -> HttpResponse:
        if too_many_requests(self.request):
            form.add_error(None, TOO_MANY)
            return self.form_invalid(form)
        return super().form_valid(form)


@require_http_methods(["GET", "POST"])
def sign_up(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("appeals:mine")
    initial = {"preferred_language": (translation.get_language() or "ru")[:2]}
    form = SignUpForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid() and too_many_requests(request):
        form.add_error(None, TOO_MANY)
    elif request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        account_sign_up(
            email=data["email"],
            password=data["password1"],
            **{field: data[field] for field in SignUpForm.Meta.fields if field != "email"},
        )
        # The same page whether or not the email had an account: its owner is told.
        return render(request, "registration/sign_up_sent.html", {"email": data["email"]})
    return render(request, "registration/sign_up.html", {"form": form})


def confirm_email(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    user = account_confirm(uidb64, token)
    if user is None:
        return render(request, "registration/confirm_failed.html", status=400)
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    messages.success(request, _("Your email is confirmed. You can send appeals now."))
    return _remember_language(redirect("appeals:new"), _language_at_login(request, user))


@login_required
@require_http_methods(["GET", "POST"])
def profile(request: AuthenticatedRequest[User]) -> HttpResponse:
    user = request.user
    form = ProfileForm(request.POST or None, instance=user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your profile is saved."))
        if "preferred_language" not in form.changed_data:
            return redirect("accounts:profile")  # the language chosen on this browser stays
        return _remember_language(redirect("accounts:profile"), user.preferred_language)
    return render(request, "registration/profile.html", {"form": form})


@require_http_methods(["GET", "POST"])
def signature(request: HttpRequest) -> HttpResponse:
    """Proves the account's IIN with a digital signature; logged out, signs in to the account
    on which the certificate's IIN is proven."""
    now = timezone.now()
    configured = bool(settings.IDENTITY_CA_FILES)
    if request.method == "POST" and configured:
        done = _signed(request, now)
        if done is not None:
            return done
    proving = request.user.is_authenticated
    context = {
        "title": _("Prove your IIN with a digital signature") if proving
        else _("Sign in with a digital signature"),
        "configured": configured,
        "challenge": challenge_issue(request.session, now),
        "ncalayer_url": settings.NCALAYER_URL,
    }  # fmt: skip
    response = render(request, "registration/signature.html", context)
    origin = urlsplit(settings.NCALAYER_URL)
    response._csp_update = {"connect-src": [f"{origin.scheme}://{origin.netloc}"]}  # type: ignore[attr-defined]
    return response


def _signed(request: HttpRequest, now: datetime.datetime) -> HttpResponse | None:
    """What a posted signature leads to; None: the page again, with the reason why."""
    verdict = rate_take(f"signatures:{client_ip(request)}", amount=1,
                        limit=settings.SIGNATURES_PER_HOUR, window=3600)  # fmt: skip
    challenge = challenge_take(request.session, now)
    if not verdict.allowed or challenge is None:
        messages.error(request, _("This page's code has expired or was used: sign again."))
        return None
    user = request.user
    organisation = user.is_authenticated and user.kind == User.Kind.LEGAL
    try:
        signed = signed_identity(
            request.POST.get("signature", ""), challenge, organisation=organisation, now=now
        )
        if user.is_authenticated:
            proven = Proven(signed.iin_bin, signed.full_name, Proof.SIGNATURE,
                            certificate=signed.certificate)  # fmt: skip
            identity_prove(user=user, proven=proven)
    except (SignatureRefused, ActionRefused) as refusal:
        messages.error(request, refusal.message)
        return None
    if user.is_authenticated:
        messages.success(request, _("Your IIN is proven: it is now this account's alone."))
        return redirect("accounts:profile")
    return _sign_in(request, signed.iin_bin)


def _sign_in(request: HttpRequest, iin_bin: str) -> HttpResponse:
    holder = proven_holder(iin_bin)
    if holder is None or holder.walk_in or not holder.is_active:
        messages.info(
            request,
            _("No account has proven this IIN yet. Sign up, then prove it with your signature."),
        )
        return redirect("accounts:sign_up")
    login(request, holder, backend="django.contrib.auth.backends.ModelBackend")
    return _remember_language(redirect("appeals:mine"), _language_at_login(request, holder))
