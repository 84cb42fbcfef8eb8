from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

NO_EMAIL_DOMAIN = "@otinish.invalid"  # accounts of walk-in citizens who gave no email


class Notification(models.Model):
    """A message to a person, written in the same transaction as the change it reports.

    The outbox: a Celery task sends what is pending, by email and SMS, so a broker, mail or
    gateway outage delays messages but never loses them. It is also the person's inbox.
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
    # False when the recipient has no email address (a walk-in's record): nothing to mail.
    by_email = models.BooleanField(_("by email"), default=True, db_default=True)
    # Each channel has its own claim, attempts and sent time, so one is sent (and retried)
    # apart from the other and neither twice; sms_to is chosen when written, blank: no SMS.
    sms_to = models.CharField(_("SMS to"), max_length=20, blank=True, db_default="")
    sms_claimed_until = models.DateTimeField(null=True, blank=True)
    sms_sent_at = models.DateTimeField(_("SMS sent"), null=True, blank=True)
    sms_attempts = models.PositiveSmallIntegerField(default=0, db_default=0)
    sms_last_error = models.CharField(max_length=500, blank=True, db_default="")
    # The recipient's inbox on the portal; a message carrying a secret link (a password
    # reset, an email confirmation) proves the mailbox and stays out of it.
    in_inbox = models.BooleanField(_("in the inbox"), default=True, db_default=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [
            # The sender's "what is still pending, oldest first": stays small as rows are sent.
            models.Index(
                fields=["created_at"],
                condition=models.Q(sent_at__isnull=True, by_email=True),
                name="notification_pending_idx",
            ),
            # The same for SMS: only the rows with a number, until sent.
            models.Index(
                fields=["created_at"],
                condition=models.Q(sms_sent_at__isnull=True) & ~models.Q(sms_to=""),
                name="notification_sms_pending_idx",
            ),
            # The header's unread count on every page: small, as notices are read.
            models.Index(
                fields=["recipient"],
                condition=models.Q(read_at__isnull=True, in_inbox=True),
                name="notification_unread_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} → {self.recipient_id}"
