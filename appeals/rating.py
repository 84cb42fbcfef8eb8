"""The citizen's rating of an answer: given once, changeable for a week."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from appeals.models import Appeal, Feedback
from core.refusals import ActionRefused

CHANGE_WINDOW = datetime.timedelta(days=7)
LINK_SALT = "ratings.feedback-link"  # of the links already mailed: never change it
LINK_MAX_AGE = datetime.timedelta(days=90)


def feedback_give(
    *, appeal_id: int, satisfied: bool, reason: str = "", comment: str = ""
) -> Feedback:
    """Record or change the rating. The caller has established it is the applicant asking."""
    if satisfied:
        reason = ""
    elif reason not in Feedback.Reason.values:
        raise ActionRefused(_("Please choose what is wrong with the answer."))
    with transaction.atomic():
        appeal = Appeal.objects.select_for_update().get(pk=appeal_id)
        if appeal.status != Appeal.Status.ANSWERED:
            raise ActionRefused(_("Only an answered appeal can be rated."))
        feedback = Feedback.objects.filter(appeal=appeal).first()
        if feedback is None:
            return Feedback.objects.create(
                appeal=appeal, satisfied=satisfied, reason=reason, comment=comment
            )
        if timezone.now() - feedback.created_at > CHANGE_WINDOW:
            raise ActionRefused(_("A rating can be changed within 7 days only."))
        feedback.satisfied, feedback.reason, feedback.comment = satisfied, reason, comment
        feedback.save(update_fields=["satisfied", "reason", "comment", "updated_at"])
        return feedback


def rating_link_token(appeal: Appeal) -> str:
    """A token that lets whoever holds the applicant's email rate this one appeal, no login."""
    return signing.dumps({"appeal": appeal.pk, "applicant": appeal.applicant_id}, salt=LINK_SALT)


def appeal_from_rating_token(token: str) -> Appeal | None:
    try:
        data = signing.loads(token, salt=LINK_SALT, max_age=LINK_MAX_AGE)
    except signing.BadSignature:
        return None
    return Appeal.objects.filter(pk=data["appeal"], applicant_id=data["applicant"]).first()


def rating_url(appeal: Appeal) -> str:
    path = reverse("rating:by_link", args=[rating_link_token(appeal)])
    return settings.SITE_URL.rstrip("/") + path
