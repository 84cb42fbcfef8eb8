"""The back-office's petitions on the appeals' back-office site: the addressee's queue as
the admin's list, the petition's page, and the moderators' pages beside them."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import FileResponse, HttpRequest, HttpResponse
from django.urls import URLPattern, path
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from appeals.backoffice.paging import BoundedPaginator
from appeals.backoffice.read_only import ServiceOnlyAdmin
from appeals.backoffice.site import backoffice_site
from core.requests import AuthenticatedRequest
from petitions.backoffice import answering, moderation
from petitions.backoffice.common import addressee_petitions, petition_file
from petitions.models import Petition
from petitions.permissions import is_moderator


@admin.register(Petition, site=backoffice_site)
class PetitionAdmin(ServiceOnlyAdmin):  # petitions change through their services
    list_display = ("number_shown", "title", "addressee", "status", "deadline", "signatures_seen")
    list_display_links = ("number_shown",)
    list_filter = ("status",)
    list_select_related = ("addressee",)
    list_per_page = 50
    paginator = BoundedPaginator
    show_full_result_count = False
    show_facets = admin.ShowFacets.NEVER
    change_list_template = "petitions/backoffice/petition_list.html"

    def get_queryset(self, request: HttpRequest) -> QuerySet[Petition]:
        return addressee_petitions(request.user)

    def get_ordering(self, request: HttpRequest) -> list[str]:
        # Those still to answer ("considering" sorts after "answered") by their deadline.
        return ["-status", "answer_due", "pk"]

    @admin.display(description=_("number"), ordering="pk")
    def number_shown(self, petition: Petition) -> str:
        return petition.number

    @admin.display(description=_("answer due"), ordering="answer_due")
    def deadline(self, petition: Petition) -> str:
        if petition.answer_due is None:
            return "—"
        due = date_format(timezone.localtime(petition.answer_due), "DATE_FORMAT")
        if petition.status == Petition.Status.CONSIDERING and petition.answer_due < timezone.now():
            return format_html('<strong class="overdue">{} — {}</strong>', due, gettext("overdue"))
        return due

    def changelist_view(self, request: HttpRequest, extra_context: Any = None) -> HttpResponse:
        context = {"title": _("Petitions to my bodies"), "is_moderator": is_moderator(request.user)}
        return super().changelist_view(request, {**context, **(extra_context or {})})

    def get_urls(self) -> list[URLPattern]:
        wrap = self.admin_site.admin_view
        return [
            path("moderation/", wrap(moderation.queue), name="petitions_petition_moderation"),
            path(
                "moderation/<int:petition_id>/",
                wrap(moderation.moderate),
                name="petitions_petition_moderate",
            ),
            path(
                "moderation/<int:petition_id>/accept/",
                wrap(moderation.accept),
                name="petitions_petition_accept",
            ),
            path(
                "moderation/<int:petition_id>/refuse/",
                wrap(moderation.refuse),
                name="petitions_petition_refuse",
            ),
            path("flags/", wrap(moderation.flags), name="petitions_petition_flags"),
            path(
                "flags/<int:flag_id>/review/",
                wrap(moderation.review),
                name="petitions_petition_flag_review",
            ),
            path(
                "files/<int:attachment_id>/", wrap(self.file_view), name="petitions_petition_file"
            ),
            *self.list_and_page_urls(),
        ]

    def change_view(
        self, request: HttpRequest, object_id: str, form_url: str = "", extra_context: Any = None
    ) -> HttpResponse:
        return answering.petition_page(request, object_id)

    def file_view(self, request: AuthenticatedRequest[User], attachment_id: int) -> FileResponse:
        return petition_file(request, attachment_id)
