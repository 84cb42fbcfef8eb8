"""A petition from filing to its answer, its signatures and their sharded tally
(docs/petitions.md)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from agencies.models import Agency, Category, Region
from appeals.attachments import attachment_path
from petitions.models.rules import ExcludedSubject, PetitionLevel

TITLE_LIMIT = 200
TEXT_LIMIT = 10_000
DEMAND_LIMIT = 2_000
# Signatures are counted in this many rows per petition, so that signers do not queue on one.
TALLY_SHARDS = 16


class Petition(models.Model):
    """A collective demand to a body. Never deleted; its public address is an unguessable
    slug, so that until it is listed only those given the link reach it."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Awaiting moderation")
        REFUSED = "refused", _("Refused at moderation")
        COLLECTING = "collecting", _("Collecting signatures")
        CONSIDERING = "considering", _("Under consideration")
        ANSWERED = "answered", _("Answered")
        FAILED = "failed", _("Archived: not enough signatures")

    # Those the public may reach (by link until listed).
    PUBLISHED = (Status.COLLECTING, Status.CONSIDERING, Status.ANSWERED, Status.FAILED)

    class RefusalGround(models.TextChoices):
        EXCLUDED_SUBJECT = "excluded_subject", _("Its subject may not be petitioned")
        NOT_COMPETENT = "not_competent", _("Outside the addressee's competence")
        REQUIREMENTS = "requirements", _("Does not meet the requirements for a petition")
        DUPLICATE = "duplicate", _("Repeats a petition still collecting")

    class Outcome(models.TextChoices):
        ACCEPTED = "accepted", pgettext_lazy("petition", "Accepted")
        PARTLY = "partly", pgettext_lazy("petition", "Partly accepted")
        REFUSED = "refused", pgettext_lazy("petition", "Refused")

    slug = models.SlugField(_("link"), max_length=24, unique=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="petitions",
        verbose_name=_("author"),
    )  # fmt: skip
    addressee = models.ForeignKey(
        Agency, on_delete=models.PROTECT, db_index=False, related_name="petitions",
        verbose_name=_("addressee"),
    )  # fmt: skip
    level = models.ForeignKey(
        PetitionLevel, on_delete=models.PROTECT, related_name="+", verbose_name=_("level")
    )
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("region"),
    )  # fmt: skip
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="+", verbose_name=_("topic")
    )
    title = models.CharField(_("title"), max_length=TITLE_LIMIT)
    text = models.TextField(_("text"), max_length=TEXT_LIMIT)
    demand = models.TextField(_("what is asked"), max_length=DEMAND_LIMIT)
    language = models.CharField(_("language"), max_length=2, default="ru")
    status = models.CharField(_("status"), max_length=12, choices=Status, default=Status.SUBMITTED)
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)
    admissibility_due = models.DateTimeField(_("moderation due"))

    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        db_index=False, related_name="+", verbose_name=_("moderator"),
    )  # fmt: skip
    moderated_at = models.DateTimeField(_("moderated"), null=True, blank=True)
    refusal_ground = models.CharField(
        _("ground of refusal"), max_length=20, choices=RefusalGround, blank=True
    )
    excluded_subject = models.ForeignKey(
        ExcludedSubject, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("excluded subject"),
    )  # fmt: skip
    refusal_reason = models.TextField(_("reasons of the refusal"), blank=True)

    # Fixed at publication: a later change of the rules does not move an open petition's goal.
    threshold = models.PositiveIntegerField(_("signatures needed"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    collection_ends_at = models.DateTimeField(_("collection ends"), null=True, blank=True)
    listed_at = models.DateTimeField(_("listed"), null=True, blank=True)
    reached_at = models.DateTimeField(_("threshold reached"), null=True, blank=True)
    closed_at = models.DateTimeField(_("collection closed"), null=True, blank=True)
    answer_due = models.DateTimeField(_("answer due"), null=True, blank=True)
    # Refreshed from the tally by the minute's task: for sorting lists, never for the page.
    signatures_seen = models.PositiveIntegerField(_("signatures"), default=0)

    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        db_index=False, related_name="+", verbose_name=_("answered by"),
    )  # fmt: skip
    outcome = models.CharField(_("outcome"), max_length=8, choices=Outcome, blank=True)
    decision = models.TextField(_("decision taken"), blank=True)
    # Signers told of the answer so far (by signature id): the fan-out resumes from here.
    notified_through = models.BigIntegerField(default=0)
    notified_at = models.DateTimeField(_("signers notified"), null=True, blank=True)

    class Meta:
        verbose_name = _("petition")
        verbose_name_plural = _("petitions")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="refused") | ~models.Q(refusal_reason=""),
                name="petition_refusal_has_reasons",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="answered")
                | (~models.Q(outcome="") & ~models.Q(decision="")),
                name="petition_answer_has_decision",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "submitted_at"], name="petition_status_idx"),
            models.Index(fields=["addressee", "status"], name="petition_addressee_idx"),
            models.Index(
                fields=["-listed_at"],
                name="petition_listed_idx",
                condition=models.Q(listed_at__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    @property
    def number(self) -> str:
        """The public reference: ЭП-<year>-<6 digits>."""
        return f"ЭП-{self.submitted_at:%Y}-{self.pk:06d}"


class PetitionAttachment(models.Model):
    """A file of a petition, judged by the appeals' upload rules; public once published."""

    petition = models.ForeignKey(
        Petition, on_delete=models.PROTECT, related_name="attachments",
        verbose_name=_("petition"),
    )  # fmt: skip
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=200)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveIntegerField(_("size, bytes"))
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("petition attachment")
        verbose_name_plural = _("petition attachments")

    def __str__(self) -> str:
        return self.original_name


class Signature(models.Model):
    """One verified person's support. One active signature per IIN and petition is the
    database's rule (a partial unique index), not a check in Python. Withdrawn ones stay."""

    petition = models.ForeignKey(
        Petition, on_delete=models.PROTECT, db_index=False, related_name="signatures",
        verbose_name=_("petition"),
    )  # fmt: skip
    signer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, db_index=False,
        related_name="petition_signatures", verbose_name=_("signer"),
    )  # fmt: skip
    iin = models.CharField(_("IIN"), max_length=12)
    # What the public sees of a signer: first name and the initial of the surname.
    short_name = models.CharField(_("shown as"), max_length=80)
    signed_at = models.DateTimeField(_("signed"), default=timezone.now)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    # The account was younger than PETITIONS_NEW_ACCOUNT_HOURS: bursts of these are flagged.
    new_account = models.BooleanField(_("new account"), default=False)

    class Meta:
        verbose_name = _("signature")
        verbose_name_plural = _("signatures")
        constraints = [
            models.UniqueConstraint(
                fields=["petition", "iin"],
                condition=models.Q(withdrawn_at__isnull=True),
                name="signature_one_per_iin",
            ),
            models.UniqueConstraint(
                fields=["petition", "signer"],
                condition=models.Q(withdrawn_at__isnull=True),
                name="signature_one_per_signer",
            ),
        ]
        indexes = [
            # The page's latest signers and the answer's fan-out, by id within a petition.
            models.Index(
                fields=["petition", "id"],
                name="signature_petition_idx",
                condition=models.Q(withdrawn_at__isnull=True),
            ),
            # "My signatures", newest first.
            models.Index(fields=["signer", "-id"], name="signature_signer_idx"),
            # The burst check reads the last minutes' signatures from new accounts.
            models.Index(
                fields=["signed_at"],
                name="signature_new_account_idx",
                condition=models.Q(new_account=True),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.short_name} → {self.petition_id}"


class SignatureTally(models.Model):
    """One of a petition's TALLY_SHARDS counters: a signature adds one to the shard its id
    falls in, so concurrent signers update different rows; the count is their sum."""

    petition = models.ForeignKey(Petition, on_delete=models.PROTECT, related_name="+")
    shard = models.PositiveSmallIntegerField()
    count = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["petition", "shard"], name="tally_one_per_shard"),
        ]

    def __str__(self) -> str:
        return f"{self.petition_id}/{self.shard}: {self.count}"


class PetitionFlag(models.Model):
    """A burst of signatures from new accounts, raised to the moderators to look at."""

    petition = models.ForeignKey(
        Petition, on_delete=models.PROTECT, related_name="flags", verbose_name=_("petition")
    )
    window_start = models.DateTimeField(_("from"))
    window_end = models.DateTimeField(_("to"))
    new_accounts = models.PositiveIntegerField(_("signatures from new accounts"))
    raised_at = models.DateTimeField(_("raised"), auto_now_add=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        db_index=False, related_name="+", verbose_name=_("reviewed by"),
    )  # fmt: skip
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    review_note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("flag of a signature burst")
        verbose_name_plural = _("flags of signature bursts")
        constraints = [
            models.UniqueConstraint(
                fields=["petition", "window_start"], name="petition_flag_once_per_window"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.petition_id}: {self.new_accounts}"
