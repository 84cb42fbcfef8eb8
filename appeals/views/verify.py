"""The public check of a letter at /verify/<code>/: the body, the date and the fingerprint,
nothing about the person; and whether an uploaded copy is that letter, unchanged.

The appeal's reference is left out too: the holder reads it in the letter, and a stranger
who has only the code would gain a handle on someone's case.
"""

from __future__ import annotations

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe

from appeals.letters.codes import code_normal
from appeals.letters.verification import (
    VERDICT_MESSAGES,
    Verdict,
    letter_by_code,
    letter_verify,
    lookup_allowed,
)
from core.clients import client_ip
from core.refusals import ActionRefused


class CodeForm(forms.Form):
    code = forms.CharField(label=gettext_lazy("Verification code"), max_length=64)


class CopyForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("The letter's PDF file"))


def _refused(request: HttpRequest, message: str, status: int) -> HttpResponse:
    response = render(request, "appeals/verify_refused.html", {"message": message}, status=status)
    return _private(response)


def _private(response: HttpResponse) -> HttpResponse:
    """Neither kept by caches nor listed by search engines: a code is its holder's."""
    response["Cache-Control"] = "no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


@require_safe
def verify_start(request: HttpRequest) -> HttpResponse:
    """A code typed from a paper letter: to its page, in the form the page takes."""
    form = CodeForm(request.GET or None)
    if form.is_valid():
        code = code_normal(form.cleaned_data["code"])
        if code is not None:
            return redirect("verify:letter", code)
        form.add_error("code", _("This is not a verification code: check it against the letter."))
    return render(request, "appeals/verify_start.html", {"form": form})


@require_http_methods(["GET", "POST"])
def verify_letter(request: HttpRequest, code: str) -> HttpResponse:
    if not lookup_allowed(client_ip(request)):
        return _refused(request, _("Too many letters were looked up from your address: try "
                                   "again in an hour."), 429)  # fmt: skip
    letter = letter_by_code(code)
    if letter is None:
        message = _(
            "No letter has this verification code. Check the code against the letter: a "
            "letter whose code is not found here was not issued by the portal."
        )
        return _refused(request, message, 404)
    form = CopyForm(request.POST or None, request.FILES or None)
    verdict: Verdict | None = None
    if request.method == "POST" and form.is_valid():
        upload: UploadedFile = form.cleaned_data["file"]
        try:
            verdict = letter_verify(letter, upload)
        except ActionRefused as refused:
            form.add_error("file", refused.message)
    context = {
        "letter": letter, "form": form, "verdict": verdict,
        "verdict_message": VERDICT_MESSAGES[verdict] if verdict else "",
    }  # fmt: skip
    return _private(render(request, "appeals/verify.html", context))
