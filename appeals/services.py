"""Every change of an appeal: one service per use case.

Each service locks the appeal row (`SELECT … FOR UPDATE`), checks the transition
table on what it locked, applies the change, writes the AppealEvent and, when the
citizen should know, a notification to the outbox — all in one transaction. Two
staff acting at once are serialised by the lock: the second sees the first's
result and gets a clear refusal.
"""

from __future__ import annotations

import calendar
import datetime
import uuid
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.identity import Proven, identity_prove, proven_holder, walk_in_record
from accounts.models import Membership, Proof, User
from agencies.models import Agency, AppealType, Category, Region
from agencies.workdays import ALMATY, WorkCalendar, calendar_for, end_of_day
from appeals.answer_gate import answer_gate
from appeals.attachments import CleanFile
from appeals.complaint_decisions import complaint_decide
from appeals.complaints import complaint_check, complaint_url
from appeals.forwards import forward_is_late, forward_refusal, forward_returns_to
from appeals.hearings import appeal_hear, hearing_object, hearings_conclude
from appeals.joining import appeal_join, joined_told
from appeals.letters.tasks import letter_schedule
from appeals.linking import links_schedule, repeat_pointed
from appeals.models import Appeal, Attachment, format_reference, next_reference_numbers
from appeals.questions import appeal_ask, question_reply
from appeals.rating import rating_url
from appeals.selectors import higher_body
from appeals.status_lookup import code_new, lookup_hash, status_page_url
from appeals.steps import acting, attach, move, notify_applicant, record
from appeals.submission_keys import (
    Submitted,
    applicant_locked,
    earlier_and_recent,
    submission_digest,
)
from appeals.topics.proposing import proposed_topic
from appeals.workflow import Action, roles_in
from core.refusals import ActionRefused

# Services of the transition table (workflow.service_for) kept in modules of their own.
__all__ = [
    "appeal_ask", "appeal_hear", "appeal_join", "complaint_decide", "hearing_object",
    "question_reply",
]  # fmt: skip

EXTENSION_MONTHS = 2
HOUR = datetime.timedelta(hours=1)


# --- Submission ---------------------------------------------------------------


class RateLimited(ActionRefused):
    pass


def _check_hourly_limit(recent: list[datetime.datetime]) -> None:
    """At most APPEALS_PER_HOUR appeals an hour per citizen, given the times of the latest
    within the hour; exact across processes, because the caller holds the lock on the
    applicant's row."""
    limit = settings.APPEALS_PER_HOUR
    if len(recent) >= limit:
        next_at = timezone.localtime(recent[-1] + HOUR)
        raise RateLimited(
            _(
                "You have sent %(limit)s appeals within an hour, the most allowed. "
                "You can send the next one at %(time)s; what you typed is kept below."
            )
            % {"limit": limit, "time": next_at.strftime("%H:%M")}
        )


def appeal_submit(**fields: Any) -> Appeal:
    """A new appeal (see appeal_submit_once, whose arguments it takes)."""
    return appeal_submit_once(**fields).appeal


