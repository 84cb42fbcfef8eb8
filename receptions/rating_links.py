"""The link in the outcome's notice that lets the citizen rate it without logging in: a
walk-in citizen named at a meeting has no login, only the email or phone he gave."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core import signing
from django.urls import reverse

from receptions.models import Question

LINK_SALT = "receptions.question-rating-link"  # of the links already sent: never change it
LINK_MAX_AGE = datetime.timedelta(days=90)


def question_rating_token(question: Question) -> str:
    """Whoever holds the citizen's notice may rate this one question."""
    return signing.dumps({"question": question.pk, "citizen": question.citizen_id}, salt=LINK_SALT)


def question_from_rating_token(token: str) -> Question | None:
    """The question a valid, unexpired token names, if it is still that citizen's."""
    try:
        data = signing.loads(token, salt=LINK_SALT, max_age=LINK_MAX_AGE)
    except signing.BadSignature:
        return None
    found = Question.objects.filter(pk=data["question"], citizen_id=data["citizen"], imported=False)
    return found.first()


def rate_url(question: Question) -> str:
    path = reverse("receptions:rate_by_link", args=[question_rating_token(question)])
    return f"{settings.SITE_URL.rstrip('/')}{path}"
