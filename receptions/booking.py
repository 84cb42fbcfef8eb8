"""Booking a reception slot: by the citizen online or by a front office for a walk-in, and
cancelling it. The database's partial unique constraints give a slot once
(docs/receptions.md, "Booking")."""

from __future__ import annotations

from collections.abc import Sequence

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.identifiers import validate_iin
from accounts.models import User
from agencies.models import Category
from appeals.attachments import CleanFile, as_content_file
from appeals.services import walk_in_applicant
from core.refusals import ActionRefused
from notifications.services import notification_create, notifications_enqueue_sending
from receptions.models import QUESTION_LIMIT, Booking, BookingAttachment, Meeting, Slot
from receptions.permissions import managed_agency_ids, may_book_for_walk_ins

# Which of Booking's constraints a refused insert broke, and what the citizen reads.
TAKEN = "booking_one_per_slot"
ALREADY = "booking_one_per_citizen"


class SlotTaken(ActionRefused):
    """Someone else holds the slot: the form shows it at the choice of time."""


def _refusal_of(error: IntegrityError) -> ActionRefused:
    constraint = getattr(getattr(error.__cause__, "diag", None), "constraint_name", "")
    if constraint == TAKEN:
        return SlotTaken(_("This time has just been taken; please choose another."))
    if constraint == ALREADY:
        return ActionRefused(_("You already have a booking at this reception."))
    raise error


def _check_question(category: Category, question: str) -> None:
    if not category.is_active or category.parent_id is None:
        raise ActionRefused(_("Choose a topic from the list."))
    if not question.strip():
        raise ActionRefused(_("Write your question."))
    if len(question) > QUESTION_LIMIT:
        raise ActionRefused(
            _("The question is longer than %(limit)s characters.") % {"limit": QUESTION_LIMIT}
        )


def _check_upcoming_limit(citizen: User) -> None:
    """At most RECEPTIONS_BOOKINGS_PER_CITIZEN upcoming bookings, so that one account cannot
    hold every reception's times; counted under a lock on the citizen, exact across
    processes."""
    User.objects.select_for_update().filter(pk=citizen.pk).first()
    limit = int(settings.RECEPTIONS_BOOKINGS_PER_CITIZEN)
    upcoming = Booking.objects.filter(
        citizen=citizen, status=Booking.Status.ACTIVE, slot__starts_at__gt=timezone.now()
    )
    if upcoming.count() >= limit:
        raise ActionRefused(
            ngettext(
                "You already have %(limit)s upcoming booking: cancel it to book another.",
                "You already have %(limit)s upcoming bookings: cancel one to book another.",
                limit,
            )
            % {"limit": limit}
        )


def _bookable_slot(slot_id: int) -> Slot:
    """The slot, its meeting share-locked so that no status change slips past a booking
    (bookings of one meeting do not wait for each other)."""
    meeting_id = Slot.objects.filter(pk=slot_id).values_list("meeting_id", flat=True).first()
    if meeting_id is None:
        raise ActionRefused(_("This time is not offered: please choose another."))
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM receptions_meeting WHERE id = %s FOR SHARE", [meeting_id])
    slot = Slot.objects.select_related("meeting", "meeting__agency").get(pk=slot_id)
    meeting = slot.meeting
    if meeting.status != Meeting.Status.PLANNED or not meeting.takes_bookings:
        raise ActionRefused(_("This reception does not take bookings."))
    if slot.starts_at <= timezone.now():
        raise ActionRefused(_("This time has passed: please choose a later one."))
    return slot