def appeal_submit_once(
    *,
    applicant: User,
    appeal_type: AppealType,
    category: Category,
    region: Region,
    addressee: Agency,
    subject: str,
    text: str,
    language: str,
    co_applicants: int = 0,
    address: str = "",
    submitted_by: User | None = None,
    attachments: Sequence[CleanFile] = (),
    submission_key: uuid.UUID | None = None,
    complaint_of: Appeal | None = None,
) -> Submitted:
    """A new appeal in its addressee's registration queue, with its deadline and number;
    under a `submission_key` already used, the first one (appeals.submission_keys)."""
    if not addressee.is_active:
        raise ActionRefused(_("This agency no longer exists; please choose another addressee."))
    content = {
        "type": appeal_type, "category": category, "region": region, "addressee": addressee,
        "subject": subject, "text": text, "language": language, "address": address,
        "co_applicants": co_applicants, "complaint_of": complaint_of,
    }  # fmt: skip
    digest = "" if submission_key is None else submission_digest(content, attachments)
    with transaction.atomic():
        number = applicant_locked(applicant)  # one submission at a time per citizen
        received_at = timezone.now()
        limit = settings.APPEALS_PER_HOUR if submitted_by is None else 0
        earlier, recent = earlier_and_recent(
            applicant, submission_key, digest, received_at - HOUR, limit
        )
        if earlier:
            return Submitted(earlier, created=False)
        if submitted_by is None:
            _check_hourly_limit(recent)
        ground, code = _complained_about(complaint_of, applicant, received_at, content), code_new()
        appeal = appeal_numbered(
            received_at, code, number, applicant=applicant, agency=addressee,
            submission_key=submission_key, submission_digest=digest, complaint_ground=ground,
            proposed_category=proposed_topic(text), **content,
        )  # fmt: skip
        files = attach(appeal, attachments, Attachment.Kind.APPEAL, submitted_by or applicant)
        on_behalf = submitted_by is not None and submitted_by != applicant
        event = record(appeal, "submitted", submitted_by or applicant, on_behalf=on_behalf)
        notify_applicant(appeal, "submitted", status_url=status_page_url())
    return Submitted(appeal, True, code, events=(event,), attachments=tuple(files))


def _complained_about(
    appeal: Appeal | None, applicant: User, now: datetime.datetime, content: dict[str, Any]
) -> str:
    """The ground of a complaint about `appeal` (locked and marked complained about), or ""
    for an appeal that is no complaint."""
    if appeal is None:
        return ""
    locked = Appeal.objects.select_for_update().get(pk=appeal.pk)
    if locked.applicant_id != applicant.pk:
        raise ActionRefused(_("You can complain only about your own appeal."))
    ground = complaint_check(
        locked, addressee=content["addressee"], appeal_type=content["type"], now=now
    )
    if not locked.complained:
        locked.complained = True
        locked.save(update_fields=["complained"])
    return ground


def appeal_numbered(
    received_at: datetime.datetime, code: str, number: int | None = None, **fields: Any
) -> Appeal:
    """The appeal written with its reference number (`number`, else a fresh one), deadline
    and the hash of its lookup `code`, in the registration queue; every way of sending one
    comes through here."""
    number = number or next_reference_numbers(1)[0]
    appeal_type: AppealType = fields["type"]
    year, days = received_at.astimezone(ALMATY).year, appeal_type.deadline_working_days
    reference = format_reference(appeal_type.prefix, year, number)
    appeal = Appeal.objects.create(
        reference=reference,
        lookup_hash=lookup_hash(reference, code),
        status=Appeal.Status.SUBMITTED,
        received_at=received_at,
        due_at=calendar_for(received_at, days).due_at(received_at, days),
        **fields,
    )
    links_schedule(appeal)  # its repeats and parallels, found after the commit
    return appeal


def walk_in_applicant(
    *,
    iin: str,
    full_name: str,
    operator: User,
    email: str = "",
    phone: str = "",
    document: str = "",
) -> User:
    """Whose appeal a walk-in's is: the account on which the IIN is proven; else the front
    office's record of this person (reused when the name matches), proven when the operator
    saw an identity `document`. Never an account that only claims the IIN."""
    holder = proven_holder(iin)
    if holder is not None:
        return holder
    name = " ".join(full_name.split())
    record = (
        User.objects.filter(walk_in=True, is_active=True, iin_bin=iin, full_name__iexact=name)
        .order_by("pk")
        .first()
    ) or walk_in_record(iin=iin, full_name=name, phone=phone)
    if email and record.contact_email != email:
        record.contact_email = email
        record.save(update_fields=["contact_email"])
    if document:
        identity_prove(
            user=record, operator=operator,
            proven=Proven(iin, name, Proof.DOCUMENT, document=document),
        )  # fmt: skip
        record.refresh_from_db()
    return record


