"""The body's questions to the applicant and the applicant's replies: asking is a workflow
action (Action.ASK); replying is the applicant's, once, while the appeal is open. A question
does not stop the deadline (docs/workflow.md#questions-to-the-applicant)."""

from __future__ import annotations

from collections.abc import Sequence

from django.conf import settings
from django.db import transaction
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import Membership, User, Visitor
from appeals.attachments import CleanFile, as_content_file
from appeals.models import TEXT_LIMIT, Appeal, Attachment, Question
from appeals.steps import acting, notify_applicant, record
from appeals.workflow import COMMENT_LIMIT, Action, roles_in
from core.refusals import ActionRefused
from notifications.services import notification_create, notifications_enqueue_sending

REPLY_LIMIT = TEXT_LIMIT


def questions_of(appeal: Appeal) -> list[Question]:
    """The appeal's questions, oldest first, each with its reply's files (two queries)."""
    files = Prefetch("attachments", queryset=Attachment.objects.order_by("pk"))
    return list(appeal.questions.order_by("asked_at", "pk").prefetch_related(files))


def question_url(question: Question) -> str:
    """The link, in emails, to the question on the applicant's appeal page."""
    path = reverse("appeals:detail", args=[question.appeal_id])
    return f"{settings.SITE_URL.rstrip('/')}{path}#question-{question.pk}"


def question_note(appeal: Appeal) -> str:
    """The deadline rule, for the staff who ask (docs/workflow.md: a lawyer should confirm)."""
    due = date_format(timezone.localtime(appeal.due_at), "DATE_FORMAT")
    return _(
        "A question does not stop the deadline (%(due)s): the APPC (art. 76) sets the period "
        "and allows one extension, with a reason, to at most two months from receipt, with no "
        "pause for a question. If the reply comes late, the head may extend the deadline once."
    ) % {"due": due}


def appeal_ask(*, appeal_id: int, actor: User, kind: str, text: str) -> Appeal:
    """The executor or head asks the applicant for a clarification or a document."""
    if kind not in Question.Kind.values or not text.strip():
        raise ActionRefused(_("Choose what you ask for and write the question."))
    if len(text) > COMMENT_LIMIT:
        raise ActionRefused(
            _("A question is at most %(limit)s characters.") % {"limit": COMMENT_LIMIT}
        )
    with acting(appeal_id, actor, Action.ASK) as appeal:
        question = Question.objects.create(
            appeal=appeal, kind=kind, text=text, asked_by=actor, asked_at=timezone.now()
        )
        record(
            appeal, "question_asked", actor, from_status=appeal.status, comment=text,
            question=question.pk, kind=kind,
        )  # fmt: skip
        notify_applicant(appeal, "question", question=question, reply_url=question_url(question))
    return appeal


def reply_refusal(user: Visitor, question: Question, appeal: Appeal) -> str | None:
    """Why `user` may not reply to `question` now, or None when they may."""
    if not user.is_authenticated or appeal.applicant_id != user.pk:
        return _("Only the applicant may reply to the body's questions.")
    if question.replied_at is not None:
        return _("You have already replied to this question; a reply cannot be changed.")
    if appeal.status not in Appeal.OPEN_STATUSES:
        return _(
            "This appeal is now “%(status)s”: replies to its questions are no longer accepted."
        ) % {"status": appeal.get_status_display()}
    return None


def _reply_problem(question: Question, text: str, attachments: Sequence[CleanFile]) -> str | None:
    if len(text) > REPLY_LIMIT:
        return _("A reply is at most %(limit)s characters.") % {"limit": REPLY_LIMIT}
    if text.strip():
        return None
    if question.kind == Question.Kind.DOCUMENT:
        return None if attachments else _("Attach the document asked for, or write a reply.")
    return _("Write your reply to the question.")


def question_reply(
    *, question_id: int, actor: User, text: str, attachments: Sequence[CleanFile] = ()
) -> Question:
    """The applicant's reply to one question, with files; once, while the appeal is open."""
    with transaction.atomic():
        appeal_id = Question.objects.filter(pk=question_id).values_list("appeal_id", flat=True)
        # The appeal first, as every service locks it: a reply waits for an answer in flight.
        appeal = Appeal.objects.select_for_update().filter(pk__in=appeal_id).first()
        question = Question.objects.select_for_update().filter(pk=question_id).first()
        if appeal is None or question is None:
            raise ActionRefused(_("There is no such question."), forbidden=True)
        refusal = reply_refusal(actor, question, appeal)
        if refusal is not None:
            raise ActionRefused(refusal, forbidden=appeal.applicant_id != actor.pk)
        problem = _reply_problem(question, text, attachments)
        if problem is not None:
            raise ActionRefused(problem)
        question.reply, question.replied_at = text.strip(), timezone.now()
        question.save(update_fields=["reply", "replied_at"])
        _attach_reply(appeal, question, attachments, actor)
        record(
            appeal, "question_answered", actor, from_status=appeal.status,
            comment=question.reply, question=question.pk, files=len(attachments),
        )  # fmt: skip
        _tell_the_body(appeal, question)
    return question


def _attach_reply(appeal: Appeal, question: Question, files: Sequence[CleanFile], by: User) -> None:
    for clean in files:
        Attachment.objects.create(
            appeal=appeal, question=question, kind=Attachment.Kind.REPLY,
            file=as_content_file(clean), original_name=clean.name,
            content_type=clean.content_type, size=len(clean.content), uploaded_by=by,
        )  # fmt: skip


def _tell_the_body(appeal: Appeal, question: Question) -> None:
    """The executor, or the one who asked if they still work on it, learns of the reply."""
    staff = appeal.executor if appeal.executor_id else question.asked_by
    working_roles = {Membership.Role.EXECUTOR, Membership.Role.HEAD}
    if staff is None or not roles_in(staff, appeal.agency_id) & working_roles:
        return
    path = reverse("backoffice:appeals_appeal_change", args=[appeal.pk])
    notification_create(
        recipient=staff,
        kind="appeal.question_answered",
        template="notifications/appeal_question_answered.txt",
        context={"appeal": appeal, "url": settings.SITE_URL.rstrip("/") + path},
        about=appeal,
    )
    notifications_enqueue_sending()
