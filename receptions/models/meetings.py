"""Receptions and meetings: what officials announce, what citizens book, and every question
raised with its outcome (docs/receptions.md)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from agencies.models import Agency, Category, Region
from appeals.attachments import attachment_path
from appeals.models import Appeal

QUESTION_LIMIT = 5_000


class Meeting(models.Model):
    """A reception or meeting an official of a body announced; never deleted. Kept when it
    was not held, with the reason, so a skipped meeting stays on the public calendar."""

    class Kind(models.TextChoices):
        PERSONAL = "personal", _("Personal reception")
        VISITING = "visiting", _("Visiting reception in a district")
        RESIDENTS = "residents", _("Meeting with residents")
        TARGET_GROUP = "target_group", _("Meeting with a target group")
        ONLINE = "online", _("Online reception")

    # Citizens book a slot at these; at meetings questions come from the floor.
    BOOKED_KINDS = (Kind.PERSONAL, Kind.VISITING, Kind.ONLINE)

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        HELD = "held", _("Held")
        NOT_HELD = "not_held", _("Not held")

    class TargetGroup(models.TextChoices):
        FARMERS = "farmers", _("Farmers")
        ENTREPRENEURS = "entrepreneurs", _("Entrepreneurs")
        PARENTS = "parents", _("Parents")
        YOUTH = "youth", _("Young people")
        PENSIONERS = "pensioners", _("Pensioners")
        DISABILITY = "disability", _("People with disabilities")
        OTHER = "other", pgettext_lazy("target group", "Other")

    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, db_index=False, related_name="meetings",
        verbose_name=pgettext_lazy("state body", "body"),
    )  # fmt: skip
    kind = models.CharField(_("kind"), max_length=12, choices=Kind)
    status = models.CharField(_("status"), max_length=8, choices=Status, default=Status.PLANNED)
    # The official who holds it: his name and post are public (imported meetings may name
    # one who has no account).
    official = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        db_index=False, related_name="+", verbose_name=_("official"),
    )  # fmt: skip
    official_name = models.CharField(_("official's name"), max_length=200)
    official_post = models.CharField(_("official's post"), max_length=200, blank=True)
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, db_index=False, related_name="+",
        verbose_name=_("region"),
    )  # fmt: skip
    locality = models.CharField(_("district or settlement"), max_length=200, blank=True)
    place = models.CharField(_("place"), max_length=300, blank=True)
    video_link = models.URLField(_("video link"), max_length=500, blank=True)
    target_group = models.CharField(
        _("target group"), max_length=14, choices=TargetGroup, blank=True
    )
    topics = models.TextField(_("topics"), blank=True, max_length=2000)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    # Length of one booked slot, in minutes; empty at meetings without booking.
    slot_minutes = models.PositiveSmallIntegerField(_("slot, minutes"), null=True, blank=True)
    not_held_reason = models.TextField(_("why it was not held"), blank=True, max_length=2000)
    attendance = models.PositiveIntegerField(_("people present"), null=True, blank=True)
    # Loaded by import_meetings from a past system's records: counts only.
    imported = models.BooleanField(_("imported"), default=False, db_default=False)
    # The source's id of an imported meeting: importing the same file again skips it.
    import_ref = models.CharField(_("source reference"), max_length=100, blank=True, default="")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        db_index=False, related_name="+", verbose_name=_("announced by"),
    )  # fmt: skip
    created_at = models.DateTimeField(_("announced"), auto_now_add=True)
    status_changed_at = models.DateTimeField(_("status changed"), null=True, blank=True)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="meeting_ends_after"
            ),
            models.CheckConstraint(
                condition=~models.Q(status="not_held") | ~models.Q(not_held_reason=""),
                name="meeting_not_held_has_reason",
            ),
            # import_meetings finds a meeting it already loaded by this reference.
            models.UniqueConstraint(fields=["import_ref"], condition=~models.Q(import_ref=""),
                                    name="meeting_import_ref_unique"),
        ]  # fmt: skip
        indexes = [
            # A body's calendar and figures, by time.
            models.Index(fields=["agency", "starts_at"], name="meeting_agency_starts_idx"),
            # The public calendar of a region, by time.
            models.Index(fields=["region", "starts_at"], name="meeting_region_starts_idx"),
            # The public calendar of everything, and the figures of a period.
            models.Index(fields=["starts_at"], name="meeting_starts_idx"),
        ]

    def __str__(self) -> str:
        # The day in Almaty: a meeting at 01:00 there is still the day before in UTC.
        day = localtime(self.starts_at)
        return f"{self.get_kind_display()} {self.official_name} {day:%Y-%m-%d}"

    @property
    def takes_bookings(self) -> bool:
        return self.kind in self.BOOKED_KINDS and bool(self.slot_minutes)


class Slot(models.Model):
    """One bookable time of a reception."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.PROTECT, related_name="slots", verbose_name=_("meeting")
    )
    starts_at = models.DateTimeField(_("starts"))

    class Meta:
        verbose_name = _("slot")
        verbose_name_plural = _("slots")
        ordering = ["starts_at"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "starts_at"], name="slot_unique_time"),
        ]

    def __str__(self) -> str:
        return f"{self.meeting_id} {self.starts_at:%Y-%m-%d %H:%M}"