def appeal_submit_on_behalf(**fields: Any) -> Appeal:
    """A walk-in citizen's appeal (see appeal_submit_walk_in, whose arguments it takes)."""
    return appeal_submit_walk_in(**fields).appeal


def appeal_submit_walk_in(
    *,
    operator: User,
    iin: str,
    full_name: str,
    email: str = "",
    phone: str = "",
    document: str = "",
    **appeal: Any,
) -> Submitted:
    """A front-office operator registers a walk-in citizen's appeal; with its lookup code,
    for the receipt."""
    if not Membership.objects.filter(
        user=operator, role=Membership.Role.FRONT_OFFICE, is_active=True
    ).exists():
        raise ActionRefused(
            _("Only front-office operators may submit on a citizen's behalf."), forbidden=True
        )
    with transaction.atomic():
        citizen = walk_in_applicant(
            iin=iin, full_name=full_name, operator=operator, email=email, phone=phone,
            document=document,
        )  # fmt: skip
        return appeal_submit_once(applicant=citizen, submitted_by=operator, **appeal)


# --- Staff actions --------------------------------------------------------------


def appeal_register(*, appeal_id: int, actor: User, comment: str = "") -> Appeal:
    with acting(appeal_id, actor, Action.REGISTER) as appeal:
        previous = move(appeal, Action.REGISTER)
        appeal.save(update_fields=["status"])
        record(appeal, "registered", actor, from_status=previous, comment=comment)
        notify_applicant(appeal, "registered")
    return appeal


def appeal_forward(
    *, appeal_id: int, actor: User, to_agency: Agency, reason: str, return_reason: str = ""
) -> Appeal:
    if not reason.strip():
        raise ActionRefused(_("Say why the appeal is forwarded: the citizen will read it."))
    with acting(appeal_id, actor, Action.FORWARD) as appeal:
        refusal = forward_refusal(appeal, actor, to_agency, return_reason)
        if refusal is not None:
            raise ActionRefused(refusal)
        now = timezone.now()
        late, returned = forward_is_late(appeal, now), forward_returns_to(appeal, to_agency)
        previous, from_agency = move(appeal, Action.FORWARD), appeal.agency
        appeal.agency = to_agency
        appeal.executor = None
        appeal.forward_count += 1
        appeal.save(update_fields=["status", "agency", "executor", "forward_count"])
        extra = {"returned": True, "return_reason": return_reason} if returned else {}
        record(
            appeal, "forwarded", actor, from_status=previous, from_agency=from_agency,
            comment=reason, late=late, **extra,
        )  # fmt: skip
        notify_applicant(appeal, "forwarded", from_agency=from_agency, reason=reason)
    return appeal


def appeal_assign(*, appeal_id: int, actor: User, executor: User, instruction: str = "") -> Appeal:
    with acting(appeal_id, actor, Action.ASSIGN) as appeal:
        if Membership.Role.EXECUTOR not in roles_in(executor, appeal.agency_id):
            raise ActionRefused(_("This person is not an executor of the agency."))
        action = "reassigned" if appeal.executor_id else "assigned"
        previous = move(appeal, Action.ASSIGN)
        appeal.executor = executor
        appeal.save(update_fields=["status", "executor"])
        record(
            appeal, action, actor, from_status=previous, comment=instruction,
            executor_id=executor.pk, executor_name=executor.full_name,
        )  # fmt: skip
    return appeal


