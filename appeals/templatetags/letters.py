"""{% appeal_letters appeal %}: the letters of an appeal for templates/appeals/_letters.html."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import template

from appeals.letters.head import is_head_of
from appeals.models import Appeal, Letter

register = template.Library()


@dataclass(frozen=True)
class AppealLetters:
    answered: bool  # the current answer has a letter, issued or to be made on download
    current: Letter | None
    earlier: list[Letter]  # of answers since replaced (a complaint upheld, answered again)
    can_sign: bool  # the reader is the body's head, and the portal's seal is still on it


@register.simple_tag(takes_context=True)
def appeal_letters(context: dict[str, Any], appeal: Appeal, staff: bool = False) -> AppealLetters:
    """One query; on staff pages the head's right to sign comes from the loaded roles."""
    letters = list(Letter.objects.filter(appeal=appeal).order_by("-issued_at", "-pk"))
    answered = appeal.status == Appeal.Status.ANSWERED and appeal.answered_at is not None
    current = next((x for x in letters if answered and x.issued_at == appeal.answered_at), None)
    earlier = [x for x in letters if x is not current]
    user = context.get("user")
    can_sign = bool(
        staff
        and user is not None
        and answered
        and (current is None or current.signer == Letter.Signer.SERVER)
        and is_head_of(user, appeal.agency_id)
    )
    return AppealLetters(answered, current, earlier, can_sign)
