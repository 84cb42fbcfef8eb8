"""The questions raised at a held meeting and their outcomes; "taken under control" opens an
appeal in the competent body; the citizen is told and rates the outcome (docs/receptions.md,
"Questions and outcomes")."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import User
from agencies.models import Agency, Category
from agencies.routing import suggest_agency
from appeals.from_meeting import appeal_from_meeting
from appeals.models import Appeal
from appeals.services import walk_in_applicant
from core.refusals import ActionRefused
from notifications.services import notification_create, notifications_enqueue_sending
from receptions.models import QUESTION_LIMIT, Booking, Meeting, Question, QuestionFeedback
from receptions.permissions import managed_agency_ids
from receptions.rating_links import rate_url

COMMENT_LIMIT = 2000
Outcome = Question.Outcome


@dataclass(frozen=True)
class ControlOrder:
    """What staff decide when they take a question under control."""

    executor: User
    due: datetime.date
    agency: Agency | None = None  # None: the competent body by the routing rules
    subject: str = ""


@dataclass(frozen=True)
class QuestionRow:
    """One question of the recording form: booked (`booking_id`), or from the floor, where
    `iin` and `full_name` name the citizen if he gave them."""

    category: Category
    outcome: str
    locality: str = ""
    text: str = ""
    outcome_note: str = ""
    iin: str = ""
    full_name: str = ""
    phone: str = ""
    forwarded_to: Agency | None = None
    control: ControlOrder | None = None
    booking_id: int | None = None


def may_record(user: User, meeting: Meeting) -> bool:
    return meeting.agency_id in managed_agency_ids(user)


def _recording(meeting_id: int, actor: User) -> Meeting:
    meeting = Meeting.objects.select_related("region", "agency").get(pk=meeting_id)
    if not may_record(actor, meeting):
        raise ActionRefused(_("You may not record questions of this meeting."), forbidden=True)
    if meeting.status != Meeting.Status.HELD:
        raise ActionRefused(_("Questions are recorded once the meeting is marked held."))
    return meeting


def _booking(meeting: Meeting, booking_id: int) -> Booking:
    """The active booking of this meeting, locked, whose question is not recorded yet."""
    booking = (
        Booking.objects.select_for_update(of=("self",))
        .select_related("citizen")
        .filter(pk=booking_id, meeting=meeting, status=Booking.Status.ACTIVE)
        .first()
    )
    if booking is None:
        raise ActionRefused(_("This booking is not one of the meeting's."))
    if Question.objects.filter(booking=booking).exists():
        raise ActionRefused(_("The outcome of this booked question is recorded already."))
    return booking


def _forward_target(agency: Agency | None) -> Agency:
    if agency is None or not agency.is_active:
        raise ActionRefused(_("Choose the body the question is forwarded to."))
    return agency


def control_text(question: Question, meeting: Meeting, language: str) -> str:
    """The appeal's text, in the applicant's language: where it was raised, then what."""
    with translation.override(language):
        return _("Raised at the %(kind)s of %(official)s on %(date)s: %(text)s") % {
            "kind": meeting.get_kind_display().lower(),
            "official": meeting.official_name,
            "date": date_format(timezone.localtime(meeting.starts_at).date(), "DATE_FORMAT"),
            "text": question.text,
        }


def _control_appeal(
    question: Question, meeting: Meeting, actor: User, control: ControlOrder | None
) -> Appeal:
    citizen = question.citizen
    if citizen is None:
        raise ActionRefused(
            _("A question taken under control needs the citizen: give his IIN and name.")
        )
    if control is None:
        raise ActionRefused(_("Choose the executor and the deadline of the control."))
    if not question.text:
        raise ActionRefused(_("Write the question: the appeal it becomes needs its text."))
    agency = (
        control.agency or suggest_agency(category=question.category, region=meeting.region).agency
    )
    if agency is None:
        raise ActionRefused(_("No routing rule names the competent body: choose it."))
    subject = control.subject.strip() or f"{question.category.name}: {question.text}"
    return appeal_from_meeting(
        actor=actor, applicant=citizen, agency=agency, executor=control.executor,
        due=control.due, category=question.category, region=meeting.region, subject=subject,
        text=control_text(question, meeting, citizen.preferred_language),
        address=question.locality,
    )  # fmt: skip


def question_record(
    *,
    meeting_id: int,
    actor: User,
    category: Category,
    outcome: str,
    locality: str = "",
    text: str = "",
    outcome_note: str = "",
    booking_id: int | None = None,
    citizen: User | None = None,
    forwarded_to: Agency | None = None,
    control: ControlOrder | None = None,
) -> Question:
    """One question of a held meeting with its outcome; a booked one takes the booking's
    citizen and question. Under control it becomes an appeal, in the same transaction."""
    if outcome not in Outcome.values:
        raise ActionRefused(_("Choose the outcome from the list."))
    if not category.is_active or category.parent_id is None:
        raise ActionRefused(_("Choose a topic from the list."))
    if len(text) > QUESTION_LIMIT or len(outcome_note) > QUESTION_LIMIT:
        raise ActionRefused(
            _("The text is longer than %(limit)s characters.") % {"limit": QUESTION_LIMIT}
        )
    with transaction.atomic():
        meeting = _recording(meeting_id, actor)
        booking = _booking(meeting, booking_id) if booking_id is not None else None
        if booking is not None:
            citizen, text = booking.citizen, text.strip() or booking.question
        question = Question(
            meeting=meeting, booking=booking, citizen=citizen, category=category,
            region=meeting.region, locality=locality.strip() or meeting.locality,
            text=text.strip(), outcome=outcome, outcome_note=outcome_note.strip(),
            recorded_by=actor, recorded_at=timezone.now(),
        )  # fmt: skip
        if outcome == Outcome.FORWARDED:
            question.forwarded_to = _forward_target(forwarded_to)
        if outcome == Outcome.CONTROL:
            question.appeal = _control_appeal(question, meeting, actor, control)
        question.save()
        _tell(question, meeting)
    return question


def questions_record(*, meeting_id: int, actor: User, rows: Sequence[QuestionRow]) -> int:
    """Several questions, all or none; a citizen named from the floor is found or recorded
    by IIN as the front office would (appeals.services.walk_in_applicant)."""
    with transaction.atomic():
        for number, row in enumerate(rows, start=1):
            try:
                citizen = _floor_citizen(row, actor)
                question_record(
                    meeting_id=meeting_id, actor=actor, category=row.category,
                    outcome=row.outcome, locality=row.locality, text=row.text,
                    outcome_note=row.outcome_note, citizen=citizen,
                    forwarded_to=row.forwarded_to, control=row.control,
                    booking_id=row.booking_id,
                )  # fmt: skip
            except ActionRefused as refused:
                message = _("Question %(number)s: %(reason)s")
                raise ActionRefused(
                    message % {"number": number, "reason": refused.message},
                    forbidden=refused.forbidden,
                ) from None
    return len(rows)


def _floor_citizen(row: QuestionRow, actor: User) -> User | None:
    if row.booking_id is not None or not (row.iin and row.full_name.strip()):
        return None
    return walk_in_applicant(iin=row.iin, full_name=row.full_name, operator=actor, phone=row.phone)


def _tell(question: Question, meeting: Meeting) -> None:
    """The citizen, when known, learns the outcome through the outbox, with the rating link."""
    if question.citizen is None:
        return
    notification_create(
        recipient=question.citizen, kind="receptions.outcome",
        template="notifications/receptions_outcome.txt",
        context={"question": question, "meeting": meeting, "appeal": question.appeal,
                 "rate_url": rate_url(question)},
        about=question, dedupe_key=f"reception-outcome:{question.pk}",
    )  # fmt: skip
    notifications_enqueue_sending()


def question_rate(
    *, question_id: int, citizen: User, satisfied: bool, comment: str = ""
) -> QuestionFeedback:
    """The citizen's rating of his question's outcome; rating again changes it."""
    if len(comment) > COMMENT_LIMIT:
        raise ActionRefused(
            _("The comment is longer than %(limit)s characters.") % {"limit": COMMENT_LIMIT}
        )
    with transaction.atomic():
        question = Question.objects.select_for_update().filter(pk=question_id).first()
        if question is None or question.citizen_id != citizen.pk:
            raise ActionRefused(_("Only the citizen who raised it may rate it."), forbidden=True)
        if question.imported:
            raise ActionRefused(_("A question loaded from past records cannot be rated."))
        feedback, _created = QuestionFeedback.objects.update_or_create(
            question=question, defaults={"satisfied": satisfied, "comment": comment.strip()}
        )
    return feedback


def walk_in_questions_move(*, user: User, records: list[User], **_kwargs: Any) -> int:
    """Receives accounts.signals.identity_proven: a walk-in record's questions join the
    account, so their owner may rate them."""
    if not records:
        return 0
    return Question.objects.filter(citizen__in=records).update(citizen=user)