def appeal_answer(
    *, appeal_id: int, actor: User, kind: str, text: str, attachments: Sequence[CleanFile] = (),
    override_warnings: bool = False,
) -> Appeal:  # fmt: skip
    """Sends the answer, once the hearing (of a refusal) and the answer check allow it."""
    if kind not in Appeal.AnswerKind.values or not text.strip():
        raise ActionRefused(_("Choose the kind of answer and write its text."))
    with acting(appeal_id, actor, Action.ANSWER) as appeal:
        warned = answer_gate(appeal, kind, text, override_warnings=override_warnings)
        previous = move(appeal, Action.ANSWER)
        appeal.answer_kind, appeal.answer_text = kind, text
        now = appeal.answered_at = timezone.now()
        appeal.answer_warned = bool(warned)
        appeal.save(
            update_fields=["status", "answer_kind", "answer_text", "answered_at", "answer_warned"]
        )
        hearings_conclude(appeal, now)
        attach(appeal, attachments, Attachment.Kind.ANSWER, actor)
        overridden: dict[str, Any] = {"warnings": warned} if warned else {}
        record(appeal, "answered", actor, from_status=previous, kind=kind, **overridden)
        notify_applicant(appeal, "answered", rate_url=rating_url(appeal))
        letter_schedule(appeal)
        joined_told(appeal)
    return appeal


def add_months(day: datetime.date, months: int) -> datetime.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def extension_limit(appeal: Appeal) -> datetime.date:
    """The latest deadline the law allows: two months after receipt."""
    return add_months(appeal.received_at.astimezone(ALMATY).date(), EXTENSION_MONTHS)


def appeal_extend(*, appeal_id: int, actor: User, until: datetime.date, reason: str) -> Appeal:
    if not reason.strip():
        raise ActionRefused(_("Give the reason for the extension: the citizen will read it."))
    with acting(appeal_id, actor, Action.EXTEND) as appeal:
        if until > extension_limit(appeal):
            raise ActionRefused(
                _("The deadline can be extended to %(date)s at the latest (two months).")
                % {"date": date_format(extension_limit(appeal), "DATE_FORMAT")}
            )
        if end_of_day(until) <= appeal.due_at:
            raise ActionRefused(_("The new deadline must be later than the current one."))
        if not WorkCalendar.load(until, until).is_working_day(until):
            raise ActionRefused(_("The new deadline must be a working day."))
        appeal.original_due_at, appeal.due_at = appeal.due_at, end_of_day(until)
        appeal.extension_reason = reason
        appeal.save(update_fields=["original_due_at", "due_at", "extension_reason"])
        record(
            appeal, "extended", actor, from_status=appeal.status, comment=reason,
            due_at=appeal.due_at.isoformat(), previous_due_at=appeal.original_due_at.isoformat(),
        )  # fmt: skip
        notify_applicant(appeal, "extended")
    return appeal


def appeal_terminate(
    *, appeal_id: int, actor: User, reason: str, comment: str = "", earlier: Appeal | None = None
) -> Appeal:
    """Leaves the appeal without consideration; a repeat names the `earlier` answer it repeats
    (appeals/linking.py, repeat_pointed)."""
    if reason not in Appeal.TerminationReason.values:
        raise ActionRefused(_("Choose one of the reasons the law provides."))
    with acting(appeal_id, actor, Action.TERMINATE) as appeal:
        repeats = repeat_pointed(appeal, reason, earlier)
        previous = move(appeal, Action.TERMINATE)
        appeal.termination_reason = reason
        appeal.answered_at = timezone.now()  # the termination notice closes it
        appeal.repeat_of = repeats or appeal.repeat_of
        appeal.save(update_fields=["status", "termination_reason", "answered_at", "repeat_of"])
        pointed: dict[str, Any] = {"earlier": repeats.reference} if repeats else {}
        record(
            appeal, "terminated", actor, from_status=previous, comment=comment, reason=reason,
            **pointed,
        )  # fmt: skip
        higher = higher_body(appeal.agency)
        notify_applicant(
            appeal, "terminated", higher=higher, complaint_url=complaint_url(appeal),
            earlier=repeats,
        )  # fmt: skip
    return appeal


def appeal_withdraw(*, appeal_id: int, actor: User, comment: str = "") -> Appeal:
    with acting(appeal_id, actor, Action.WITHDRAW) as appeal:
        previous = move(appeal, Action.WITHDRAW)
        appeal.save(update_fields=["status"])
        record(appeal, "withdrawn", actor, from_status=previous, comment=comment)
    return appeal
