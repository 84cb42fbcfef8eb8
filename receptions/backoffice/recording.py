"""Recording a held meeting's questions: the booked ones, one row each, and the questions
from the floor, in blank rows, as many as needed ("add more rows" works without JavaScript)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import User
from core.refusals import ActionRefused
from core.requests import AuthenticatedRequest
from receptions.backoffice.common import meeting_url, page, readable_meeting
from receptions.backoffice.recording_forms import (
    MAX_ROWS,
    STEP,
    BaseRows,
    BookedRows,
    FloorRows,
    RowChoices,
    row_choices,
)
from receptions.models import Booking, Meeting
from receptions.outcomes import may_record, questions_record

BOOKED, FLOOR, MORE = "booked", "floor", "more"


def _unrecorded(meeting: Meeting) -> list[Booking]:
    return list(
        meeting.bookings.filter(status=Booking.Status.ACTIVE, raised__isnull=True)
        .select_related("citizen", "category", "slot")
        .order_by("slot__starts_at")
    )


def _more_rows(posted: QueryDict) -> QueryDict:
    """The posted rows with STEP blank ones more, up to MAX_ROWS."""
    data = posted.copy()
    key = f"{FLOOR}-TOTAL_FORMS"
    try:
        total = int(data.get(key, STEP))
    except ValueError:
        total = STEP
    data[key] = str(min(total + STEP, MAX_ROWS))
    return data


def _formsets(
    request: AuthenticatedRequest[User], bookings: list[Booking], choices: RowChoices
) -> tuple[BaseRows, BaseRows, bool]:
    """The booked rows and the floor rows, bound to what was posted for the one sent."""
    kwargs: dict[str, Any] = {"form_kwargs": {"choices": choices}}
    initial = [{"booking": b.pk, "category": b.category_id} for b in bookings]
    posted, sent = request.POST, request.POST.get("rows", "")
    more = request.method == "POST" and MORE in posted
    booked_data = posted if sent == BOOKED else None
    floor_data = (_more_rows(posted) if more else posted) if sent == FLOOR else None
    booked = BookedRows(booked_data, prefix=BOOKED, initial=initial, **kwargs)
    floor = FloorRows(floor_data, prefix=FLOOR, **kwargs)
    return booked, floor, more


def record(request: AuthenticatedRequest[User], meeting_id: int) -> HttpResponse:
    meeting = readable_meeting(request.user, meeting_id)
    if not may_record(request.user, meeting):
        raise Http404
    if meeting.status != Meeting.Status.HELD:
        messages.error(request, _("Questions are recorded once the meeting is marked held."))
        return redirect(meeting_url(meeting))
    bookings = _unrecorded(meeting)
    booked, floor, more = _formsets(request, bookings, row_choices(meeting))
    sent = booked if request.POST.get("rows") == BOOKED else floor
    if request.method == "POST" and not more and sent.is_valid():
        try:
            count = questions_record(meeting_id=meeting.pk, actor=request.user, rows=sent.filled())
        except ActionRefused as refused:
            messages.error(request, refused.message)
        else:
            messages.success(
                request,
                ngettext("%(n)s question recorded.", "%(n)s questions recorded.", count)
                % {"n": count},
            )
            return redirect(request.path)
    context = {
        "meeting": meeting, "booked": booked, "floor": floor,
        "booked_rows": list(zip(bookings, booked.forms, strict=False)),
        "show_errors": not more, "may_add": floor.total_form_count() < MAX_ROWS,
    }  # fmt: skip
    return page(request, "receptions/backoffice/record.html", _("Record questions"), **context)
