from __future__ import annotations

from django.conf import settings
from django.db import connection, models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from agencies.models import Agency, AppealType, Category, Region
from appeals.attachments import attachment_path

REFERENCE_SEQUENCE = "appeals_reference_seq"
# Tables whose rows are never deleted (their triggers refuse it, appeals/0004): a bulk write
# that checks its keys itself need not lock the rows of these it refers to.
NEVER_DELETED = frozenset({"appeals_appeal", "appeals_appealevent"})
# What an appeal's subject and text may hold (the answer's text too).
SUBJECT_LIMIT = 255
TEXT_MINIMUM = 20
TEXT_LIMIT = 10_000


class Appeal(models.Model):
    """A citizen's appeal to a state body. Appeals are never deleted.

    Triggers of the rankings (ratings/sql/tallies.sql) log each change of its status,
    agency, category, region and times, and of its rating, for the tallies.
    """

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        REGISTERED = "registered", _("Registered")
        IN_PROGRESS = "in_progress", _("In progress")
        ANSWERED = "answered", _("Answered")
        TERMINATED = "terminated", _("Left without consideration")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    OPEN_STATUSES = (Status.SUBMITTED, Status.REGISTERED, Status.IN_PROGRESS)
    # Closed by the agency, with an answer or a termination notice: answered_at is set.
    CLOSED_STATUSES = (Status.ANSWERED, Status.TERMINATED)

    class AnswerKind(models.TextChoices):
        EXPLAINED = "explained", _("Explained")
        SATISFIED = "satisfied", _("Satisfied")
        REFUSED = "refused", _("Refused")

    class ComplaintGround(models.TextChoices):
        """What a complaint is about: the answer, the silence past the deadline, or the
        decision to leave the appeal without consideration."""

        ANSWER = "answer", _("The answer")
        INACTION = "inaction", _("No answer by the deadline")
        TERMINATION = "termination", _("Left without consideration")

    class ComplaintOutcome(models.TextChoices):
        UPHELD = "upheld", _("Upheld")
        PARTLY_UPHELD = "partly_upheld", _("Partly upheld")
        REJECTED = "rejected", _("Rejected")

    class TerminationReason(models.TextChoices):
        NO_SUBSTANCE = "no_substance", _("No substance of the matter")
        ANONYMOUS = "anonymous", _("Anonymous")
        REPEAT = "repeat", _("Repeated without new arguments")
        WITHDRAWN = "withdrawn", _("Withdrawn by the applicant")
        COURT = "court", _("Already decided by a court")

    # Unique through Meta.constraints: looked up only by equality, so without the extra
    # LIKE index Django gives a unique CharField.
    reference = models.CharField(_("reference number"), max_length=24)
    type = models.ForeignKey(AppealType, on_delete=models.PROTECT, verbose_name=_("type"))
    # No single-column indexes where a composite index of Meta starts with the column: each
    # index is one more write per appeal, ten million times.
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        db_index=False,  # appeal_applicant_recv_idx
        related_name="appeals",
        verbose_name=_("applicant"),
    )
    co_applicants = models.PositiveIntegerField(_("co-applicants"), default=0)
    category = models.ForeignKey(Category, on_delete=models.PROTECT, verbose_name=_("category"))
    # Empty only on imported records that did not say where they came from.
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("region")
    )
    address = models.CharField(_("address"), max_length=300, blank=True)
    subject = models.CharField(_("subject"), max_length=SUBJECT_LIMIT)
    text = models.TextField(_("text"))
    language = models.CharField(_("language"), max_length=2, choices=settings.LANGUAGES)
    addressee = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="+", verbose_name=_("addressee")
    )
    agency = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        db_index=False,  # appeal_agency_status_due_idx, appeal_agency_received_idx
        related_name="appeals",
        verbose_name=_("responsible agency"),
    )
    executor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        db_index=False,  # appeal_executor_queue_idx (it holds every row with an executor)
        null=True,
        blank=True,
        related_name="assigned_appeals",
        verbose_name=_("executor"),
    )
    status = models.CharField(_("status"), max_length=12, choices=Status, default=Status.SUBMITTED)
    received_at = models.DateTimeField(_("received"))
    due_at = models.DateTimeField(_("due"))
    # Set when the head extends the deadline (once, APPC art. 76): the deadline before it.
    original_due_at = models.DateTimeField(_("due before extension"), null=True, blank=True)
    extension_reason = models.TextField(_("reason for extension"), blank=True)
    # When the agency closed it with an answer or with a termination notice.
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    forward_count = models.PositiveSmallIntegerField(_("times forwarded"), default=0)
    answer_kind = models.CharField(_("answer"), max_length=10, choices=AnswerKind, blank=True)
    answer_text = models.TextField(_("answer text"), blank=True)
    termination_reason = models.CharField(
        _("termination reason"), max_length=12, choices=TerminationReason, blank=True
    )
    # A complaint about the answer to another appeal.
    complaint_of = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        db_index=False,  # appeal_complaint_of_idx, of the few that are complaints
        null=True,
        blank=True,
        related_name="complaints",
        verbose_name=_("complaint about the answer to"),
    )
    complaint_ground = models.CharField(
        _("complaint about"), max_length=12, choices=ComplaintGround, blank=True, db_default=""
    )
    # How the higher body decided this complaint (set when it is answered).
    complaint_outcome = models.CharField(
        _("decision on the complaint"), max_length=14, choices=ComplaintOutcome, blank=True,
        db_default="",
    )  # fmt: skip
    # Of the appeal complained about, for its body's figures (ratings/sql/tallies.sql): a
    # complaint was sent about it; one was upheld (its answer, or silence, was wrong).
    complained = models.BooleanField(_("complained about"), default=False, db_default=False)
    overturned = models.BooleanField(_("overturned"), default=False, db_default=False)
    # Sent although the check against formal replies warned (appeals/answer_check.py): the
    # executor's override, counted in the body's figures.
    answer_warned = models.BooleanField(
        _("answered over a warning"), default=False, db_default=False
    )
    # Loaded from a past system's records (no personal data): counts in rankings only.
    imported = models.BooleanField(_("imported"), default=False)
    # The form's one-time key: the same form sent twice makes one appeal; the digest of what
    # it sent tells a repeat from other content under the same key (services).
    submission_key = models.UUIDField(null=True, blank=True, editable=False)
    submission_digest = models.CharField(max_length=64, blank=True, editable=False, db_default="")
    # The keyed hash of the code that shows the status without logging in
    # (appeals/status_lookup.py); the code itself is never stored. Empty on imported records
    # and on appeals sent before there were codes: their status has no public lookup. A
    # database default: adding the column rewrites no row.
    lookup_hash = models.CharField(max_length=64, blank=True, editable=False, db_default="")
    # The applicant's earlier appeal this one repeats (appeals/linking.py), counted in its
    # body's share of repeat appeals; nullable without default: adding it rewrites no row.
    repeat_of = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, db_index=False,
        related_name="+", verbose_name=_("repeats"),
    )  # fmt: skip
    # A parallel appeal joined to the one the competent body answers: its body sees that
    # answer (appeals/linking.py).
    joined_to = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, db_index=False,
        related_name="joined", verbose_name=_("answered through"),
    )  # fmt: skip
    # The category the form proposed from the text (appeals/topics/), kept beside the one
    # chosen so the proposal's accuracy is measured; empty when nothing was proposed.
    proposed_category = models.ForeignKey(
        Category, on_delete=models.PROTECT, null=True, blank=True, db_index=False,
        related_name="+", verbose_name=_("proposed category"),
    )  # fmt: skip

    class Meta:
        verbose_name = _("appeal")
        verbose_name_plural = _("appeals")
        constraints = [
            models.UniqueConstraint(fields=["reference"], name="appeal_reference_unique"),
            models.UniqueConstraint(
                fields=["applicant", "submission_key"], name="appeal_unique_submission"
            ),
        ]
        indexes = [
            # A citizen's "my appeals", newest first.
            models.Index(fields=["applicant", "-received_at"], name="appeal_applicant_recv_idx"),
            # Back-office queues: one agency's appeals in one status, by deadline.
            models.Index(
                fields=["agency", "status", "due_at"], name="appeal_agency_status_due_idx"
            ),
            # Rankings: one agency's appeals received in a period.
            models.Index(fields=["agency", "received_at"], name="appeal_agency_received_idx"),
            # The deadline watch (open appeals by deadline, across agencies) reads
            # appeal_open_overdue_idx, made with the rankings' tallies (ratings/0003).
            # The complaints about an answer.
            models.Index(
                fields=["complaint_of"],
                condition=models.Q(complaint_of__isnull=False),
                name="appeal_complaint_of_idx",
            ),
            # A body's repeat appeals in a period, of the few that repeat.
            models.Index(
                fields=["agency", "received_at"],
                condition=models.Q(repeat_of__isnull=False),
                name="appeal_repeat_idx",
            ),
            # The parallel appeals joined to one.
            models.Index(
                fields=["joined_to"],
                condition=models.Q(joined_to__isnull=False),
                name="appeal_joined_to_idx",
            ),
            # The proposal's accuracy: appeals sent with a proposal, by time.
            models.Index(
                fields=["received_at"],
                condition=models.Q(proposed_category__isnull=False),
                name="appeal_proposed_idx",
            ),
            # A staff member's "mine" queue.
            models.Index(
                fields=["executor", "status", "due_at"],
                condition=models.Q(executor__isnull=False),
                name="appeal_executor_queue_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES


class AppealEvent(models.Model):
    """One step of an appeal's route: who did what, when, from where to where. Append-only."""

    appeal = models.ForeignKey(
        Appeal,
        on_delete=models.PROTECT,
        db_index=False,  # event_appeal_time_idx
        related_name="events",
        verbose_name=_("appeal"),
    )
    action = models.CharField(_("action"), max_length=40)  # dotted name: "appeal.forwarded"
    # Events are read by appeal, never by actor or agency: no index on those keys. (Users
    # and agencies are deactivated, not deleted; deleting one in the admin scans events.)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        db_index=False,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("actor"),
    )
    created_at = models.DateTimeField(_("time"))
    from_status = models.CharField(_("from status"), max_length=12, blank=True)
    to_status = models.CharField(_("to status"), max_length=12, blank=True)
    from_agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, db_index=False, null=True, blank=True, related_name="+"
    )
    to_agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, db_index=False, null=True, blank=True, related_name="+"
    )
    comment = models.TextField(_("comment"), blank=True)
    # Facts of the step that have no column: {"late": true} on a forward, the new deadline…
    data = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        verbose_name = _("appeal event")
        verbose_name_plural = _("appeal events")
        indexes = [
            # The timeline of one appeal, in order.
            models.Index(fields=["appeal", "created_at"], name="event_appeal_time_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.appeal_id} {self.action}"


class Attachment(models.Model):
    """A file of the citizen's appeal or of the agency's answer.

    Stored under a random name in MEDIA_ROOT (never under static/, never at a public
    URL) and handed out only by a view that checks who is asking.
    """

    class Kind(models.TextChoices):
        APPEAL = "appeal", _("Attached by the applicant")
        ANSWER = "answer", _("Attached to the answer")
        REPLY = "reply", _("Attached to a reply to a question")
        OBJECTION = "objection", _("Attached to an objection")

    appeal = models.ForeignKey(
        Appeal, on_delete=models.PROTECT, related_name="attachments", verbose_name=_("appeal")
    )
    kind = models.CharField(_("kind"), max_length=9, choices=Kind)
    # The question a reply's file answers (kind "reply").
    question = models.ForeignKey(
        "appeals.Question", on_delete=models.PROTECT, null=True, blank=True, db_index=False,
        related_name="attachments", verbose_name=_("question"),
    )  # fmt: skip
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=200)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveIntegerField(_("size, bytes"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        indexes = [
            # A reply's files, of the few attachments that answer a question.
            models.Index(
                fields=["question"],
                condition=models.Q(question__isnull=False),
                name="attachment_question_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.original_name


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
    reason = models.CharField(
        pgettext_lazy("rating", "reason"), max_length=12, choices=Reason, blank=True
    )
    comment = models.TextField(_("comment"), blank=True, max_length=2000)
    created_at = models.DateTimeField(_("rated"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        db_table = "ratings_feedback"  # made with the rankings (ratings/0001)
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


def next_reference_numbers(count: int) -> list[int]:
    """`count` fresh numbers from the global sequence: never reused, even after a rollback."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(%s) FROM generate_series(1, %s)", [REFERENCE_SEQUENCE, count]
        )
        return [row[0] for row in cursor.fetchall()]


def format_reference(prefix: str, year: int, number: int) -> str:
    return f"{prefix}-{year}-{number:08d}"
