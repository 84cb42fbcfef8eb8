"""Appeals written straight into the table for the finder's tests (appeals/linking.py): one
applicant's earlier appeal in a given state, and a later one."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from accounts.models import User
from agencies.models import Agency
from appeals.models import Appeal
from tests.factories import AnsweredAppealFactory

Status = Appeal.Status
DAY = datetime.timedelta(days=1)


def written(applicant: User, subject: str, text: str, **fields: Any) -> Appeal:
    """An appeal of `applicant`; answered a week after it arrived unless told otherwise."""
    received = fields.pop("received_at", timezone.now())
    values: dict[str, Any] = {
        "applicant": applicant, "subject": subject, "text": text, "received_at": received,
        "answered_at": received + 7 * DAY,
    }  # fmt: skip
    values.update(fields)
    if values.get("status") in Appeal.OPEN_STATUSES:
        values |= {"answered_at": None, "answer_kind": "", "answer_text": ""}
    return AnsweredAppealFactory.create(**values)


def pair(
    applicant: User, earlier: tuple[str, str], later: tuple[str, str], *,
    open_earlier: bool = False, days_between: int = 30, agency: Agency | None = None,
) -> tuple[Appeal, Appeal]:  # fmt: skip
    """An earlier appeal (answered, or still open) and a later one, `days_between` apart."""
    now = timezone.now()
    extra: dict[str, Any] = {"agency": agency} if agency else {}
    state: dict[str, Any] = (
        {"status": Status.IN_PROGRESS} if open_earlier
        else {"answered_at": now - (days_between - 3) * DAY}
    )  # fmt: skip
    first = written(applicant, earlier[0], earlier[1], received_at=now - days_between * DAY,
                    **state)  # fmt: skip
    second = written(applicant, later[0], later[1], received_at=now, status=Status.SUBMITTED,
                     **extra)  # fmt: skip
    return first, second
