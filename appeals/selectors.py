"""Reads shared by the back-office, the citizen pages, the API and tasks."""

from __future__ import annotations

import datetime
from enum import StrEnum

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from accounts.models import Membership, User, Visitor
from accounts.selectors import is_staff_member as is_staff_member  # for the back-office
from accounts.selectors import staff_memberships
from agencies.models import Agency
from agencies.workdays import ALMATY, WorkCalendar, end_of_day
from appeals.models import Appeal, AppealEvent, AppealLink

# Ministry → committee → territorial department: the deepest chain a controller oversees.
AGENCY_TREE_DEPTH = 3
DUE_SOON_WORKING_DAYS = 3
Status = Appeal.Status


def is_front_office(user: Visitor) -> bool:
    return any(m.role == Membership.Role.FRONT_OFFICE for m in staff_memberships(user))


def visible_agency_ids(user: Visitor) -> set[int]:
    """Agencies whose appeals this staff member may read.

    Their own agencies; a controller also oversees the bodies below theirs.
    """
    memberships = staff_memberships(user)
    visible = {m.agency_id for m in memberships}
    level = {m.agency_id for m in memberships if m.role == Membership.Role.CONTROLLER}
    for _level in range(AGENCY_TREE_DEPTH):
        if not level:
            break
        level = set(Agency.objects.filter(parent_id__in=level).values_list("pk", flat=True))
        visible |= level
    return visible


def appeals_for_staff(user: Visitor) -> QuerySet[Appeal]:
    return Appeal.objects.filter(agency_id__in=visible_agency_ids(user))


class Queue(StrEnum):
    """The staff's work queues: the same in the back-office and the API."""

    REGISTRATION = "registration"
    MINE = "mine"
    UNIT = "unit"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"
    ANSWERED = "answered"


QUEUE_LABELS: dict[str, StrOrPromise] = {
    Queue.REGISTRATION: _("Awaiting registration"),
    Queue.MINE: _("In progress: mine"),
    Queue.UNIT: _("In progress: my agency"),
    Queue.DUE_SOON: _("Due within 3 working days"),
    Queue.OVERDUE: _("Overdue"),
    Queue.ANSWERED: _("Answered"),
}


def due_soon_until(now: datetime.datetime) -> datetime.datetime:
    today = now.astimezone(ALMATY).date()
    work_calendar = WorkCalendar.load(today, today + datetime.timedelta(days=30))
    return end_of_day(work_calendar.add_working_days(today, DUE_SOON_WORKING_DAYS))


def in_queue(
    appeals: QuerySet[Appeal], queue: Queue, user: Visitor, now: datetime.datetime
) -> QuerySet[Appeal]:
    """The appeals of `appeals` (already in the staff member's scope) in one queue."""
    open_appeals = appeals.filter(status__in=Appeal.OPEN_STATUSES)
    match queue:
        case Queue.REGISTRATION:
            return appeals.filter(status=Status.SUBMITTED)
        case Queue.MINE:  # assigned to me and still to be answered
            return appeals.filter(executor_id=user.pk, status=Status.IN_PROGRESS)
        case Queue.UNIT:
            return appeals.filter(status__in=[Status.REGISTERED, Status.IN_PROGRESS])
        case Queue.DUE_SOON:
            return open_appeals.filter(due_at__gte=now, due_at__lte=due_soon_until(now))
        case Queue.OVERDUE:
            return open_appeals.filter(due_at__lt=now)
        case Queue.ANSWERED:
            return appeals.filter(status=Status.ANSWERED)


def overdue_or_not(
    appeals: QuerySet[Appeal], overdue: bool, now: datetime.datetime
) -> QuerySet[Appeal]:
    late = {"status__in": Appeal.OPEN_STATUSES, "due_at__lt": now}
    return appeals.filter(**late) if overdue else appeals.exclude(**late)


def forward_targets(appeal: Appeal) -> QuerySet[Agency]:
    """The agencies an appeal may be forwarded to."""
    return Agency.objects.filter(is_active=True).exclude(pk=appeal.agency_id)


def executors_of(agency_ids: set[int] | list[int]) -> QuerySet[User]:
    """The active executors of these agencies, by name."""
    return (
        User.objects.filter(
            memberships__agency_id__in=agency_ids,
            memberships__role=Membership.Role.EXECUTOR,
            memberships__is_active=True,
            is_active=True,
        )
        .distinct()
        .order_by("full_name")
    )


def appeals_of_citizen(user: User) -> QuerySet[Appeal]:
    return Appeal.objects.filter(applicant=user)


def repeat_candidates(appeal: Appeal) -> QuerySet[Appeal]:
    """The answers a repeat of `appeal` may point to: the same applicant's appeals received
    before it and answered (appeal_applicant_recv_idx), newest first."""
    return Appeal.objects.filter(
        applicant_id=appeal.applicant_id, received_at__lt=appeal.received_at, status=Status.ANSWERED
    ).order_by("-received_at")


def join_candidates(appeal: Appeal) -> QuerySet[Appeal]:
    """The appeals `appeal` may be joined to: linked to it as parallels (either way), of the
    same applicant, open or answered, and joined to none (no chains)."""
    parallel = AppealLink.Kind.PARALLEL
    linked = Q(links__earlier=appeal, links__kind=parallel) | Q(
        later_links__appeal=appeal, later_links__kind=parallel
    )
    return (
        Appeal.objects.filter(linked, applicant_id=appeal.applicant_id, joined_to__isnull=True)
        .filter(status__in=[*Appeal.OPEN_STATUSES, Status.ANSWERED], complaint_of__isnull=True)
        .exclude(pk=appeal.pk)
        .distinct()
        .order_by("-received_at")
    )


def appeal_timeline(appeal: Appeal) -> QuerySet[AppealEvent]:
    return appeal.events.select_related("actor", "from_agency", "to_agency").order_by(
        "created_at", "pk"
    )


def higher_body(agency: Agency) -> Agency | None:
    """Where a complaint about this agency goes: the body above it (a district's region's
    akimat; the Government above the ministries and regional akimats), or None at the top,
    where only a court is left (docs/workflow.md#complaints)."""
    parent = agency.parent
    while parent is not None and not parent.is_active:
        parent = parent.parent
    return parent


def attachment_visible_to(user: Visitor, appeal: Appeal) -> bool:
    """The applicant, and staff of the agencies that may see the appeal."""
    if not user.is_authenticated:
        return False
    return appeal.applicant_id == user.pk or appeal.agency_id in visible_agency_ids(user)
