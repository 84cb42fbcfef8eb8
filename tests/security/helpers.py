"""What the security tests share: the appeal form as a browser sends it, a new deadline."""

from __future__ import annotations

import datetime
import uuid
from typing import Any

from agencies.models import Agency, Category, Region
from agencies.workdays import ALMATY, WorkCalendar
from appeals.models import Appeal, AppealType
from appeals.services import extension_limit


def appeal_form(**overrides: Any) -> dict[str, Any]:
    """The web form's fields for a cold flat in Almaty; `overrides` replace any of them."""
    return {
        "submission_key": str(uuid.uuid4()),
        "appeal_type": AppealType.objects.get(code="application").pk,
        "category": Category.objects.get(code="housing-heating").pk,
        "region": Region.objects.get(code="KZ-75").pk,
        "addressee": Agency.objects.get(code="akimat-kz-75").pk,
        "subject": "Нет отопления",
        "text": "В доме по улице Абая, 10 нет отопления с 1 ноября.",
        "language": "ru",
        "co_applicants": 0,
        "consent": "on",
        **overrides,
    }


def a_later_working_day(appeal: Appeal) -> datetime.date:
    """A deadline the head may extend the appeal to: a working day a week after the current."""
    day = appeal.due_at.astimezone(ALMATY).date() + datetime.timedelta(days=7)
    while not WorkCalendar.load(day, day).is_working_day(day):
        day += datetime.timedelta(days=1)
    assert day <= extension_limit(appeal)
    return day
