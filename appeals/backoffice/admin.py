"""The back-office's appeal list and page: a Django admin site of its own at /backoffice/."""

from __future__ import annotations

import datetime
import re
from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import URLPattern, path
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.models import User, Visitor
from appeals.backoffice import answering, front_office, views
from appeals.backoffice.filters import (
    ExecutorFilter,
    KnownChoicesFilter,
    OverdueFilter,
    QueueFilter,
)
from appeals.backoffice.lateness import overdue_words
from appeals.backoffice.paging import BoundedPaginator
from appeals.backoffice.read_only import ServiceOnlyAdmin
from appeals.backoffice.site import backoffice_site
from appeals.linked import joined_to_it, lead_of, linked_appeals
from appeals.models import Appeal
from appeals.questions import question_note, questions_of
from appeals.selectors import (
    QUEUE_LABELS,
    appeal_timeline,
    appeals_for_staff,
    is_front_office,
)
from appeals.timeline import describe
from appeals.workflow import TRANSITIONS, allowed_actions
from core.requests import AuthenticatedRequest

REFERENCE = re.compile(r"^[А-ЯЁӘҒҚҢӨҰҮҺІ]{2}-\d{4}-\d{8}$")
IIN = re.compile(r"^\d{12}$")


@admin.register(Appeal, site=backoffice_site)
class AppealAdmin(ServiceOnlyAdmin):  # every change is a workflow action
    list_display = (
        "reference", "subject", "status", "agency", "executor", "received_at", "deadline",
    )  # fmt: skip
    list_filter = (
        QueueFilter, ("status", KnownChoicesFilter), "type",
        ("category", admin.RelatedFieldListFilter),
        "region", ExecutorFilter, OverdueFilter,
    )  # fmt: skip
    list_select_related = ("agency", "executor")
    search_fields = ("reference",)  # shows the box; get_search_results decides what is searched
    search_help_text = _("Reference number, IIN, subject or applicant's name")
    ordering = ("due_at",)
    list_per_page = 50
    paginator = BoundedPaginator
    show_full_result_count = False  # no COUNT(*) of the whole table
    show_facets = admin.ShowFacets.NEVER

    def get_queryset(self, request: HttpRequest) -> QuerySet[Appeal]:
        return appeals_for_staff(request.user)

    def changelist_view(self, request: HttpRequest, extra_context: Any = None) -> HttpResponse:
        queue = request.GET.get(QueueFilter.parameter_name, "")
        title = QUEUE_LABELS.get(queue, _("Appeals"))
        # The walk-in form's link, for those who may open it (the others get a 404).
        context = {"title": title, "is_front_office": is_front_office(request.user)}
        return super().changelist_view(request, {**context, **(extra_context or {})})

    def get_object(
        self, request: HttpRequest, object_id: str, from_field: str | None = None
    ) -> Appeal | None:
        """One appeal within the staff member's scope, with what its page shows."""
        # With the meeting's question it came from, if any (receptions' reverse accessor).
        related = ("type", "agency", "executor", "applicant", "category", "region",
                   "meeting_question__meeting")  # fmt: skip
        try:
            return self.get_queryset(request).select_related(*related).get(pk=int(object_id))
        except (Appeal.DoesNotExist, ValueError):
            return None

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[Appeal], search_term: str
    ) -> tuple[QuerySet[Appeal], bool]:
        """A reference or an IIN is found by index; words search within the staff's scope."""
        term = search_term.strip()
        if not term:
            return queryset, False
        if REFERENCE.match(term.upper()):
            return queryset.filter(reference=term.upper()), False
        if IIN.match(term):
            return queryset.filter(applicant__iin_bin=term), False
        return queryset.filter(subject__icontains=term) | queryset.filter(
            applicant__full_name__icontains=term
        ), False

    @admin.display(description=_("due"), ordering="due_at")
    def deadline(self, appeal: Appeal) -> str:
        due = date_format(timezone.localtime(appeal.due_at), "DATE_FORMAT")
        if appeal.is_open and appeal.due_at < timezone.now():
            return format_html('<strong class="overdue">{} — {}</strong>', due, gettext("overdue"))
        return due

    def get_urls(self) -> list[URLPattern]:
        wrap = self.admin_site.admin_view
        return [
            path(
                "<int:appeal_id>/act/<str:action>/", wrap(self.act_view), name="appeals_appeal_act"
            ),
            path("front-office/", wrap(self.front_office_view), name="appeals_appeal_front_office"),
            path(
                "front-office/receipt/<int:appeal_id>/",
                wrap(self.receipt_view),
                name="appeals_appeal_receipt",
            ),
            *super().get_urls(),
        ]

    def change_view(
        self, request: HttpRequest, object_id: str, form_url: str = "", extra_context: Any = None
    ) -> HttpResponse:
        appeal = self.get_object(request, object_id)
        if appeal is None:
            raise Http404(gettext("No such appeal in your agencies."))
        events = [(event, describe(event)) for event in appeal_timeline(appeal)]
        actions = [(a, TRANSITIONS[a].label) for a in allowed_actions(request.user, appeal)]
        now = timezone.now()
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": appeal.reference,
            "appeal": appeal,
            "events": events,
            "attachments": list(appeal.attachments.order_by("kind", "pk")),
            "actions": actions,
            "overdue": overdue_words(appeal, now),
            **_complained_about(appeal, now),
            **answering.hearings_shown(appeal, [event for event, _ in events]),
            "questions": questions_of(appeal),
            "question_note": question_note(appeal),
            **_linked(appeal, request.user),
        }
        return TemplateResponse(request, "backoffice/appeal_detail.html", context)

    def act_view(
        self, request: AuthenticatedRequest[User], appeal_id: int, action: str
    ) -> HttpResponse:
        appeal = self.get_object(request, str(appeal_id))
        if appeal is None:
            raise Http404(gettext("No such appeal in your agencies."))
        return views.act(request, appeal, action)

    def front_office_view(self, request: AuthenticatedRequest[User]) -> HttpResponse:
        return front_office.front_office(request)

    def receipt_view(self, request: AuthenticatedRequest[User], appeal_id: int) -> HttpResponse:
        return front_office.receipt(request, appeal_id)


def _linked(appeal: Appeal, reader: Visitor) -> dict[str, Any]:
    """The applicant's repeats and parallels, and the joins (appeals/linked.py)."""
    linked = linked_appeals(appeal, reader)
    return {"linked": linked, "lead": lead_of(appeal), "joined": joined_to_it(appeal, linked)}


def _complained_about(appeal: Appeal, now: datetime.datetime) -> dict[str, Any]:
    """For a complaint: the appeal it is about, with its route, which the higher body's staff
    read to decide it (their agencies may not hold it); and the complaints about this one."""
    complaints = list(appeal.complaints.select_related("agency").order_by("pk"))
    original = appeal.complaint_of
    if original is None:
        return {"complaints": complaints}
    events = [(event, describe(event)) for event in appeal_timeline(original)]
    return {
        "complaints": complaints, "original": original, "original_events": events,
        "original_overdue": overdue_words(original, now),
    }  # fmt: skip
