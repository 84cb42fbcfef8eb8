"""The access walk's rows for the inbox: every signed-in person has one, and sees in it only
their own notices; a notice of someone else's is not found, whoever asks."""

from __future__ import annotations

from notifications.models import Notification
from tests.security.access_table import Row, page, to
from tests.security.access_world import APPLICANT, LOGGED_IN, World


def notice_id(world: World) -> int:
    """The citizen's notice that their appeal was received, written when it was sent."""
    found = (
        Notification.objects.filter(
            recipient=world.people.citizen,
            about_type__model="appeal",
            about_id=world.appeal.pk,
        )
        .order_by("pk")
        .values_list("pk", flat=True)
        .first()
    )
    assert found is not None
    return found


def notice_read(world: World) -> bool:
    return Notification.objects.filter(pk=notice_id(world), read_at__isnull=False).exists()


INBOX_ROWS: list[Row] = [
    page("inbox:list", LOGGED_IN, sees=APPLICANT),
    # Opening a notice reads it: its recipient's to do, nobody else's (404).
    page("inbox:notice", APPLICANT, url=to("inbox:notice", notice_id), effect=notice_read),
    # Everyone may mark their own inbox read; the citizen's stays as it was (test_inbox.py).
    page("inbox:read_all", LOGGED_IN, "POST", lands=to("inbox:list")),
]
