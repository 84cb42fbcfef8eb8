"""How late an open appeal is, in the words the back-office shows beside its red deadline."""

from __future__ import annotations

import datetime

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from agencies.workdays import ALMATY, WorkCalendar
from appeals.models import Appeal


def overdue_working_days(appeal: Appeal, now: datetime.datetime) -> int | None:
    """Working days begun since the deadline's day, today counted; None when not overdue."""
    if not appeal.is_open or appeal.due_at >= now:
        return None
    due, today = appeal.due_at.astimezone(ALMATY).date(), now.astimezone(ALMATY).date()
    calendar = WorkCalendar.load(due, today)
    days = (due + datetime.timedelta(days=n) for n in range(1, (today - due).days + 1))
    return sum(calendar.is_working_day(day) for day in days)


def overdue_words(appeal: Appeal, now: datetime.datetime) -> str:
    """ "Overdue by N working days" (or just "Overdue" on the days off right after the
    deadline); empty when the appeal is not overdue."""
    days = overdue_working_days(appeal, now)
    if days is None:
        return ""
    if days == 0:
        return _("Overdue")
    return ngettext("Overdue by %(days)s working day", "Overdue by %(days)s working days", days) % {
        "days": days
    }
