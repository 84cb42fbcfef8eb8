"""The front office books a reception for a walk-in citizen: first the reception (any body's,
as on the public calendar), then the time, the citizen and his question."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Exists, OuterRef
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from agencies.models import Region
from core.ids import query_id
from core.refusals import ActionRefused
from core.requests import AuthenticatedRequest
from receptions import booking
from receptions.backoffice.common import page
from receptions.backoffice.forms import WalkInBookingForm
from receptions.models import Booking, Meeting, Slot
from receptions.permissions import may_book_for_walk_ins

DESK = "backoffice:receptions_meeting_walk_in"
LISTED = 50


def _bookable(region_id: int | None) -> list[Meeting]:
    """The soonest planned receptions with a free time: a bounded list."""
    now = timezone.now()
    taken = Booking.objects.filter(slot=OuterRef("pk"), status=Booking.Status.ACTIVE)
    free = Slot.objects.filter(meeting=OuterRef("pk"), starts_at__gt=now).exclude(Exists(taken))
    meetings = Meeting.objects.filter(
        status=Meeting.Status.PLANNED, kind__in=Meeting.BOOKED_KINDS, ends_at__gt=now
    ).filter(Exists(free))
    if region_id is not None:
        meetings = meetings.filter(region_id=region_id)
    return list(meetings.select_related("agency", "region").order_by("starts_at")[:LISTED])


def walk_in(request: AuthenticatedRequest[User]) -> HttpResponse:
    if not may_book_for_walk_ins(request.user):
        raise Http404
    meeting_id = query_id(request.GET.get("meeting"))
    meeting = (
        Meeting.objects.select_related("agency").filter(pk=meeting_id).first()
        if meeting_id is not None
        else None
    )
    title = _("Book a reception for a walk-in citizen")
    if meeting is None:
        region_id = query_id(request.GET.get("region"))
        return page(
            request, "receptions/backoffice/walk_in_choose.html", title,
            meetings=_bookable(region_id), regions=Region.objects.order_by("code"),
            region_id=region_id,
        )  # fmt: skip
    form = WalkInBookingForm(
        request.POST or None, request.FILES or None, meeting=meeting, operator=request.user
    )
    if request.method == "POST" and form.is_valid():
        try:
            made = booking.booking_make_walk_in(operator=request.user, **form.cleaned_data)
        except ActionRefused as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(
                request,
                _("Booked: %(meeting)s at %(time)s. Tell the citizen the time.")
                % {
                    "meeting": meeting,
                    "time": timezone.localtime(made.slot.starts_at).strftime("%H:%M"),
                },
            )
            return redirect(DESK)
    return page(
        request, "receptions/backoffice/action_form.html", title, form=form, meeting=meeting,
        action_label=_("Book"),
    )  # fmt: skip
