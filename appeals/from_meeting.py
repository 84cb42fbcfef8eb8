"""An appeal opened by staff for a question taken under control at a reception or meeting:
written in the competent body straight into its executor's work, with the deadline staff
chose, and its route recorded like any other appeal's (docs/receptions.md)."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import User
from agencies.models import Agency, AppealType, Category, Region
from agencies.workdays import ALMATY, WorkCalendar, calendar_for, end_of_day
from appeals.models import SUBJECT_LIMIT, TEXT_LIMIT, Appeal
from appeals.selectors import executors_of
from appeals.services import appeal_numbered
from appeals.status_lookup import code_new
from appeals.steps import record
from core.refusals import ActionRefused

# A question put under control asks the body to act: an application in the law's terms.
CONTROL_APPEAL_TYPE = "application"


def control_type() -> AppealType:
    return AppealType.objects.get(code=CONTROL_APPEAL_TYPE)


def control_latest_due(now: datetime.datetime | None = None) -> datetime.date:
    """The latest deadline staff may set: the type's legal deadline, counted from now."""
    now = now or timezone.now()
    days = control_type().deadline_working_days
    return calendar_for(now, days).due_at(now, days).astimezone(ALMATY).date()


def _check_due(due: datetime.date, now: datetime.datetime) -> None:
    latest = control_latest_due(now)
    if due < now.astimezone(ALMATY).date():
        raise ActionRefused(_("The deadline cannot be in the past."))
    if due > latest:
        raise ActionRefused(
            _("The deadline can be %(date)s at the latest: the legal period of an appeal.")
            % {"date": date_format(latest, "DATE_FORMAT")}
        )
    if not WorkCalendar.load(due, due).is_working_day(due):
        raise ActionRefused(_("The deadline must be a working day."))


def appeal_from_meeting(
    *,
    actor: User,
    applicant: User,
    agency: Agency,
    executor: User,
    due: datetime.date,
    category: Category,
    region: Region,
    subject: str,
    text: str,
    address: str = "",
) -> Appeal:
    """The appeal, in progress with `executor` of `agency` and due on `due`; submitted on
    the applicant's behalf by `actor`, registered and assigned, each step an event."""
    if not agency.is_active:
        raise ActionRefused(_("This body no longer exists; choose another."))
    if not executors_of([agency.pk]).filter(pk=executor.pk).exists():
        raise ActionRefused(
            _("%(name)s is not an executor of %(agency)s.")
            % {"name": executor.full_name, "agency": agency.name}
        )
    now = timezone.now()
    _check_due(due, now)
    with transaction.atomic():
        appeal = appeal_numbered(
            now, code_new(), type=control_type(), applicant=applicant, agency=agency,
            addressee=agency, category=category, region=region,
            subject=" ".join(subject.split())[:SUBJECT_LIMIT], text=text[:TEXT_LIMIT],
            language=applicant.preferred_language, address=address[:300],
        )  # fmt: skip
        record(appeal, "submitted", actor, on_behalf=True, channel="meeting")
        appeal.status = Appeal.Status.REGISTERED
        appeal.save(update_fields=["status"])
        record(appeal, "registered", actor, from_status=Appeal.Status.SUBMITTED)
        appeal.status, appeal.executor = Appeal.Status.IN_PROGRESS, executor
        appeal.due_at = end_of_day(due)
        appeal.save(update_fields=["status", "executor", "due_at"])
        record(
            appeal, "assigned", actor, from_status=Appeal.Status.REGISTERED,
            executor_id=executor.pk, executor_name=executor.full_name,
        )  # fmt: skip
    return appeal
