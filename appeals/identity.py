"""When a citizen proves an IIN on their account, the appeals the front office sent for that
IIN (on walk-in records, accounts/identity.py) move to the account, each with a step in its
route that says so."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from accounts.models import User
from appeals.models import Appeal, AppealEvent


def walk_in_appeals_move(*, user: User, records: list[User], **_: Any) -> int:
    """Receives accounts.signals.identity_proven; returns the number of appeals moved."""
    if not records:
        return 0
    moved = list(
        Appeal.objects.filter(applicant__in=records).values_list("pk", "status", "agency_id")
    )
    Appeal.objects.filter(pk__in=[pk for pk, *_rest in moved]).update(applicant=user)
    now = timezone.now()
    events = [
        AppealEvent(appeal_id=pk, action="appeal.applicant_proven", actor=user, created_at=now,
                    from_status=status, to_status=status, to_agency_id=agency_id)
        for pk, status, agency_id in moved
    ]  # fmt: skip
    AppealEvent.objects.bulk_create(events)
    return len(moved)
