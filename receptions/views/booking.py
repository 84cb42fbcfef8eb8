"""Booking a reception, the citizen's own receptions and questions, cancelling a booking,
and a booking's files for the citizen and the body's staff only."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.models import User
from core.downloads import private_download
from core.refusals import ActionRefused
from core.requests import AuthenticatedRequest
from receptions.booking import SlotTaken, booking_cancel, booking_make, may_cancel
from receptions.forms import BookingForm
from receptions.models import Booking, BookingAttachment, Meeting
from receptions.selectors import booking_file_visible_to, bookings_of_citizen, questions_of_citizen

PAGE_SIZE = 20
QUESTIONS_SHOWN = 50


@login_required
@require_http_methods(["GET", "POST"])
def book(request: AuthenticatedRequest[User], pk: int) -> HttpResponse:
    meeting = get_object_or_404(Meeting.objects.select_related("agency", "region"), pk=pk)
    if meeting.status != Meeting.Status.PLANNED or not meeting.takes_bookings:
        messages.error(request, _("This reception does not take bookings."))
        return redirect("receptions:meeting", pk=meeting.pk)
    user = request.user
    if request.method == "POST":
        form = BookingForm(request.POST, request.FILES, meeting=meeting, uploader=user)
        if form.is_valid():
            data = form.cleaned_data
            try:
                booking_make(
                    citizen=user, slot_id=data["slot"].pk, category=data["category"],
                    question=data["question"], attachments=data["attachments"],
                )  # fmt: skip
            except SlotTaken as refused:
                form.add_error("slot", refused.message)
            except ActionRefused as refused:
                form.add_error(None, refused.message)
            else:
                messages.success(request, _("Your time is booked. We have sent you the details."))
                return redirect("receptions:mine")
    else:
        form = BookingForm(meeting=meeting, uploader=user)
    context = {
        "meeting": meeting,
        "form": form,
        "files_to_attach_again": bool(request.FILES) and form.is_bound,
    }
    return render(request, "receptions/book.html", context)


@login_required
def mine(request: AuthenticatedRequest[User]) -> HttpResponse:
    user = request.user
    paginator = Paginator(bookings_of_citizen(user), PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    now = timezone.now()
    rows = [
        (b, b.status == Booking.Status.ACTIVE and b.meeting.status == Meeting.Status.PLANNED
         and b.slot.starts_at > now)
        for b in page.object_list
    ]  # fmt: skip
    context = {
        "page": page,
        "rows": rows,
        "page_range": paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1),
        "query": "",
        "questions": list(questions_of_citizen(user)[:QUESTIONS_SHOWN]),
    }
    return render(request, "receptions/mine.html", context)


@login_required
@require_POST
def cancel(request: AuthenticatedRequest[User], pk: int) -> HttpResponse:
    booking = get_object_or_404(Booking.objects.select_related("meeting"), pk=pk)
    if not may_cancel(request.user, booking):
        raise Http404  # others learn nothing of someone's booking
    try:
        booking_cancel(booking_id=booking.pk, actor=request.user)
    except ActionRefused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, _("Your booking is cancelled and the time is free again."))
    return redirect("receptions:mine")


@login_required
def booking_file(request: AuthenticatedRequest[User], pk: int) -> FileResponse:
    """A file of a booked question, as a download, to its citizen and the body's staff."""
    related = BookingAttachment.objects.select_related("booking", "booking__meeting")
    attachment = get_object_or_404(related, pk=pk)
    if not booking_file_visible_to(request.user, attachment.booking):
        raise Http404
    return private_download(
        attachment.file.open("rb"), attachment.original_name, attachment.content_type
    )
