from __future__ import annotations

import datetime
from typing import Any

from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Membership, User
from agencies.workdays import ALMATY, WorkCalendar, end_of_day
from appeals.models import Appeal
from appeals.selectors import visible_agency_ids
from portal.params import query_id

Status = Appeal.Status
DUE_SOON_WORKING_DAYS = 3


def due_soon_until(now: datetime.datetime) -> datetime.datetime:
    today = now.astimezone(ALMATY).date()
    work_calendar = WorkCalendar.load(today, today + datetime.timedelta(days=30))
    return end_of_day(work_calendar.add_working_days(today, DUE_SOON_WORKING_DAYS))


QUEUES = {
    "registration": _("Awaiting registration"),
    "mine": _("In progress: mine"),
    "unit": _("In progress: my agency"),
    "due_soon": _("Due within 3 working days"),
    "overdue": _("Overdue"),
    "answered": _("Answered"),
}


class KnownChoicesFilter(admin.ChoicesFieldListFilter):
    """A field's choices filter that takes only those choices.

    Django's own passes any text to SQL, and PostgreSQL cannot even read some (a NUL byte):
    anything else sends the list back with the admin's "?e=1", as a bad id does.
    """

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any] | None:
        known = {str(value) for value, _ in self.field.flatchoices}
        if any(value not in known for value in self.lookup_val or []):
            raise IncorrectLookupParameters
        return super().queryset(request, queryset)


class QueueFilter(admin.SimpleListFilter):
    title = _("queue")
    parameter_name = "queue"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, Any]]:
        return list(QUEUES.items())

    def queryset(self, request: HttpRequest, queryset: QuerySet[Appeal]) -> QuerySet[Appeal]:
        now = timezone.now()
        open_appeals = queryset.filter(status__in=Appeal.OPEN_STATUSES)
        match self.value():
            case "registration":
                return queryset.filter(status=Status.SUBMITTED)
            case "mine":
                return queryset.filter(executor_id=request.user.pk, status=Status.IN_PROGRESS)
            case "unit":
                return queryset.filter(status__in=[Status.REGISTERED, Status.IN_PROGRESS])
            case "due_soon":
                return open_appeals.filter(due_at__gte=now, due_at__lte=due_soon_until(now))
            case "overdue":
                return open_appeals.filter(due_at__lt=now)
            case "answered":
                return queryset.filter(status=Status.ANSWERED)
        return queryset


class OverdueFilter(admin.SimpleListFilter):
    title = _("overdue")
    parameter_name = "overdue"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, Any]]:
        return [("yes", _("Overdue")), ("no", _("On time"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Appeal]) -> QuerySet[Appeal]:
        now = timezone.now()
        late = {"status__in": Appeal.OPEN_STATUSES, "due_at__lt": now}
        if self.value() == "yes":
            return queryset.filter(**late)
        if self.value() == "no":
            return queryset.exclude(**late)
        return queryset


class ExecutorFilter(admin.SimpleListFilter):
    """The executors of the staff member's agencies: a bounded list, not a DISTINCT scan."""

    title = _("executor")
    parameter_name = "executor"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, Any]]:
        executors = (
            User.objects.filter(
                memberships__agency_id__in=visible_agency_ids(request.user),  # type: ignore[arg-type]
                memberships__role=Membership.Role.EXECUTOR,
                memberships__is_active=True,
            )
            .distinct()
            .order_by("full_name")
            .values_list("pk", "full_name")
        )
        return [(str(pk), name) for pk, name in executors]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Appeal]) -> QuerySet[Appeal]:
        executor_id = query_id(self.value())
        return queryset if executor_id is None else queryset.filter(executor_id=executor_id)
