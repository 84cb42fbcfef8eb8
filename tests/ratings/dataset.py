"""A small data set of appeals whose every ranking figure was computed by hand."""

from __future__ import annotations

import datetime
from typing import Any

from accounts.models import User
from agencies.models import Agency, AppealType, Category, Region
from agencies.workdays import ALMATY
from appeals.models import Appeal, AppealEvent, Feedback
from tests.factories import UserFactory

AS_OF = datetime.datetime(2026, 6, 1, 12, 0, tzinfo=ALMATY)
DAY = datetime.timedelta(days=1)


def cell(records: list[dict[str, Any]], region: str, category: str) -> dict[str, Any]:
    """The problem map's record of one region and topic, by their codes."""
    return next(r for r in records if (r["region_code"], r["category_code"]) == (region, category))


def at(days_before: float) -> datetime.datetime:
    return AS_OF - datetime.timedelta(days=days_before)


_numbers = iter(range(1, 10_000))


def appeal(
    agency: str, *, status: str = "answered", received: float = 20, answer_after: float = 2,
    late: bool = False, rating: bool | None = None, category: str = "housing-heating",
    region: str = "KZ-75", forwarded_from: str | None = None,
) -> Appeal:  # fmt: skip
    """One appeal, received `received` days before AS_OF, answered `answer_after` days later."""
    received_at = at(received)
    due_at = received_at + (-DAY if late else 30 * DAY)
    closed = status in ("answered", "terminated")
    made = Appeal.objects.create(
        reference=f"ЗТ-2026-{next(_numbers):08d}", type=AppealType.objects.get(code="application"),
        applicant=applicant(), category=Category.objects.get(code=category),
        region=Region.objects.get(code=region), subject="s", text="t", language="ru",
        addressee=Agency.objects.get(code=forwarded_from or agency),
        agency=Agency.objects.get(code=agency), status=status, received_at=received_at,
        due_at=due_at if closed or not late else at(1),
        answered_at=received_at + answer_after * DAY if closed else None,
    )  # fmt: skip
    if rating is not None:
        Feedback.objects.create(appeal=made, satisfied=rating, reason="" if rating else "formal")
    if forwarded_from:
        AppealEvent.objects.create(
            appeal=made, action="appeal.forwarded", created_at=received_at,
            from_agency=Agency.objects.get(code=forwarded_from),
            to_agency=made.agency, data={"late": True},
        )  # fmt: skip
    return made


_applicant: list[User] = []


def applicant() -> User:
    if not _applicant or not User.objects.filter(pk=_applicant[0].pk).exists():
        _applicant[:] = [UserFactory.create()]
    return _applicant[0]


def load_data_set(settings: Any) -> None:
    settings.RANKINGS_MIN_CASES = 3
    # Almaty: its akimat and a district akimat, rolled up together.
    appeal("akimat-kz-75", answer_after=2, rating=True)
    appeal("akimat-kz-75", answer_after=4, rating=False)
    appeal("akimat-kz-75", answer_after=10, late=True, rating=True)
    appeal("akimat-kz-75", status="withdrawn")
    appeal("akimat-kz-75-almaly", answer_after=6)
    appeal("akimat-kz-75-almaly", status="in_progress", late=True)
    # Astana: 5 received (one forwarded in from Almaty), 3 answered, 1 left without
    # consideration (until methodology 3, 4 answered: a tie with Almaty).
    for _ in range(3):
        appeal("akimat-kz-71", answer_after=1)
    appeal("akimat-kz-71", status="terminated", answer_after=3, forwarded_from="akimat-kz-75")
    appeal("akimat-kz-71", status="registered")
    # Abai: 3 of 3 answered; Shymkent: 2 received (too few); Akmola: 1 of 3.
    for _ in range(3):
        appeal("akimat-kz-10", answer_after=5, region="KZ-10", category="education-schools")
    appeal("akimat-kz-79", region="KZ-79")
    appeal("akimat-kz-79", region="KZ-79")
    appeal("akimat-kz-11", region="KZ-11")
    appeal("akimat-kz-11", status="registered", region="KZ-11")
    appeal("akimat-kz-11", status="submitted", region="KZ-11")
    # Received long ago: only "all time" sees it.
    appeal("akimat-kz-75", received=400, answer_after=1)
