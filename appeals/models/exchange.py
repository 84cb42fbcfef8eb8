"""What passes between a body and the citizen besides the appeal and its answer: the hearing
before a refusal, questions and their replies; the answer's signed letter; the body's answer
templates. Like appeals, none of these is ever deleted."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency, Category
from appeals.models.appeal import Appeal


class Hearing(models.Model):
    """The citizen told of an intended refusal and its grounds, with the time to object
    (APPC art. 73). A refusal is sent only after the objection or the end of the period."""

    appeal = models.ForeignKey(
        Appeal, on_delete=models.PROTECT, db_index=False, related_name="hearings",
        verbose_name=_("appeal"),
    )  # fmt: skip
    intended = models.TextField(_("intended refusal and its grounds"))
    notified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, db_index=False, related_name="+",
        verbose_name=_("notified by"),
    )  # fmt: skip
    notified_at = models.DateTimeField(_("notified"))
    objection_until = models.DateTimeField(_("objections until"))
    objection = models.TextField(_("objection"), blank=True)
    objected_at = models.DateTimeField(_("objected"), null=True, blank=True)
    # When the refusal it preceded was sent: a later refusal needs a hearing of its own.
    concluded_at = models.DateTimeField(_("refusal sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("hearing")
        verbose_name_plural = _("hearings")
        indexes = [models.Index(fields=["appeal", "notified_at"], name="hearing_appeal_idx")]

    def __str__(self) -> str:
        return f"{self.appeal_id}: {self.notified_at:%Y-%m-%d}"


class Question(models.Model):
    """A question of the body to the citizen — a clarification or a document — and the
    citizen's reply (its files are attachments of kind "reply")."""

    class Kind(models.TextChoices):
        CLARIFICATION = "clarification", _("A clarification")
        DOCUMENT = "document", _("A document")

    appeal = models.ForeignKey(
        Appeal, on_delete=models.PROTECT, db_index=False, related_name="questions",
        verbose_name=_("appeal"),
    )  # fmt: skip
    kind = models.CharField(_("asked for"), max_length=13, choices=Kind)
    text = models.TextField(_("question"))
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, db_index=False, related_name="+",
        verbose_name=_("asked by"),
    )  # fmt: skip
    asked_at = models.DateTimeField(_("asked"))
    reply = models.TextField(_("reply"), blank=True)
    replied_at = models.DateTimeField(_("replied"), null=True, blank=True)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        indexes = [models.Index(fields=["appeal", "asked_at"], name="question_appeal_idx")]

    def __str__(self) -> str:
        return f"{self.appeal_id}: {self.get_kind_display()}"


def letter_path(instance: object, filename: str) -> str:
    """Letters are kept in MEDIA_ROOT beside the attachments, named by their code."""
    return f"letters/{filename}"


class Letter(models.Model):
    """An answer as a signed PDF on its body's letterhead, which anyone holding it can check
    at /verify/<code>/: the page confirms the fingerprint, body and date, nothing personal."""

    class Signer(models.TextChoices):
        SERVER = "server", _("The portal's seal")
        HEAD = "head", _("The head's digital signature")

    appeal = models.ForeignKey(
        Appeal, on_delete=models.PROTECT, db_index=False, related_name="letters",
        verbose_name=_("appeal"),
    )  # fmt: skip
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, db_index=False, related_name="+",
        verbose_name=_("state body"),
    )  # fmt: skip
    # Unguessable: whoever has the code may learn the letter's body, date and fingerprint.
    code = models.CharField(_("verification code"), max_length=32)
    issued_at = models.DateTimeField(_("issued"))
    file = models.FileField(_("file"), upload_to=letter_path, max_length=200)
    sha256 = models.CharField(_("fingerprint (SHA-256)"), max_length=64)
    signer = models.CharField(_("signed with"), max_length=6, choices=Signer)
    signer_name = models.CharField(_("signatory"), max_length=255, blank=True)
    # The fingerprint of the version the head's signature replaced, which verifies as such.
    replaced_sha256 = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = _("letter")
        verbose_name_plural = _("letters")
        constraints = [models.UniqueConstraint(fields=["code"], name="letter_code_unique")]
        indexes = [models.Index(fields=["appeal", "issued_at"], name="letter_appeal_idx")]

    def __str__(self) -> str:
        return self.code


class AnswerTemplate(models.Model):
    """A body's prepared answer for a common topic, with placeholders filled from the
    appeal (appeals/answer_templates.py). Its result is checked like any answer."""

    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, db_index=False, related_name="answer_templates",
        verbose_name=_("state body"),
    )  # fmt: skip
    title = models.CharField(_("title"), max_length=200)
    language = models.CharField(_("language"), max_length=2, choices=settings.LANGUAGES)
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, null=True, blank=True, db_index=False,
        related_name="+", verbose_name=_("topic"),
    )  # fmt: skip
    text = models.TextField(_("text"))
    is_active = models.BooleanField(_("in use"), default=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("answer template")
        verbose_name_plural = _("answer templates")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "language", "title"], name="answer_template_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.title
