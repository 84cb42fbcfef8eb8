"""What the security tests share: the appeal form as a browser sends it, a new deadline."""

from __future__ import annotations

import datetime

from agencies.workdays import ALMATY, WorkCalendar
from appeals.models import Appeal
from appeals.services import extension_limit
from tests.appeals.test_submission import form_data as appeal_form

__all__ = ["a_later_working_day", "appeal_form"]


def a_later_working_day(appeal: Appeal) -> datetime.date:
    """A deadline the head may extend the appeal to: a working day a week after the current."""
    day = appeal.due_at.astimezone(ALMATY).date() + datetime.timedelta(days=7)
    while not WorkCalendar.load(day, day).is_working_day(day):
        day += datetime.timedelta(days=1)
    assert day <= extension_limit(appeal)
    return day
