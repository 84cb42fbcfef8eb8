"""The citizen's pages of petitions: filing one, his petitions and signatures, signing and
withdrawing a signature. The rules are the services'; these pages show their refusals."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.models import User
from core.clients import client_ip
from core.refusals import ActionRefused
from core.requests import AuthenticatedRequest
from petitions.filing import Draft, petition_file, verified_citizen
from petitions.forms import PetitionForm
from petitions.models import Petition, Signature
from petitions.selectors import public_petitions
from petitions.signing import collection_open, signature_add, signature_withdraw

SHOWN = 100  # of his petitions and of his signatures, the latest


def petition_language() -> str:
    """Petitions are written in Kazakh or Russian: the page's language, Russian for English."""
    return "kk" if (get_language() or "ru")[:2] == "kk" else "ru"


@login_required
@require_http_methods(["GET", "POST"])
def new(request: AuthenticatedRequest[User]) -> HttpResponse:
    user = request.user
    try:
        verified_citizen(user)
    except ActionRefused as refused:
        context = {"refusal": refused.message, "may_prove": user.kind == User.Kind.INDIVIDUAL}
        return render(request, "petitions/file.html", context)
    if request.method == "POST":
        form = PetitionForm(request.POST, request.FILES, uploader=user)
        if form.is_valid():
            data = form.cleaned_data
            draft = Draft(
                addressee=data["addressee"], category=data["category"], title=data["title"],
                text=data["text"], demand=data["demand"], language=petition_language(),
            )  # fmt: skip
            try:
                petition_file(author=user, draft=draft, files=data["attachments"],
                              not_excluded=data["not_excluded"])  # fmt: skip
            except ActionRefused as refused:
                form.add_error(None, refused.message)
            else:
                messages.success(
                    request,
                    _("Your petition is filed. Moderators will check it; we will tell you."),
                )
                return redirect("petitions:mine")
    else:
        form = PetitionForm(uploader=user)
    context = {"form": form, "files_to_attach_again": bool(request.FILES) and form.is_bound}
    return render(request, "petitions/file.html", context)


def _may_withdraw(petition: Petition) -> bool:
    try:
        collection_open(petition, timezone.now())
    except ActionRefused:
        return False
    return True


@login_required
def mine(request: AuthenticatedRequest[User]) -> HttpResponse:
    """His petitions, whatever their status, and the petitions he signs."""
    user = request.user
    filed = (
        Petition.objects.filter(author=user)
        .select_related("addressee", "excluded_subject")
        .order_by("-submitted_at", "-pk")[:SHOWN]
    )
    signatures = (
        Signature.objects.filter(signer=user, withdrawn_at__isnull=True)
        .select_related("petition", "petition__addressee")
        .order_by("-id")[:SHOWN]
    )
    context = {
        "filed": list(filed),
        "signed": [(s, _may_withdraw(s.petition)) for s in signatures],
    }
    return render(request, "petitions/mine.html", context)


def _signer_action(request: HttpRequest, slug: str, *, sign: bool) -> HttpResponse:
    page = reverse("petitions:detail", args=[slug])
    if not request.user.is_authenticated:
        return redirect_to_login(page)  # back to the petition, where the button is
    user = cast(User, request.user)
    fields = ("pk", "slug", "status", "collection_ends_at", "listed_at", "threshold")
    petition = get_object_or_404(public_petitions().only(*fields), slug=slug)
    try:
        if sign:
            signature_add(signer=user, petition=petition, address=client_ip(request))
        else:
            signature_withdraw(signer=user, petition=petition)
    except ActionRefused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(
            request,
            _("Your signature is counted. Thank you.")
            if sign
            else _("Your signature is withdrawn."),
        )
    # The withdraw button of "my petitions" comes back there.
    return redirect("petitions:mine" if request.POST.get("back") == "mine" else page)


@require_POST
def sign(request: HttpRequest, slug: str) -> HttpResponse:
    return _signer_action(request, slug, sign=True)


@require_POST
def withdraw(request: HttpRequest, slug: str) -> HttpResponse:
    return _signer_action(request, slug, sign=False)
