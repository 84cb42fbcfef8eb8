"""The moderators' pages: the queue of submitted petitions, a petition's moderation with
accept and refuse, and the flags of signature bursts with their review."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import User
from core.refusals import ActionRefused
from core.requests import AuthenticatedRequest
from petitions.backoffice.common import as_pk, moderator_only, page
from petitions.backoffice.forms import FlagReviewForm, RefuseForm
from petitions.levels import threshold_for
from petitions.models import Petition, PetitionFlag
from petitions.moderation import flag_review, petition_accept, petition_refuse

PER_PAGE = 50
QUEUE = "backoffice:petitions_petition_moderation"
FLAGS = "backoffice:petitions_petition_flags"


def moderate_url(petition_id: int) -> str:
    return reverse("backoffice:petitions_petition_moderate", args=[petition_id])


def queue(request: HttpRequest) -> HttpResponse:
    """Submitted petitions, the longest waiting first, each with its moderation's due date."""
    moderator_only(request.user)
    waiting = (
        Petition.objects.filter(status=Petition.Status.SUBMITTED)
        .select_related("addressee", "author")
        .order_by("submitted_at", "pk")
    )
    petitions = Paginator(waiting, PER_PAGE).get_page(request.GET.get("page"))
    return page(
        request, "petitions/backoffice/moderation_queue.html", _("Petitions to moderate"),
        petitions=petitions, now=timezone.now(),
    )  # fmt: skip


def moderate(
    request: HttpRequest, petition_id: int | str, refuse_form: RefuseForm | None = None
) -> HttpResponse:
    """A petition as filed, its author, its goal, and the moderator's two answers."""
    moderator_only(request.user)
    related = Petition.objects.select_related(
        "addressee__region__petition_population", "level", "author", "category",
        "excluded_subject", "moderator",
    ).prefetch_related("attachments")  # fmt: skip
    petition = get_object_or_404(related, pk=as_pk(petition_id))
    return page(
        request, "petitions/backoffice/moderate.html", str(petition), petition=petition,
        threshold=threshold_for(petition.addressee, petition.level),
        submitted=petition.status == Petition.Status.SUBMITTED,
        refuse_form=refuse_form or RefuseForm(), now=timezone.now(),
    )  # fmt: skip


@require_POST
def accept(request: AuthenticatedRequest[User], petition_id: int) -> HttpResponse:
    moderator_only(request.user)
    try:
        petition = petition_accept(moderator=request.user, petition_id=petition_id)
    except ActionRefused as refused:
        messages.error(request, refused.message)
        return redirect(moderate_url(petition_id))
    done = _("%(number)s is published by its link.")
    messages.success(request, done % {"number": petition.number})
    return redirect(QUEUE)


@require_POST
def refuse(request: AuthenticatedRequest[User], petition_id: int) -> HttpResponse:
    """Refuses with the ground and reasons; a refusal of the service keeps what was typed."""
    moderator_only(request.user)
    form = RefuseForm(request.POST)
    if form.is_valid():
        try:
            petition = petition_refuse(
                moderator=request.user, petition_id=petition_id, **form.cleaned_data
            )
        except ActionRefused as refused:
            form.add_error(None, refused.message)
        else:
            done = _("%(number)s is refused; its author is told why.")
            messages.success(request, done % {"number": petition.number})
            return redirect(QUEUE)
    return moderate(request, petition_id, refuse_form=form)


def flags(request: HttpRequest) -> HttpResponse:
    """The bursts of signatures from new accounts no moderator has looked at yet."""
    moderator_only(request.user)
    raised = (
        PetitionFlag.objects.filter(reviewed_at__isnull=True)
        .select_related("petition")
        .order_by("raised_at", "pk")
    )
    flags_page = Paginator(raised, PER_PAGE).get_page(request.GET.get("page"))
    return page(
        request, "petitions/backoffice/flags.html", _("Flags of signature bursts"),
        flags=flags_page, review_form=FlagReviewForm(),
    )  # fmt: skip


@require_POST
def review(request: AuthenticatedRequest[User], flag_id: int) -> HttpResponse:
    moderator_only(request.user)
    form = FlagReviewForm(request.POST)
    try:
        if not form.is_valid():
            raise ActionRefused(_("The note is longer than the form allows."))
        flag_review(moderator=request.user, flag_id=flag_id, note=form.cleaned_data["note"])
    except ActionRefused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, _("The flag is marked reviewed."))
    return redirect(FLAGS)
