"""Silence has a remedy: the citizen is told once that the deadline passed, with the link to
complain; an appeal overdue by more than ESCALATE_AFTER_WORKING_DAYS is reported to the
controllers of the body above; each body's overdue appeals are published by age."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterator

from django.conf import settings
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy

from accounts.models import Membership, User
from agencies.models import Agency
from agencies.workdays import ALMATY, WorkCalendar, end_of_day
from appeals.complaints import complaint_url
from appeals.models import Appeal
from appeals.selectors import higher_body
from notifications.models import Notification
from notifications.services import notification_create

# A run looks this far back for deadlines that passed, so a missed run loses no notice.
NOTICE_LOOKBACK = datetime.timedelta(days=7)
REFERENCES_PER_BODY = 20
# Ages of overdue appeals, in calendar days past the deadline, as published.
AGE_BANDS = (
    (1, 7, gettext_lazy("1–7 days")), (8, 30, gettext_lazy("8–30 days")),
    (31, 90, gettext_lazy("31–90 days")), (91, None, gettext_lazy("more than 90 days")),
)  # fmt: skip


def overdue_notices_write(now: datetime.datetime) -> int:
    """Tells each applicant once that their appeal's deadline has passed; returns how many."""
    passed = Appeal.objects.filter(
        status__in=Appeal.OPEN_STATUSES, due_at__lt=now, due_at__gte=now - NOTICE_LOOKBACK
    ).select_related("applicant", "agency__parent")
    written = 0
    for chunk in _chunks(passed.iterator(chunk_size=500), 500):
        keys = {f"appeal-overdue:{a.pk}:{a.due_at.isoformat()}": a for a in chunk}
        told = set(
            Notification.objects.filter(dedupe_key__in=keys).values_list("dedupe_key", flat=True)
        )
        for key, appeal in keys.items():
            if key not in told:
                written += _overdue_notice(appeal, key) is not None
    return written


def _overdue_notice(appeal: Appeal, key: str) -> Notification | None:
    return notification_create(
        recipient=appeal.applicant, kind="appeal.overdue", about=appeal,
        template="notifications/appeal_overdue.txt",
        context={"appeal": appeal, "higher": higher_body(appeal.agency),
                 "complaint_url": complaint_url(appeal)},
        dedupe_key=key,
    )  # fmt: skip


def _chunks(items: Iterator[Appeal], size: int) -> Iterator[list[Appeal]]:
    chunk: list[Appeal] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def escalation_cutoff(now: datetime.datetime) -> datetime.datetime:
    """Appeals due before this are overdue by more than ESCALATE_AFTER_WORKING_DAYS: more
    working days than that have begun since their deadline's day, today counted."""
    today = now.astimezone(ALMATY).date()
    days = settings.ESCALATE_AFTER_WORKING_DAYS
    work_calendar = WorkCalendar.load(today - datetime.timedelta(days=3 * days + 30), today)
    day, counted = today, 0
    while True:
        counted += work_calendar.is_working_day(day)
        if counted > days:
            return end_of_day(day - datetime.timedelta(days=1))
        day -= datetime.timedelta(days=1)


def escalations_write(now: datetime.datetime) -> int:
    """One report a day to each controller of a body above bodies with appeals overdue
    beyond the limit: per body below, the count and the oldest references."""
    late = Appeal.objects.filter(status__in=Appeal.OPEN_STATUSES, due_at__lt=escalation_cutoff(now))
    counts = dict(late.values_list("agency_id").annotate(n=Count("pk")))
    if not counts:
        return 0
    agencies = Agency.objects.select_related("parent").in_bulk(list(counts))
    sections_by_higher: dict[int, list[dict[str, object]]] = defaultdict(list)
    for agency_id, count in counts.items():
        higher = higher_body(agencies[agency_id])
        if higher is not None:
            oldest = late.filter(agency_id=agency_id).order_by("due_at")
            references = list(oldest.values_list("reference", flat=True)[:REFERENCES_PER_BODY])
            sections_by_higher[higher.pk].append(
                {"agency": agencies[agency_id], "count": count, "references": references}
            )
    return _send_escalations(sections_by_higher, now)


def _send_escalations(
    sections_by_higher: dict[int, list[dict[str, object]]], now: datetime.datetime
) -> int:
    controllers = Membership.objects.filter(
        agency_id__in=sections_by_higher, role=Membership.Role.CONTROLLER, is_active=True,
        user__is_active=True,
    ).select_related("user")  # fmt: skip
    sections_by_user: dict[int, list[dict[str, object]]] = defaultdict(list)
    users: dict[int, User] = {}
    for membership in controllers:
        sections_by_user[membership.user_id] += sections_by_higher[membership.agency_id]
        users[membership.user_id] = membership.user
    today = now.astimezone(ALMATY).date().isoformat()
    written = 0
    for user_id, sections in sections_by_user.items():
        report = notification_create(
            recipient=users[user_id], kind="appeal.escalation",
            template="notifications/escalation.txt",
            context={"sections": sections, "days": settings.ESCALATE_AFTER_WORKING_DAYS},
            dedupe_key=f"escalation:{user_id}:{today}",
        )  # fmt: skip
        written += report is not None
    return written


def overdue_by_age(agency_ids: list[int], now: datetime.datetime) -> list[tuple[str, int]]:
    """How many of these bodies' open appeals are overdue, by days past the deadline: a
    live count over the partial index of open appeals by deadline."""
    bands = {}
    for index, (low, high, _label) in enumerate(AGE_BANDS):
        window = Q(due_at__lte=now - datetime.timedelta(days=low - 1))
        if high is not None:
            window &= Q(due_at__gt=now - datetime.timedelta(days=high))
        bands[f"band_{index}"] = Count("pk", filter=window)
    counts = Appeal.objects.filter(
        agency_id__in=agency_ids, status__in=Appeal.OPEN_STATUSES, due_at__lt=now
    ).aggregate(**bands)
    return [(str(label), counts[f"band_{i}"] or 0) for i, (*_, label) in enumerate(AGE_BANDS)]