def booking_make(
    *,
    citizen: User,
    slot_id: int,
    category: Category,
    question: str,
    attachments: Sequence[CleanFile] = (),
    booked_by: User | None = None,
) -> Booking:
    """A citizen's place at a reception with his question and files; he is told by the
    outbox. A slot taken at the same moment by someone else is refused, never doubled."""
    if booked_by is not None and not may_book_for_walk_ins(booked_by):
        raise ActionRefused(
            _("Only front-office operators may book on a citizen's behalf."), forbidden=True
        )
    _check_question(category, question)
    with transaction.atomic():
        _check_upcoming_limit(citizen)
        slot = _bookable_slot(slot_id)
        booking = Booking(
            slot=slot, meeting=slot.meeting, citizen=citizen, category=category,
            question=question.strip(), booked_by=booked_by,
        )  # fmt: skip
        try:
            with transaction.atomic():  # a savepoint: the refusal leaves the caller's work
                booking.save()
        except IntegrityError as error:
            raise _refusal_of(error) from None
        for clean in attachments:
            BookingAttachment.objects.create(
                booking=booking, file=as_content_file(clean), original_name=clean.name,
                content_type=clean.content_type, size=len(clean.content),
                uploaded_by=booked_by or citizen,
            )  # fmt: skip
        _tell(booking, "booked")
    return booking


def booking_make_walk_in(
    *,
    operator: User,
    slot_id: int,
    iin: str,
    full_name: str,
    category: Category,
    question: str,
    email: str = "",
    phone: str = "",
    document: str = "",
    attachments: Sequence[CleanFile] = (),
) -> Booking:
    """A front office books for a citizen who came in person, found or recorded by IIN."""
    if not may_book_for_walk_ins(operator):
        raise ActionRefused(
            _("Only front-office operators may book on a citizen's behalf."), forbidden=True
        )
    try:
        validate_iin(iin)
    except ValidationError as error:
        raise ActionRefused(error.messages[0]) from None
    if not full_name.strip():
        raise ActionRefused(_("Give the citizen's full name."))
    with transaction.atomic():
        citizen = walk_in_applicant(
            iin=iin, full_name=full_name, operator=operator, email=email, phone=phone,
            document=document,
        )  # fmt: skip
        return booking_make(
            citizen=citizen, slot_id=slot_id, category=category, question=question,
            attachments=attachments, booked_by=operator,
        )  # fmt: skip


def may_cancel(user: User, booking: Booking) -> bool:
    """The citizen himself, the front-office operator who booked it, or a manager of the
    meeting's body: no operator cancels other people's bookings by their numbers."""
    if booking.citizen_id == user.pk:
        return True
    booked_here = booking.booked_by_id == user.pk and may_book_for_walk_ins(user)
    return booked_here or booking.meeting.agency_id in managed_agency_ids(user)


def booking_cancel(*, booking_id: int, actor: User) -> Booking:
    """Gives the slot back before it starts; staff who cancel for a citizen tell him."""
    with transaction.atomic():
        booking = (
            Booking.objects.select_for_update(of=("self",))
            .select_related("meeting", "slot", "citizen")
            .get(pk=booking_id)
        )
        if not may_cancel(actor, booking):
            raise ActionRefused(_("You may not cancel this booking."), forbidden=True)
        if booking.status != Booking.Status.ACTIVE:
            raise ActionRefused(_("This booking is already cancelled."))
        if booking.meeting.status != Meeting.Status.PLANNED:
            raise ActionRefused(_("This reception is no longer planned."))
        if booking.slot.starts_at <= timezone.now():
            raise ActionRefused(_("A booking can be cancelled only before its time."))
        booking.status, booking.cancelled_at = Booking.Status.CANCELLED, timezone.now()
        booking.save(update_fields=["status", "cancelled_at"])
        if actor.pk != booking.citizen_id:
            _tell(booking, "cancelled")
    return booking


def mine_url() -> str:
    return f"{settings.SITE_URL.rstrip('/')}{reverse('receptions:mine')}"


def _tell(booking: Booking, what: str) -> None:
    notification_create(
        recipient=booking.citizen, kind=f"receptions.{what}",
        template=f"notifications/receptions_{what}.txt",
        context={"booking": booking, "meeting": booking.meeting, "slot": booking.slot,
                 "mine_url": mine_url()},
        about=booking,
    )  # fmt: skip
    notifications_enqueue_sending()
