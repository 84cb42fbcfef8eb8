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
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.identity import Proven, identity_prove, proven_holder, walk_in_record
from accounts.models import Membership, Proof, User
from agencies.models import Agency, AppealType, Category, Region
from agencies.workdays import ALMATY, WorkCalendar, calendar_for, end_of_day
from appeals.attachments import CleanFile, as_content_file
from appeals.models import Appeal, AppealEvent, Attachment, format_reference, next_reference_numbers
from appeals.rating import rating_url
from appeals.submission_keys import Submitted, earlier_submission, submission_digest
from appeals.workflow import TRANSITIONS, Action, check, roles_in
from core.refusals import ActionRefused
from notifications.services import notification_create, notifications_enqueue_sending

# Forwarding later than this after receipt is allowed but recorded as late (APPC).
FORWARD_WORKING_DAYS = 3
EXTENSION_MONTHS = 2
HOUR = datetime.timedelta(hours=1)


def _attach(appeal: Appeal, files: Sequence[CleanFile], kind: str, by: User) -> None:
    for clean in files:
        Attachment.objects.create(
            appeal=appeal,
            kind=kind,
            file=as_content_file(clean),
            original_name=clean.name,
            content_type=clean.content_type,
            size=len(clean.content),
            uploaded_by=by,
        )


