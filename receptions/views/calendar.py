"""The public calendar of receptions and meetings, its iCalendar feed, and a meeting's page.
Public: bodies, officials' names and posts, times, places and counts only."""

from __future__ import annotations

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from receptions.forms import CalendarFilterForm
from receptions.ical import MAX_EVENTS, calendar_text, feed_filters
from receptions.models import Meeting, Question
from receptions.selectors import free_slot_counts, free_slots, outcome_counts, public_meetings

PAGE_SIZE = 20
FILTERS = ("body", "region", "kind", "target_group", "date_from", "date_to")


def _given(request: HttpRequest) -> dict[str, str]:
    """The filters in the query string, for the pages' and the feed's links."""
    return {name: request.GET[name] for name in FILTERS if request.GET.get(name)}


@require_GET
def calendar(request: HttpRequest) -> HttpResponse:
    form = CalendarFilterForm(request.GET or None)
    paginator = Paginator(public_meetings(form.filters()), PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    meetings = list(page.object_list)
    free = free_slot_counts(meetings)
    given = urlencode(_given(request))
    context = {
        "form": form,
        "page": page,
        "rows": [(meeting, free.get(meeting.pk)) for meeting in meetings],
        "page_range": paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1),
        "query": f"{given}&" if given else "",
        "ical_url": reverse("receptions:ical") + (f"?{given}" if given else ""),
    }
    return render(request, "receptions/calendar.html", context)


@require_GET
def ical_feed(request: HttpRequest) -> HttpResponse:
    filters = feed_filters(CalendarFilterForm(request.GET or None).filters(upcoming=False))
    meetings = public_meetings(filters)[:MAX_EVENTS]
    response = HttpResponse(
        calendar_text(meetings, timezone.now()), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'inline; filename="receptions.ics"'
    return response


@require_GET
def meeting_page(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_object_or_404(Meeting.objects.select_related("agency", "region"), pk=pk)
    free = free_slots(meeting).count() if meeting.takes_bookings else None
    labels = dict(Question.Outcome.choices)
    outcomes = [(labels[value], n) for value, n in outcome_counts(meeting).items()]
    context = {
        "meeting": meeting,
        "free": free,
        "outcomes": outcomes,
        "questions_total": sum(n for _label, n in outcomes),
        "bookable": bool(free),
    }
    return render(request, "receptions/meeting.html", context)
