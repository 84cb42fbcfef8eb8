"""What the back-office pages of meetings share: the page frame and the meeting in scope."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.models import Visitor
from appeals.backoffice.site import backoffice_site
from receptions.models import Meeting
from receptions.permissions import readable_agency_ids


def page(request: HttpRequest, template: str, title: str, **context: Any) -> TemplateResponse:
    site_context = backoffice_site.each_context(request)
    context = {**site_context, "opts": Meeting._meta, "title": title, **context}
    return TemplateResponse(request, template, context)


def meeting_url(meeting: Meeting) -> str:
    return reverse("backoffice:receptions_meeting_change", args=[meeting.pk])


def readable_meeting(user: Visitor, meeting_id: int | str) -> Meeting:
    """The meeting, if it is one of the bodies the staff member reads; else 404."""
    try:
        pk = int(meeting_id)
    except ValueError:
        raise Http404 from None
    meeting = (
        Meeting.objects.select_related("agency", "region")
        .filter(pk=pk, agency_id__in=readable_agency_ids(user))
        .first()
    )
    if meeting is None:
        raise Http404(_("No such meeting in your bodies."))
    return meeting