def _record(
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


def _notify_applicant(appeal: Appeal, kind: str, **context: Any) -> None:
    notification_create(
        recipient=appeal.applicant,
        kind=f"appeal.{kind}",
        template=f"notifications/appeal_{kind}.txt",
        context={"appeal": appeal, **context},
        about=appeal,
    )
    notifications_enqueue_sending()


@contextmanager
def _acting(appeal_id: int, actor: User, action: Action) -> Iterator[Appeal]:
    """The locked appeal, once `actor` is known to be allowed to take `action` on it."""
    with transaction.atomic():
        # No joins in the locking query: PostgreSQL re-checks a join against the row another
        # transaction just changed (a forward changes the agency) and would return nothing.
        appeal = Appeal.objects.select_for_update().get(pk=appeal_id)
        check(actor, action, appeal)
        yield appeal


def _move(appeal: Appeal, action: Action) -> str:
    """Apply the transition's target status; returns the status it had."""
    previous = appeal.status
    target = TRANSITIONS[action].target
    if target is not None:
        appeal.status = target
    return previous


# --- Submission ---------------------------------------------------------------


class RateLimited(ActionRefused):
    pass


def _check_hourly_limit(applicant: User, now: datetime.datetime) -> None:
    """At most APPEALS_PER_HOUR appeals an hour per citizen; exact across processes, because
    the caller holds the lock on the applicant's row."""
    limit = settings.APPEALS_PER_HOUR
    recent = list(
        Appeal.objects.filter(applicant=applicant, received_at__gte=now - HOUR)
        .order_by("-received_at")
        .values_list("received_at", flat=True)[:limit]
    )
    if len(recent) >= limit:
        next_at = timezone.localtime(recent[-1] + HOUR)
        raise RateLimited(
            _(
                "You have sent %(limit)s appeals within an hour, the most allowed. "
                "You can send the next one at %(time)s; what you typed is kept below."
            )
            % {"limit": limit, "time": next_at.strftime("%H:%M")}
        )


def _check_complaint(complaint_of: Appeal, applicant: User) -> None:
    if complaint_of.applicant_id != applicant.pk or complaint_of.status != Appeal.Status.ANSWERED:
        raise ActionRefused(_("You can complain only about the answer to your own appeal."))


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
    if complaint_of is not None:
        _check_complaint(complaint_of, applicant)
    content = {
        "type": appeal_type, "category": category, "region": region, "addressee": addressee,
        "subject": subject, "text": text, "language": language, "address": address,
        "co_applicants": co_applicants, "complaint_of": complaint_of,
    }  # fmt: skip
    digest = "" if submission_key is None else submission_digest(content, attachments)
    with transaction.atomic():
        # One submission at a time per citizen: makes the hourly limit and the key exact.
        User.objects.select_for_update().filter(pk=applicant.pk).first()
        earlier = submission_key and earlier_submission(applicant, submission_key, digest)
        if earlier:
            return Submitted(earlier, created=False)
        received_at = timezone.now()
        if submitted_by is None:
            _check_hourly_limit(applicant, received_at)
        appeal = _numbered(
            received_at, applicant=applicant, agency=addressee, submission_key=submission_key,
            submission_digest=digest, **content,
        )  # fmt: skip
        _attach(appeal, attachments, Attachment.Kind.APPEAL, submitted_by or applicant)
        on_behalf = submitted_by is not None and submitted_by != applicant
        _record(appeal, "submitted", submitted_by or applicant, on_behalf=on_behalf)
        _notify_applicant(appeal, "submitted")
    return Submitted(appeal, created=True)


def _numbered(received_at: datetime.datetime, **fields: Any) -> Appeal:
    """The appeal written with its reference number and deadline, in the registration queue."""
    number = next_reference_numbers(1)[0]
    appeal_type: AppealType = fields["type"]
    year, days = received_at.astimezone(ALMATY).year, appeal_type.deadline_working_days
    return Appeal.objects.create(
        reference=format_reference(appeal_type.prefix, year, number),
        status=Appeal.Status.SUBMITTED,
        received_at=received_at,
        due_at=calendar_for(received_at, days).due_at(received_at, days),
        **fields,
    )


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


def appeal_submit_on_behalf(
    *,
    operator: User,
    iin: str,
    full_name: str,
    email: str = "",
    phone: str = "",
    document: str = "",
    **appeal: Any,
) -> Appeal:
    """A front-office operator registers a walk-in citizen's appeal."""
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
        return appeal_submit(applicant=citizen, submitted_by=operator, **appeal)


# --- Staff actions --------------------------------------------------------------


def appeal_register(*, appeal_id: int, actor: User, comment: str = "") -> Appeal:
    with _acting(appeal_id, actor, Action.REGISTER) as appeal:
        previous = _move(appeal, Action.REGISTER)
        appeal.save(update_fields=["status"])
        _record(appeal, "registered", actor, from_status=previous, comment=comment)
        _notify_applicant(appeal, "registered")
    return appeal


def _forward_is_late(appeal: Appeal, now: datetime.datetime) -> bool:
    work_calendar = calendar_for(appeal.received_at, FORWARD_WORKING_DAYS)
    day_zero = work_calendar.day_zero(appeal.received_at)
    limit = work_calendar.add_working_days(day_zero, FORWARD_WORKING_DAYS)
    return now.astimezone(ALMATY).date() > limit


def appeal_forward(*, appeal_id: int, actor: User, to_agency: Agency, reason: str) -> Appeal:
    if not reason.strip():
        raise ActionRefused(_("Say why the appeal is forwarded: the citizen will read it."))
    with _acting(appeal_id, actor, Action.FORWARD) as appeal:
        if to_agency.pk == appeal.agency_id or not to_agency.is_active:
            raise ActionRefused(_("Choose another, active agency."))
        previous, from_agency = _move(appeal, Action.FORWARD), appeal.agency
        appeal.agency = to_agency
        appeal.executor = None
        appeal.forward_count += 1
        appeal.save(update_fields=["status", "agency", "executor", "forward_count"])
        late = _forward_is_late(appeal, timezone.now())
        _record(
            appeal, "forwarded", actor, from_status=previous, from_agency=from_agency,
            comment=reason, late=late,
        )  # fmt: skip
        _notify_applicant(appeal, "forwarded", from_agency=from_agency, reason=reason)
    return appeal


def appeal_assign(*, appeal_id: int, actor: User, executor: User, instruction: str = "") -> Appeal:
    with _acting(appeal_id, actor, Action.ASSIGN) as appeal:
        if Membership.Role.EXECUTOR not in roles_in(executor, appeal.agency_id):
            raise ActionRefused(_("This person is not an executor of the agency."))
        action = "reassigned" if appeal.executor_id else "assigned"
        previous = _move(appeal, Action.ASSIGN)
        appeal.executor = executor
        appeal.save(update_fields=["status", "executor"])
        _record(
            appeal, action, actor, from_status=previous, comment=instruction,
            executor_id=executor.pk, executor_name=executor.full_name,
        )  # fmt: skip
    return appeal


def appeal_answer(
    *, appeal_id: int, actor: User, kind: str, text: str, attachments: Sequence[CleanFile] = ()
) -> Appeal:
    if kind not in Appeal.AnswerKind.values or not text.strip():
        raise ActionRefused(_("Choose the kind of answer and write its text."))
    with _acting(appeal_id, actor, Action.ANSWER) as appeal:
        previous = _move(appeal, Action.ANSWER)
        appeal.answer_kind, appeal.answer_text = kind, text
        appeal.answered_at = timezone.now()
        appeal.save(update_fields=["status", "answer_kind", "answer_text", "answered_at"])
        _attach(appeal, attachments, Attachment.Kind.ANSWER, actor)
        _record(appeal, "answered", actor, from_status=previous, kind=kind)
        _notify_applicant(appeal, "answered", rate_url=rating_url(appeal))
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
    with _acting(appeal_id, actor, Action.EXTEND) as appeal:
        if until > extension_limit(appeal):
            raise ActionRefused(
                _("The deadline can be extended to %(date)s at the latest (two months).")
                % {"date": extension_limit(appeal).strftime("%d.%m.%Y")}
            )
        if end_of_day(until) <= appeal.due_at:
            raise ActionRefused(_("The new deadline must be later than the current one."))
        if not WorkCalendar.load(until, until).is_working_day(until):
            raise ActionRefused(_("The new deadline must be a working day."))
        appeal.original_due_at, appeal.due_at = appeal.due_at, end_of_day(until)
        appeal.extension_reason = reason
        appeal.save(update_fields=["original_due_at", "due_at", "extension_reason"])
        _record(
            appeal, "extended", actor, from_status=appeal.status, comment=reason,
            due_at=appeal.due_at.isoformat(), previous_due_at=appeal.original_due_at.isoformat(),
        )  # fmt: skip
        _notify_applicant(appeal, "extended")
    return appeal


def appeal_terminate(*, appeal_id: int, actor: User, reason: str, comment: str = "") -> Appeal:
    if reason not in Appeal.TerminationReason.values:
        raise ActionRefused(_("Choose one of the reasons the law provides."))
    with _acting(appeal_id, actor, Action.TERMINATE) as appeal:
        previous = _move(appeal, Action.TERMINATE)
        appeal.termination_reason = reason
        appeal.answered_at = timezone.now()  # the termination notice closes it
        appeal.save(update_fields=["status", "termination_reason", "answered_at"])
        _record(appeal, "terminated", actor, from_status=previous, comment=comment, reason=reason)
        _notify_applicant(appeal, "terminated")
    return appeal


def appeal_withdraw(*, appeal_id: int, actor: User, comment: str = "") -> Appeal:
    with _acting(appeal_id, actor, Action.WITHDRAW) as appeal:
        previous = _move(appeal, Action.WITHDRAW)
        appeal.save(update_fields=["status"])
        _record(appeal, "withdrawn", actor, from_status=previous, comment=comment)
    return appeal
