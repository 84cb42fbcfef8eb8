"""The back-office list's filters; the queues themselves are appeals.selectors'."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from appeals.models import Appeal
from appeals.selectors import (
    QUEUE_LABELS,
    Queue,
    executors_of,
    in_queue,
    overdue_or_not,
    visible_agency_ids,
)
from core.ids import query_id


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
        return list(QUEUE_LABELS.items())

    def queryset(self, request: HttpRequest, queryset: QuerySet[Appeal]) -> QuerySet[Appeal]:
        value = self.value()
        if value is None or value not in QUEUE_LABELS:
            return queryset
        return in_queue(queryset, Queue(value), request.user, timezone.now())


class OverdueFilter(admin.SimpleListFilter):
    title = _("overdue")
    parameter_name = "overdue"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, Any]]:
        return [("yes", _("Overdue")), ("no", _("On time"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Appeal]) -> QuerySet[Appeal]:
        if self.value() not in ("yes", "no"):
            return queryset
        return overdue_or_not(queryset, self.value() == "yes", timezone.now())


class ExecutorFilter(admin.SimpleListFilter):
    """The executors of the staff member's agencies: a bounded list, not a DISTINCT scan."""

    title = _("executor")
    parameter_name = "executor"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, Any]]:
        executors = executors_of(visible_agency_ids(request.user))
        return [(str(pk), name) for pk, name in executors.values_list("pk", "full_name")]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Appeal]) -> QuerySet[Appeal]:
        executor_id = query_id(self.value())
        return queryset if executor_id is None else queryset.filter(executor_id=executor_id)
