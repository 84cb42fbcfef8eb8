from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from appeals.models import Appeal


class Feedback(models.Model):
    """The citizen's answer to "Are you satisfied with the answer?" — one per appeal."""

    class Reason(models.TextChoices):
        FORMAL = "formal", _("A formal reply that does not address my question")
        NOT_SOLVED = "not_solved", _("The problem is not solved")
        UNCLEAR = "unclear", _("The answer is unclear")
        LATE = "late", _("The answer came too late")
        RUDE = "rude", _("The answer is disrespectful")
        OTHER = "other", _("Another reason")

    appeal = models.OneToOneField(
        Appeal, on_delete=models.PROTECT, related_name="feedback", verbose_name=_("appeal")
    )
    satisfied = models.BooleanField(_("satisfied"))
    reason = models.CharField(_("reason"), max_length=12, choices=Reason, blank=True)
    comment = models.TextField(_("comment"), blank=True, max_length=2000)
    created_at = models.DateTimeField(_("rated"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(satisfied=True, reason="") | models.Q(satisfied=False),
                name="feedback_reason_only_when_dissatisfied",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.appeal_id}: {'+' if self.satisfied else '-'}"
