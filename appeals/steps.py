"""The steps every service takes: lock and check, move, record, attach, tell the citizen
(appeals/services.py, appeals/complaint_decisions.py)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from agencies.models import Agency
from appeals.attachments import CleanFile, as_content_file
from appeals.models import Appeal, AppealEvent, Attachment
from appeals.workflow import TRANSITIONS, Action, check
from notifications.services import notification_create, notifications_enqueue_sending


def attach(appeal: Appeal, files: Sequence[CleanFile], kind: str, by: User) -> list[Attachment]:
    return [
        Attachment.objects.create(
            appeal=appeal,
            kind=kind,
            file=as_content_file(clean),
            original_name=clean.name,
            content_type=clean.content_type,
            size=len(clean.content),
            uploaded_by=by,
        )
        for clean in files
    ]


def record(
    appeal: Appeal,
    action: str,
    actor: User | None,
    *,
    from_status: str = "",
    from_agency: Agency | None = None,
    comment: str = "",
    **data: Any,
) -> AppealEvent:
    return AppealEvent.objects.create(
        appeal=appeal,
        action=f"appeal.{action}",
        actor=actor,
        created_at=timezone.now(),
        from_status=from_status,
        to_status=appeal.status,
        from_agency=from_agency,
        to_agency=appeal.agency,
        comment=comment,
        data=data,
    )


def notify_applicant(appeal: Appeal, kind: str, **context: Any) -> None:
    notification_create(
        recipient=appeal.applicant,
        kind=f"appeal.{kind}",
        template=f"notifications/appeal_{kind}.txt",
        context={"appeal": appeal, **context},
        about=appeal,
    )
    notifications_enqueue_sending()


@contextmanager
def acting(appeal_id: int, actor: User, action: Action) -> Iterator[Appeal]:
    """The locked appeal, once `actor` is known to be allowed to take `action` on it."""
    with transaction.atomic():
        # No joins in the locking query: PostgreSQL re-checks a join against the row another
        # transaction just changed (a forward changes the agency) and would return nothing.
        appeal = Appeal.objects.select_for_update().get(pk=appeal_id)
        check(actor, action, appeal)
        yield appeal


def move(appeal: Appeal, action: Action) -> str:
    """Apply the transition's target status; returns the status it had."""
    previous = appeal.status
    target = TRANSITIONS[action].target
    if target is not None:
        appeal.status = target
    return previous
