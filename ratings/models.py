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


class Scope(models.TextChoices):
    AKIMATS = "akimats", _("Akimats")
    MINISTRIES = "ministries", _("Ministries")


class Period(models.TextChoices):
    LAST_30_DAYS = "last_30_days", _("Last 30 days")
    LAST_365_DAYS = "last_365_days", _("Last 365 days")
    YEAR_TO_DATE = "year_to_date", _("This year")
    ALL_TIME = "all_time", _("All time")
    CUSTOM = "custom", _("Custom dates")


class RankingSnapshot(models.Model):
    """One immutable ranking: a scope and a period, as of one moment, by one methodology.

    Written with all its rows in one transaction, so readers see it whole or not at all.
    """

    scope = models.CharField(_("scope"), max_length=10, choices=Scope)
    period = models.CharField(_("period"), max_length=14, choices=Period)
    period_start = models.DateField(_("from"), null=True, blank=True)  # None: all time
    period_end = models.DateField(_("to"))  # inclusive, in Asia/Almaty
    as_of = models.DateTimeField(_("as of"))
    methodology_version = models.CharField(_("methodology"), max_length=10)
    min_cases = models.PositiveIntegerField(_("minimum cases to be ranked"))

    class Meta:
        verbose_name = _("ranking snapshot")
        verbose_name_plural = _("ranking snapshots")
        indexes = [
            # "The latest snapshot of this scope and period", and a scope's history for trends.
            models.Index(fields=["scope", "period", "-as_of"], name="snapshot_latest_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.scope} {self.period} {self.as_of:%Y-%m-%d %H:%M}"


class RankingRow(models.Model):
    """One agency's figures in a snapshot; the column names are the open data's."""

    snapshot = models.ForeignKey(RankingSnapshot, on_delete=models.CASCADE, related_name="rows")
    agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.PROTECT, related_name="ranking_rows"
    )
    received = models.PositiveIntegerField()
    forwarded_out = models.PositiveIntegerField()
    forwarded_in = models.PositiveIntegerField()
    late_forwards = models.PositiveIntegerField()
    withdrawn = models.PositiveIntegerField()
    answered = models.PositiveIntegerField()
    answer_rate = models.FloatField(null=True)
    answer_rate_low = models.FloatField(null=True)
    answer_rate_high = models.FloatField(null=True)
    answered_on_time = models.PositiveIntegerField()
    on_time_rate = models.FloatField(null=True)
    on_time_rate_low = models.FloatField(null=True)
    on_time_rate_high = models.FloatField(null=True)
    overdue_open = models.PositiveIntegerField()
    rated = models.PositiveIntegerField()
    dissatisfied = models.PositiveIntegerField()

    dissatisfaction_rate = models.FloatField(null=True)
    dissatisfaction_rate_low = models.FloatField(null=True)
    dissatisfaction_rate_high = models.FloatField(null=True)
    median_days_to_answer = models.FloatField(null=True)
    answer_rank = models.PositiveIntegerField(null=True)  # None: insufficient data
    dissatisfaction_rank = models.PositiveIntegerField(null=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["snapshot", "agency"], name="ranking_row_unique"),
        ]
        indexes = [
            # An agency's trend across snapshots.
            models.Index(fields=["agency", "snapshot"], name="ranking_row_agency_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.snapshot_id}/{self.agency_id}"


class CategoryRow(models.Model):
    """An agency's appeals in one top-level category, within a snapshot."""

    snapshot = models.ForeignKey(
        RankingSnapshot, on_delete=models.CASCADE, related_name="category_rows"
    )
    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="+")
    category = models.ForeignKey("agencies.Category", on_delete=models.PROTECT, related_name="+")
    received = models.PositiveIntegerField()
    rated = models.PositiveIntegerField()
    dissatisfied = models.PositiveIntegerField()

    class Meta:
        indexes = [models.Index(fields=["snapshot", "agency"], name="category_row_idx")]

    def __str__(self) -> str:
        return f"{self.snapshot_id}/{self.agency_id}/{self.category_id}"


class ProblemCell(models.Model):
    """The problem map: appeals about one category from one region, and their dissatisfaction."""

    snapshot = models.ForeignKey(
        RankingSnapshot, on_delete=models.CASCADE, related_name="problem_cells"
    )
    region = models.ForeignKey("agencies.Region", on_delete=models.PROTECT, related_name="+")
    category = models.ForeignKey("agencies.Category", on_delete=models.PROTECT, related_name="+")
    received = models.PositiveIntegerField()
    rated = models.PositiveIntegerField()
    dissatisfied = models.PositiveIntegerField()

    def __str__(self) -> str:
        return f"{self.snapshot_id}/{self.region_id}/{self.category_id}"
