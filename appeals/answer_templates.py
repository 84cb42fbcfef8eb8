"""A body's answer templates: their placeholders, filled from the appeal by name only (no
format language, nothing reaches an attribute), and the templates an appeal may use. A
template only fills the answer's text in: the answer is checked like any other."""

from __future__ import annotations

import datetime
import re

from django.core.exceptions import ValidationError
from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_stubs_ext import StrOrPromise

from accounts.models import Visitor
from appeals.models import AnswerTemplate, Appeal
from appeals.workflow import ANSWERS, may_ever

# What the placeholders stand for, as the heads read it under the template's text.
PLACEHOLDERS: dict[str, StrOrPromise] = {
    "reference": gettext_lazy("the appeal's number"),
    "received": gettext_lazy("the day it was received"),
    "subject": gettext_lazy("its subject"),
    "applicant": gettext_lazy("the applicant's name"),
    "agency": gettext_lazy("the body's name"),
    "executor": gettext_lazy("the executor's name"),
    "due": gettext_lazy("the deadline"),
}
# Anything in braces: a known name is a placeholder, the rest is refused when saved.
BRACED = re.compile(r"\{([^{}\n]{0,40})\}")


def placeholders_help() -> str:
    names = ", ".join(f"{{{name}}} — {label}" for name, label in PLACEHOLDERS.items())
    return _("Placeholders, filled from the appeal: %(names)s.") % {"names": names}


def check_placeholders(text: str) -> None:
    """Refuses a text with braces that name no placeholder (a typo would reach the citizen)."""
    unknown = sorted({m.group(1) for m in BRACED.finditer(text)} - PLACEHOLDERS.keys())
    if unknown:
        raise ValidationError(
            _("Unknown placeholders: %(unknown)s. Use only: %(known)s.")
            % {
                "unknown": ", ".join(f"{{{name}}}" for name in unknown),
                "known": ", ".join(f"{{{name}}}" for name in PLACEHOLDERS),
            },
            code="unknown_placeholder",
        )


def _day(moment: datetime.datetime) -> str:
    return date_format(timezone.localtime(moment), "DATE_FORMAT")


def _values(appeal: Appeal) -> dict[str, str]:
    return {
        "reference": appeal.reference,
        "received": _day(appeal.received_at),
        "subject": appeal.subject,
        "applicant": appeal.applicant.full_name,
        "agency": appeal.agency.name,
        "executor": appeal.executor.full_name if appeal.executor else "",
        "due": _day(appeal.due_at),
    }


def render_template(template: AnswerTemplate, appeal: Appeal) -> str:
    """The template's text with the appeal's values in place of its placeholders; braces
    that name none stay as they are (older texts are not re-checked)."""
    with translation.override(template.language):  # the body's name in the answer's language
        values = _values(appeal)
    return BRACED.sub(lambda m: values.get(m.group(1), m.group(0)), template.text)


def templates_for(appeal: Appeal) -> QuerySet[AnswerTemplate]:
    """The active templates of the appeal's body in its language: its topic's first, then
    its topic group's, then those for any topic, then the rest; by title."""
    topics = [appeal.category_id, appeal.category.parent_id]
    topic_first = Case(
        *[When(category_id=pk, then=Value(rank)) for rank, pk in enumerate(topics) if pk],
        When(category__isnull=True, then=Value(2)),
        default=Value(3),
        output_field=IntegerField(),
    )
    return (
        AnswerTemplate.objects.filter(
            agency_id=appeal.agency_id, language=appeal.language, is_active=True
        )
        .annotate(topic_rank=topic_first)
        .order_by("topic_rank", "title", "pk")
    )


def may_use_templates(user: Visitor, appeal: Appeal) -> bool:
    """Those who may answer the appeal (its body's executors and heads) use its templates."""
    return any(may_ever(user, action, appeal) for action in ANSWERS)


def template_for(user: Visitor, appeal: Appeal, template_id: int | None) -> AnswerTemplate | None:
    """One template this person may use for this appeal, or None."""
    if template_id is None or not may_use_templates(user, appeal):
        return None
    return templates_for(appeal).filter(pk=template_id).first()
