"""The answer's letter as a PDF for the applicant and the staff who may see the appeal, and
the head's page to sign it with their own digital signature (appeals/letters/head.py)."""

from __future__ import annotations

import io
from typing import BinaryIO

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.uploadedfile import UploadedFile
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe

from accounts.models import User
from appeals.letters.head import is_head_of, letter_for_head, letter_sign_by_head
from appeals.letters.issuance import letter_issue
from appeals.letters.verification import LETTER_MAX_BYTES
from appeals.models import Appeal, Letter
from appeals.selectors import attachment_visible_to
from core.downloads import private_download
from core.refusals import ActionRefused
from core.requests import AuthenticatedRequest


def pdf_response(data: BinaryIO, filename: str) -> FileResponse:
    """A PDF download that no cache keeps and no browser second-guesses."""
    return private_download(data, filename, "application/pdf")


def letter_download(letter: Letter, appeal: Appeal) -> FileResponse:
    return pdf_response(letter.file.open("rb"), f"{appeal.reference}.pdf")


def _visible_appeal(request: AuthenticatedRequest[User], pk: int) -> Appeal:
    """The appeal, if the user may see it; 404 otherwise, so others learn nothing of it."""
    appeal = get_object_or_404(Appeal.objects.select_related("agency"), pk=pk)
    if not attachment_visible_to(request.user, appeal):
        raise Http404
    return appeal


def current_letter(appeal: Appeal) -> Letter:
    """The letter of the appeal's answer, made now if the worker has not yet; 404 if the
    appeal has no answer."""
    try:
        return letter_issue(appeal.pk)
    except ActionRefused:
        raise Http404 from None


@login_required
@require_safe
def appeal_letter(request: AuthenticatedRequest[User], pk: int) -> FileResponse:
    appeal = _visible_appeal(request, pk)
    return letter_download(current_letter(appeal), appeal)


@login_required
@require_safe
def letter_file(request: AuthenticatedRequest[User], pk: int) -> FileResponse:
    """Any letter of the appeal, the letters of answers since replaced included."""
    letter = get_object_or_404(Letter.objects.select_related("appeal"), pk=pk)
    if not attachment_visible_to(request.user, letter.appeal):
        raise Http404
    return letter_download(letter, letter.appeal)


def _heads_appeal(request: AuthenticatedRequest[User], pk: int) -> Appeal:
    appeal = _visible_appeal(request, pk)
    if not is_head_of(request.user, appeal.agency_id):
        raise Http404
    return appeal


@login_required
@require_safe
def letter_to_sign(request: AuthenticatedRequest[User], pk: int) -> FileResponse:
    """The letter naming this head, its signature field empty, for their signing program."""
    appeal = _heads_appeal(request, pk)
    letter = current_letter(appeal)
    try:
        prepared = letter_for_head(letter, request.user)
    except ActionRefused:
        raise Http404 from None
    return pdf_response(io.BytesIO(prepared), f"{appeal.reference}-to-sign.pdf")


class SignedLetterForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("The letter, signed"))

    def clean_file(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["file"]
        if upload.size is None or upload.size > LETTER_MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than any letter (at most 1 MB)."))
        return upload


@login_required
@require_http_methods(["GET", "POST"])
def letter_sign(request: AuthenticatedRequest[User], pk: int) -> HttpResponse:
    """The head signs the letter in its field and uploads it; a refusal says why."""
    appeal = _heads_appeal(request, pk)
    letter = current_letter(appeal)
    form = SignedLetterForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = b"".join(form.cleaned_data["file"].chunks())
        try:
            letter_sign_by_head(letter_id=letter.pk, actor=request.user, data=data)
        except ActionRefused as refused:
            form.add_error("file", refused.message)
        else:
            messages.success(request, _("Signed: the letter now carries your signature."))
            return redirect("backoffice:appeals_appeal_change", appeal.pk)
    context = {"appeal": appeal, "letter": letter, "form": form,
               "proven": request.user.iin_proven}  # fmt: skip
    return render(request, "appeals/letter_sign.html", context)
