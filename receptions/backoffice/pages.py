"""A meeting's page in the back-office, its announcement, and marking it held or not held."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from accounts.models import User
from core.refusals import ActionRefused
from core.requests import AuthenticatedRequest
from receptions import schedule
from receptions.backoffice.common import meeting_url, page, readable_meeting
from receptions.backoffice.forms import AnnounceForm, HeldForm, NotHeldForm
from receptions.models import Booking, Meeting, Question
from receptions.permissions import managed_agency_ids

QUESTIONS_PER_PAGE = 100
HELD, NOT_HELD = "held", "not_held"


def meeting_page(request: HttpRequest, meeting_id: str) -> HttpResponse:
    """The meeting, its booked questions (the citizens' names and questions: for its body's
    staff only, as this page is) and the questions recorded with their outcomes."""
    meeting = readable_meeting(request.user, meeting_id)
    may_manage = meeting.agency_id in managed_agency_ids(request.user)
    bookings = (
        meeting.bookings.filter(status=Booking.Status.ACTIVE)
        .select_related("citizen", "category", "slot", "raised")
        .prefetch_related("attachments")
        .order_by("slot__starts_at")
    )
    questions = (
        meeting.questions.select_related(
            "citizen", "category", "appeal", "appeal__agency", "forwarded_to", "feedback"
        ).order_by("recorded_at", "pk")
    )  # fmt: skip
    outcomes = dict(
        meeting.questions.values_list("outcome").annotate(n=Count("pk")).values_list("outcome", "n")
    )
    context: dict[str, Any] = {
        "meeting": meeting,
        "may_manage": may_manage,
        "planned": meeting.status == Meeting.Status.PLANNED,
        "held": meeting.status == Meeting.Status.HELD,
        "bookings": list(bookings),
        "questions": Paginator(questions, QUESTIONS_PER_PAGE).get_page(request.GET.get("page")),
        "outcome_counts": [
            (label, outcomes.get(value, 0)) for value, label in Question.Outcome.choices
        ],
    }
    return page(request, "receptions/backoffice/meeting_detail.html", str(meeting), **context)


def announce(request: AuthenticatedRequest[User]) -> HttpResponse:
    agency_ids = managed_agency_ids(request.user)
    if not agency_ids:
        raise Http404
    form = AnnounceForm(request.POST or None, agency_ids=agency_ids)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = schedule.meeting_announce(actor=request.user, **form.cleaned_data)
        except ActionRefused as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(request, _("The meeting is announced on the public calendar."))
            return redirect(meeting_url(meeting))
    title = _("Announce a reception or meeting")
    return page(
        request, "receptions/backoffice/action_form.html", title, form=form,
        action_label=_("Announce"),
    )  # fmt: skip


def result(request: AuthenticatedRequest[User], meeting_id: int, outcome: str) -> HttpResponse:
    """Mark the meeting held (with the people present) or not held (with the reason)."""
    if outcome not in (HELD, NOT_HELD):
        raise Http404
    meeting = readable_meeting(request.user, meeting_id)
    if meeting.agency_id not in managed_agency_ids(request.user):
        raise Http404
    form_class = HeldForm if outcome == HELD else NotHeldForm
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            if outcome == HELD:
                schedule.meeting_held(
                    meeting_id=meeting.pk, actor=request.user, **form.cleaned_data
                )
            else:
                schedule.meeting_not_held(
                    meeting_id=meeting.pk, actor=request.user, **form.cleaned_data
                )
        except ActionRefused as refused:
            messages.error(request, refused.message)
        else:
            messages.success(request, _("The result of the meeting is recorded."))
        return redirect(meeting_url(meeting))
    label = _("Mark held") if outcome == HELD else _("Mark not held")
    return page(
        request, "receptions/backoffice/action_form.html", f"{label}: {meeting}", form=form,
        action_label=label, meeting=meeting,
    )  # fmt: skip