class Booking(models.Model):
    """A citizen's place at a reception with his question. A cancelled one frees its slot:
    the database holds at most one active booking per slot."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Booked")
        CANCELLED = "cancelled", _("Cancelled")

    slot = models.ForeignKey(
        Slot, on_delete=models.PROTECT, db_index=False, related_name="bookings",
        verbose_name=_("slot"),
    )  # fmt: skip
    # The slot's meeting, kept here for the constraint of one booking per citizen.
    meeting = models.ForeignKey(
        Meeting, on_delete=models.PROTECT, db_index=False, related_name="bookings",
        verbose_name=_("meeting"),
    )  # fmt: skip
    citizen = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, db_index=False,
        related_name="reception_bookings", verbose_name=_("citizen"),
    )  # fmt: skip
    category = models.ForeignKey(Category, on_delete=models.PROTECT, verbose_name=_("topic"))
    question = models.TextField(_("question"), max_length=QUESTION_LIMIT)
    # The front-office operator who booked for a walk-in; empty: the citizen himself.
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        db_index=False, related_name="+", verbose_name=_("booked by"),
    )  # fmt: skip
    status = models.CharField(_("status"), max_length=9, choices=Status, default=Status.ACTIVE)
    created_at = models.DateTimeField(_("booked"), auto_now_add=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminded"), null=True, blank=True)

    class Meta:
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        constraints = [
            # A slot is never given twice, whatever races the web processes run.
            models.UniqueConstraint(
                fields=["slot"], condition=models.Q(status="active"), name="booking_one_per_slot"
            ),
            models.UniqueConstraint(
                fields=["meeting", "citizen"],
                condition=models.Q(status="active"),
                name="booking_one_per_citizen",
            ),
        ]
        indexes = [
            # A citizen's bookings, newest first.
            models.Index(fields=["citizen", "-created_at"], name="booking_citizen_idx"),
            # A reception's list of booked questions.
            models.Index(fields=["meeting", "status"], name="booking_meeting_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.meeting_id}/{self.slot_id} {self.get_status_display()}"


class BookingAttachment(models.Model):
    """A file of a booked question, judged by the appeals' upload rules; served only to the
    citizen and the body's staff."""

    booking = models.ForeignKey(
        Booking, on_delete=models.PROTECT, related_name="attachments", verbose_name=_("booking")
    )
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=200)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveIntegerField(_("size, bytes"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, db_index=False, related_name="+"
    )
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("booking attachment")
        verbose_name_plural = _("booking attachments")

    def __str__(self) -> str:
        return self.original_name


class Question(models.Model):
    """A question raised at a meeting, by topic and locality, with its outcome."""

    class Outcome(models.TextChoices):
        RESOLVED = "resolved", _("Resolved on the spot")
        EXPLAINED = "explained", _("Explained")
        CONTROL = "control", _("Taken under control")
        FORWARDED = "forwarded", _("Forwarded")

    meeting = models.ForeignKey(
        Meeting, on_delete=models.PROTECT, db_index=False, related_name="questions",
        verbose_name=_("meeting"),
    )  # fmt: skip
    booking = models.OneToOneField(
        Booking, on_delete=models.PROTECT, null=True, blank=True, related_name="raised",
        verbose_name=_("booking"),
    )  # fmt: skip
    # Who raised it; empty for a question from the floor by someone who gave no name.
    citizen = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        db_index=False, related_name="meeting_questions", verbose_name=_("citizen"),
    )  # fmt: skip
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, db_index=False, verbose_name=_("topic")
    )
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, db_index=False, related_name="+",
        verbose_name=_("region"),
    )  # fmt: skip
    locality = models.CharField(_("district or settlement"), max_length=200, blank=True)
    text = models.TextField(_("question"), blank=True, max_length=QUESTION_LIMIT)
    outcome = models.CharField(_("outcome"), max_length=9, choices=Outcome)
    outcome_note = models.TextField(_("what was decided"), blank=True, max_length=QUESTION_LIMIT)
    # Under control: the appeal it became, in the competent body, linked both ways.
    appeal = models.OneToOneField(
        Appeal, on_delete=models.PROTECT, null=True, blank=True,
        related_name="meeting_question", verbose_name=_("appeal"),
    )  # fmt: skip
    forwarded_to = models.ForeignKey(
        Agency, on_delete=models.PROTECT, null=True, blank=True, db_index=False,
        related_name="+", verbose_name=_("forwarded to"),
    )  # fmt: skip
    # A resolved question followed within RECEPTIONS_REOPEN_DAYS by an appeal on the same
    # topic from the same citizen or locality (receptions/reopened.py).
    reopened_by = models.ForeignKey(
        Appeal, on_delete=models.SET_NULL, null=True, blank=True, db_index=False,
        related_name="+", verbose_name=_("reopened by"),
    )  # fmt: skip
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        db_index=False, related_name="+", verbose_name=_("recorded by"),
    )  # fmt: skip
    recorded_at = models.DateTimeField(_("recorded"))
    imported = models.BooleanField(_("imported"), default=False, db_default=False)

    class Meta:
        verbose_name = _("meeting question")
        verbose_name_plural = _("meeting questions")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(outcome="control") | models.Q(appeal__isnull=False)
                | models.Q(imported=True),
                name="question_control_has_appeal",
            ),
            models.CheckConstraint(
                condition=~models.Q(outcome="forwarded") | models.Q(forwarded_to__isnull=False)
                | models.Q(imported=True),
                name="question_forwarded_has_body",
            ),
        ]  # fmt: skip
        indexes = [
            models.Index(fields=["meeting", "recorded_at"], name="question_meeting_idx"),
            # A citizen's questions and their outcomes; the reopened check by citizen.
            models.Index(
                fields=["citizen", "recorded_at"],
                condition=models.Q(citizen__isnull=False),
                name="question_citizen_idx",
            ),
            # The reopened check reads the resolved questions of the last period.
            models.Index(
                fields=["recorded_at"],
                condition=models.Q(outcome="resolved"),
                name="question_resolved_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.meeting_id}: {self.get_outcome_display()}"


class QuestionFeedback(models.Model):
    """The citizen's rating of the outcome of his question: one per question."""

    question = models.OneToOneField(
        Question, on_delete=models.PROTECT, related_name="feedback", verbose_name=_("question")
    )
    satisfied = models.BooleanField(_("satisfied"))
    comment = models.TextField(_("comment"), blank=True, max_length=2000)
    created_at = models.DateTimeField(_("rated"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("rating of a meeting question")
        verbose_name_plural = _("ratings of meeting questions")

    def __str__(self) -> str:
        return f"{self.question_id}: {'+' if self.satisfied else '-'}"
