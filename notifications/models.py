from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

NO_EMAIL_DOMAIN = "@otinish.invalid"  # accounts of walk-in citizens who gave no email


class Notification(models.Model):
    """A message to a person, written in the same transaction as the change it reports.

    The outbox: a Celery task sends what is pending, so a broker or mail outage delays
    messages but never loses them.
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="notifications",
        verbose_name=_("recipient"),
    )
    kind = models.CharField(_("kind"), max_length=40)  # dotted name: "appeal.answered"
    # Rendered in the recipient's language when written, so sending needs no context.
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("body"))
    # What the message is about (an appeal, say), by reference: the outbox knows no app.
    # Nothing reads messages by what they are about yet, so no index.
    about_type = models.ForeignKey(
        ContentType,
        on_delete=models.PROTECT,
        db_index=False,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("about"),
    )
    about_id = models.BigIntegerField(null=True, blank=True)
    about = GenericForeignKey("about_type", "about_id")
    # Makes a notification that must go out once per thing (a daily digest) idempotent.
    dedupe_key = models.CharField(max_length=120, null=True, blank=True, unique=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    claimed_until = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=500, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [
            # The sender's "what is still pending, oldest first": stays small as rows are sent.
            models.Index(
                fields=["created_at"],
                condition=models.Q(sent_at__isnull=True),
                name="notification_pending_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} → {self.recipient_id}"
