"""The back-office's meetings: the list of one's bodies' meetings and each meeting's page,
on the appeals' back-office site (appeals/backoffice/site.py), with its sign-in and look."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from appeals.backoffice.paging import BoundedPaginator
from appeals.backoffice.read_only import ServiceOnlyAdmin
from appeals.backoffice.site import backoffice_site
from core.requests import AuthenticatedRequest
from receptions.backoffice import pages, recording, walk_in
from receptions.models import Meeting
from receptions.permissions import managed_agency_ids, may_book_for_walk_ins, readable_agency_ids

UPCOMING, PAST = "upcoming", "past"


class WhenFilter(admin.SimpleListFilter):
    title = _("when")
    parameter_name = "when"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, Any]]:
        return [(UPCOMING, _("Upcoming")), (PAST, _("Past"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Meeting]) -> QuerySet[Meeting]:
        now = timezone.now()
        if self.value() == UPCOMING:
            return queryset.filter(ends_at__gte=now)
        if self.value() == PAST:
            return queryset.filter(ends_at__lt=now)
        return queryset


@admin.register(Meeting, site=backoffice_site)
class MeetingAdmin(ServiceOnlyAdmin):  # meetings change through their services
    list_display = ("starts_at", "kind", "official_name", "agency", "region", "status")
    list_display_links = ("starts_at",)
    list_filter = ("status", "kind", WhenFilter)
    list_select_related = ("agency", "region")
    list_per_page = 50
    paginator = BoundedPaginator
    show_full_result_count = False
    show_facets = admin.ShowFacets.NEVER
    change_list_template = "receptions/backoffice/meeting_list.html"

    def get_queryset(self, request: HttpRequest) -> QuerySet[Meeting]:
        return Meeting.objects.filter(agency_id__in=readable_agency_ids(request.user))

    def get_ordering(self, request: HttpRequest) -> list[str]:
        # Upcoming meetings soonest first; otherwise (and the past) the latest first.
        return (
            ["starts_at"]
            if request.GET.get(WhenFilter.parameter_name) == UPCOMING
            else ["-starts_at"]
        )

    def changelist_view(self, request: HttpRequest, extra_context: Any = None) -> HttpResponse:
        context = {
            "title": _("Meetings of my bodies"),
            "may_announce": bool(managed_agency_ids(request.user)),
            "may_book": may_book_for_walk_ins(request.user),
        }
        return super().changelist_view(request, {**context, **(extra_context or {})})

    def get_urls(self) -> list[URLPattern]:
        wrap = self.admin_site.admin_view
        return [
            path("announce/", wrap(self.announce_view), name="receptions_meeting_announce"),
            path("walk-in/", wrap(self.walk_in_view), name="receptions_meeting_walk_in"),
            path(
                "<int:meeting_id>/result/<str:result>/",
                wrap(self.result_view),
                name="receptions_meeting_result",
            ),
            path(
                "<int:meeting_id>/record/", wrap(self.record_view), name="receptions_meeting_record"
            ),
            *self.list_and_page_urls(),
        ]

    def change_view(
        self, request: HttpRequest, object_id: str, form_url: str = "", extra_context: Any = None
    ) -> HttpResponse:
        return pages.meeting_page(request, object_id)

    def announce_view(self, request: AuthenticatedRequest[User]) -> HttpResponse:
        return pages.announce(request)

    def walk_in_view(self, request: AuthenticatedRequest[User]) -> HttpResponse:
        return walk_in.walk_in(request)

    def result_view(
        self, request: AuthenticatedRequest[User], meeting_id: int, result: str
    ) -> HttpResponse:
        return pages.result(request, meeting_id, result)

    def record_view(self, request: AuthenticatedRequest[User], meeting_id: int) -> HttpResponse:
        return recording.record(request, meeting_id)
