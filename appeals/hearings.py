"""The hearing before a refusal (APPC art. 73): the citizen told of the intended refusal and
its grounds, their objection within HEARING_WORKING_DAYS working days, and the rule that a
refusal is sent only after the objection or the period (docs/workflow.md, "The hearing
before a refusal")."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import User
from agencies.workdays import ALMATY, calendar_for, end_of_day
from appeals.attachments import CleanFile
from appeals.models import Appeal, AppealEvent, Attachment, Hearing
from appeals.steps import acting, attach, notify_applicant, record
from appeals.workflow import Action
from core.refusals import ActionRefused
from notifications.services import notification_create, notifications_enqueue_sending


def objection_deadline(notified_at: datetime.datetime) -> datetime.datetime:
    """The end of the HEARING_WORKING_DAYS-th working day after the day of the notice."""
    days = settings.HEARING_WORKING_DAYS
    calendar = calendar_for(notified_at, days)
    return end_of_day(calendar.add_working_days(notified_at.astimezone(ALMATY).date(), days))


def current_hearing(appeal: Appeal) -> Hearing | None:
    """The latest hearing no answer has concluded, given since the appeal reached its
    present body: a body that receives a forwarded appeal hears the citizen itself."""
    arrived = appeal.events.filter(action="appeal.forwarded").aggregate(at=Max("created_at"))
    since = arrived["at"] or appeal.received_at
    hearings = appeal.hearings.filter(concluded_at=None, notified_at__gte=since)
    return hearings.order_by("-notified_at", "-pk").first()


def heard(events: list[AppealEvent]) -> bool:
    """Whether an appeal's route (its events, already read) has a notice of a refusal."""
    return any(event.action == "appeal.hearing_notified" for event in events)


def hearing_awaits(hearing: Hearing, now: datetime.datetime) -> bool:
    """Whether the citizen may still object: no objection yet, and the period runs."""
    return hearing.objected_at is None and now <= hearing.objection_until


def _day(moment: datetime.datetime) -> str:
    return date_format(timezone.localtime(moment, ALMATY), "DATE_FORMAT")


def refusal_hearing_problem(appeal: Appeal, now: datetime.datetime) -> str | None:
    """Why a refusal may not be sent now for want of a hearing, or None when it may."""
    hearing = current_hearing(appeal)
    if hearing is None:
        return _(
            "Before a refusal, notify the applicant of it and its grounds (“Notify of an "
            "intended refusal”): they may object within the period the law gives."
        )
    if hearing_awaits(hearing, now):
        return _(
            "The applicant may object to the intended refusal until %(date)s: the refusal "
            "can be sent after their objection or after that day."
        ) % {"date": _day(hearing.objection_until)}
    return None


def hearings_conclude(appeal: Appeal, now: datetime.datetime) -> None:
    """An answer sent ends the appeal's hearings: a later refusal needs a hearing of its own."""
    Hearing.objects.filter(appeal=appeal, concluded_at=None).update(concluded_at=now)


def hearing_url(appeal: Appeal) -> str:
    """The link, in the email, to the appeal's page where the citizen objects."""
    path = reverse("appeals:detail", args=[appeal.pk])
    return f"{settings.SITE_URL.rstrip('/')}{path}#hearing"


def appeal_hear(*, appeal_id: int, actor: User, intended: str) -> Appeal:
    """Tells the applicant of the intended refusal and its grounds, and of the time to object."""
    if not intended.strip():
        raise ActionRefused(
            _("Write the intended refusal and its grounds: the applicant reads them.")
        )
    with acting(appeal_id, actor, Action.HEAR) as appeal:
        now = timezone.now()
        earlier = current_hearing(appeal)
        if earlier is not None and hearing_awaits(earlier, now):
            raise ActionRefused(
                _("The applicant has been notified already and may object until %(date)s.")
                % {"date": _day(earlier.objection_until)}
            )
        hearing = Hearing.objects.create(
            appeal=appeal, intended=intended, notified_by=actor, notified_at=now,
            objection_until=objection_deadline(now),
        )  # fmt: skip
        until = hearing.objection_until
        record(
            appeal, "hearing_notified", actor, from_status=appeal.status, comment=intended,
            hearing=hearing.pk, objection_until=until.isoformat(),
        )  # fmt: skip
        notify_applicant(appeal, "hearing", hearing=hearing, object_url=hearing_url(appeal))
    return appeal


def objection_refusal(
    appeal: Appeal, user: User, hearing: Hearing | None, now: datetime.datetime
) -> str | None:
    """Why `user` may not object now to `hearing` (the appeal's current one), or None."""
    if appeal.applicant_id != user.pk:
        return _("Only the applicant may object.")
    if hearing is None or appeal.status != Appeal.Status.IN_PROGRESS:
        return _("No refusal of this appeal is intended now: there is nothing to object to.")
    if hearing.objected_at is not None:
        return _("You have already objected to this intended refusal.")
    if now > hearing.objection_until:
        return _(
            "The period for objections ended on %(date)s: your objection was not accepted. "
            "If the refusal comes, you can complain about it."
        ) % {"date": _day(hearing.objection_until)}
    return None


def hearing_object(
    *, appeal_id: int, actor: User, text: str, attachments: Sequence[CleanFile] = ()
) -> Appeal:
    """The applicant's objection to the intended refusal, within its period, once."""
    if not text.strip():
        raise ActionRefused(_("Write your objection."))
    with transaction.atomic():
        # The appeal's lock serialises objections with each other and with the answer.
        appeal = Appeal.objects.select_for_update().get(pk=appeal_id)
        now, hearing = timezone.now(), current_hearing(appeal)
        refusal = objection_refusal(appeal, actor, hearing, now)
        if refusal is not None or hearing is None:
            raise ActionRefused(str(refusal), forbidden=appeal.applicant_id != actor.pk)
        hearing.objection, hearing.objected_at = text, now
        hearing.save(update_fields=["objection", "objected_at"])
        attach(appeal, attachments, Attachment.Kind.OBJECTION, actor)
        record(appeal, "objected", actor, from_status=appeal.status, comment=text,
               hearing=hearing.pk)  # fmt: skip
        _tell_staff(appeal, hearing)
    return appeal


def _tell_staff(appeal: Appeal, hearing: Hearing) -> None:
    """The executor (or whoever gave notice) learns of the objection by email too."""
    recipient = appeal.executor or hearing.notified_by
    notification_create(
        recipient=recipient, kind="appeal.objected",
        template="notifications/appeal_hearing_objected.txt",
        context={"appeal": appeal, "hearing": hearing}, about=appeal,
    )  # fmt: skip
    notifications_enqueue_sending()
