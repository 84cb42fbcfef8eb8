"""The addressee's page of a petition that reached its threshold: read by the body's staff
and the controllers above it, answered by its heads, registrars and executors."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core.refusals import ActionRefused
from petitions.answering import petition_answer
from petitions.backoffice.common import addressee_petitions, as_pk, page
from petitions.backoffice.forms import AnswerForm
from petitions.permissions import answering_agency_ids
from petitions.selectors import progress


def petition_page(request: HttpRequest, petition_id: int | str) -> HttpResponse:
    """The petition, its signatures and deadline; the answer's form to those who answer."""
    related = addressee_petitions(request.user).select_related(
        "addressee", "level", "author", "category", "answered_by"
    )
    petition = get_object_or_404(related.prefetch_related("attachments"), pk=as_pk(petition_id))
    answering = petition.addressee_id in answering_agency_ids(request.user)
    form = AnswerForm(request.POST or None) if answering else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied  # readers see the petition, but may not answer it
        if form.is_valid():
            try:
                staff = cast(User, request.user)
                petition_answer(staff=staff, petition_id=petition.pk, **form.cleaned_data)
            except ActionRefused as refused:
                form.add_error(None, refused.message)
            else:
                messages.success(request, _("The answer is published and the signers are told."))
                return redirect(reverse("backoffice:petitions_petition_change", args=[petition.pk]))
    return page(
        request, "petitions/backoffice/petition_page.html", str(petition), petition=petition,
        form=form, progress=progress(petition), now=timezone.now(),
    )  # fmt: skip
