"""The deadline watch: a daily digest to each head of what is overdue or due very soon; the
citizens' notices of passed deadlines and the reports to the body above
(appeals/escalation.py)."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, F, Q, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from accounts.models import Membership
from agencies.models import Agency
from agencies.workdays import ALMATY, WorkCalendar, end_of_day
from appeals.escalation import escalations_write, overdue_notices_write
from appeals.models import Appeal
from notifications.services import notification_create, notifications_enqueue_sending

REFERENCES_PER_AGENCY = 20


@dataclass
class AgencyDeadlines:
    agency: Agency
    overdue: int = 0
    due_soon: int = 0
    overdue_references: list[str] = field(default_factory=list)
    due_soon_references: list[str] = field(default_factory=list)

    @property
    def more(self) -> int:
        listed = len(self.overdue_references) + len(self.due_soon_references)
        return self.overdue + self.due_soon - listed


def agencies_with_deadlines(now: datetime.datetime) -> dict[int, AgencyDeadlines]:
    """Per agency: open appeals past their deadline, and those due by the next working day's end.

    Two queries over the partial index of open appeals by deadline.
    """
    today = now.astimezone(ALMATY).date()
    soon_until = end_of_day(WorkCalendar.load(today, today + datetime.timedelta(days=30))
                            .next_working_day(today))  # fmt: skip
    watched = Appeal.objects.filter(status__in=Appeal.OPEN_STATUSES, due_at__lte=soon_until)
    overdue = Q(due_at__lt=now)
    counts = watched.values("agency_id").annotate(
        overdue=Count("pk", filter=overdue), due_soon=Count("pk", filter=~overdue)
    )
    agencies = Agency.objects.in_bulk([row["agency_id"] for row in counts])
    found = {
        row["agency_id"]: AgencyDeadlines(
            agencies[row["agency_id"]], overdue=row["overdue"], due_soon=row["due_soon"]
        )
        for row in counts
    }
    listed = (
        watched.annotate(
            row=Window(RowNumber(), partition_by=[F("agency_id")], order_by=F("due_at").asc())
        )
        .filter(row__lte=REFERENCES_PER_AGENCY)
        .values_list("agency_id", "reference", "due_at")
    )
    for agency_id, reference, due_at in listed:
        entry = found[agency_id]
        (entry.overdue_references if due_at < now else entry.due_soon_references).append(reference)
    return found


def deadline_digest_send(now: datetime.datetime | None = None) -> int:
    """Write today's digest for every head with something to watch; returns how many new.

    Idempotent: a head gets one digest a day however often this runs.
    """
    now = now or timezone.now()
    found = agencies_with_deadlines(now)
    sections_by_head: dict[int, list[AgencyDeadlines]] = defaultdict(list)
    heads = Membership.objects.filter(
        agency_id__in=found, role=Membership.Role.HEAD, is_active=True, user__is_active=True
    ).select_related("user")
    users = {}
    for membership in heads:
        sections_by_head[membership.user_id].append(found[membership.agency_id])
        users[membership.user_id] = membership.user
    today = now.astimezone(ALMATY).date().isoformat()
    written = 0
    for user_id, sections in sections_by_head.items():
        notification = notification_create(
            recipient=users[user_id],
            kind="appeal.deadline_digest",
            template="notifications/deadline_digest.txt",
            context={"sections": sections},
            dedupe_key=f"deadline-digest:{user_id}:{today}",
        )
        written += notification is not None
    if written:
        notifications_enqueue_sending()
    return written


def deadline_watch_run(now: datetime.datetime | None = None) -> int:
    """The digests, the citizens' notices and the escalations; returns how many new."""
    now = now or timezone.now()
    written = deadline_digest_send(now) + overdue_notices_write(now) + escalations_write(now)
    if written:
        notifications_enqueue_sending()
    return written
