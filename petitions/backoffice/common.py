"""What the back-office pages of petitions share: the page frame, the petitions in a staff
member's scope (404 outside it, as for meetings), and a petition's files."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from accounts.models import Visitor
from appeals.backoffice.site import backoffice_site
from core.downloads import private_download
from petitions.models import Petition, PetitionAttachment
from petitions.permissions import is_moderator, readable_agency_ids

# The addressee's queue: what reached its threshold, and what it answered.
ADDRESSEE_STATUSES = (Petition.Status.CONSIDERING, Petition.Status.ANSWERED)


def page(request: HttpRequest, template: str, title: str, **context: Any) -> TemplateResponse:
    site_context = backoffice_site.each_context(request)
    context = {**site_context, "opts": Petition._meta, "title": title, **context}
    return TemplateResponse(request, template, context)


def as_pk(value: int | str) -> int:
    try:
        return int(value)
    except ValueError:
        raise Http404 from None


def addressee_petitions(user: Visitor) -> QuerySet[Petition]:
    """The petitions in the queues of the bodies the staff member reads."""
    return Petition.objects.filter(
        addressee_id__in=readable_agency_ids(user), status__in=ADDRESSEE_STATUSES
    )


def moderator_only(user: Visitor) -> None:
    if not is_moderator(user):
        raise Http404(_("The moderation of petitions is for their moderators."))


def petition_file(request: HttpRequest, attachment_id: int) -> FileResponse:
    """A petition's file, to the moderators and to the addressee's readers."""
    related = PetitionAttachment.objects.select_related("petition")
    attachment = get_object_or_404(related, pk=attachment_id)
    petition = attachment.petition
    in_queue = addressee_petitions(request.user).filter(pk=petition.pk).exists()
    if not (in_queue or is_moderator(request.user)):
        raise Http404
    return private_download(
        attachment.file.open("rb"), attachment.original_name, attachment.content_type
    )
