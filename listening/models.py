"""Clusters of appeals about one problem (listening/clustering.py groups them), the rules
that say when a cluster is a problem worth an alert, the alerts, the proposals to change a
rule that a cluster led to with their steps, and the clustering job's place in the stream
of appeals."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from agencies.models import Agency, Category, Region
from appeals.models import Appeal


class ClusterRule(models.Model):
    """When appeals join one cluster and when a cluster raises an alert, for one category
    (its leaf or its parent) or, with no category, for every other one. Reference data an
    administrator changes."""

    category = models.OneToOneField(
        Category, on_delete=models.CASCADE, null=True, blank=True, related_name="+",
        verbose_name=_("category"),
    )  # fmt: skip
    # pg_trgm similarity of an appeal's text to a cluster member's at which it joins.
    similarity = models.FloatField(_("similarity to join"), default=0.3)
    window_days = models.PositiveSmallIntegerField(_("within days"), default=7)
    # Different applicants a cluster needs before it alerts the body's controllers.
    alert_applicants = models.PositiveIntegerField(_("applicants for an alert"), default=10)

    class Meta:
        verbose_name = _("clustering rule")
        verbose_name_plural = _("clustering rules")
        constraints = [
            models.UniqueConstraint(
                fields=["category"], condition=models.Q(category__isnull=True),
                name="cluster_rule_one_default",
            ),
        ]  # fmt: skip

    def __str__(self) -> str:
        return str(self.category or _("every other category"))


class ProblemCluster(models.Model):
    """Appeals from different people about one problem, to one body, in one region."""

    class Status(models.TextChoices):
        OPEN = "open", pgettext_lazy("cluster", "Open")
        ANSWERED = "answered", pgettext_lazy("cluster", "Answered as a whole")
        RULE_CHANGE = "rule_change", _("A change of rules proposed")

    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="+", verbose_name=_("agency"),
        db_index=False,  # cluster_agency_idx
    )  # fmt: skip
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="+", verbose_name=_("category")
    )
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("region"),
    )  # fmt: skip
    status = models.CharField(_("status"), max_length=12, choices=Status, default=Status.OPEN)
    created_at = models.DateTimeField(_("found"))
    last_appeal_at = models.DateTimeField(_("latest appeal"))
    appeals = models.PositiveIntegerField(_("appeals"), default=0)
    applicants = models.PositiveIntegerField(_("applicants"), default=0)
    alerted_at = models.DateTimeField(_("alert raised"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        db_index=False, related_name="+", verbose_name=_("answered by"),
    )  # fmt: skip
    answer_text = models.TextField(_("answer text"), blank=True)

    class Meta:
        verbose_name = _("problem cluster")
        verbose_name_plural = _("problem clusters")
        indexes = [
            # A body's clusters, newest activity first (back-office and public pages).
            models.Index(fields=["agency", "-last_appeal_at"], name="cluster_agency_idx"),
            # A region's clusters (the public page and the problem map).
            models.Index(fields=["region", "-last_appeal_at"], name="cluster_region_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.pk}: {self.category} ({self.appeals})"


class ClusterMember(models.Model):
    """One appeal in one cluster: an appeal belongs to at most one."""

    cluster = models.ForeignKey(
        ProblemCluster, on_delete=models.PROTECT, related_name="members",
        verbose_name=_("cluster"),
    )  # fmt: skip
    appeal = models.OneToOneField(
        Appeal, on_delete=models.PROTECT, related_name="+", verbose_name=_("appeal")
    )
    applicant_id = models.BigIntegerField()  # the appeal's, to count different people
    joined_at = models.DateTimeField(_("joined"))
    similarity = models.FloatField(_("similarity"), default=1.0)

    class Meta:
        verbose_name = _("cluster member")
        verbose_name_plural = _("cluster members")
        indexes = [
            # A cluster's appeals and its growth by time.
            models.Index(fields=["cluster", "joined_at"], name="cluster_member_time_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.cluster_id}: {self.appeal_id}"


class ClusterAlert(models.Model):
    """A cluster crossed its rule's threshold: told to the body's controllers."""

    cluster = models.ForeignKey(
        ProblemCluster, on_delete=models.PROTECT, related_name="alerts",
        verbose_name=_("cluster"),
    )  # fmt: skip
    created_at = models.DateTimeField(_("raised"))
    appeals = models.PositiveIntegerField(_("appeals"))
    applicants = models.PositiveIntegerField(_("applicants"))
    # Appeals that joined in the 24 hours before the alert.
    growth = models.PositiveIntegerField(_("growth in a day"))

    class Meta:
        verbose_name = _("cluster alert")
        verbose_name_plural = _("cluster alerts")

    def __str__(self) -> str:
        return f"{self.cluster_id} @ {self.created_at:%Y-%m-%d %H:%M}"


class RuleChange(models.Model):
    """A proposal to change a rule that a cluster showed to be the problem's cause, tracked
    to its outcome."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        IN_REVIEW = "in_review", _("Under review")
        ADOPTED = "adopted", _("Adopted")
        REJECTED = "rejected", pgettext_lazy("rule change", "Rejected")

    cluster = models.ForeignKey(
        ProblemCluster, on_delete=models.PROTECT, related_name="rule_changes",
        verbose_name=_("cluster"),
    )  # fmt: skip
    proposal = models.TextField(_("the change proposed"))
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, db_index=False, related_name="+",
        verbose_name=_("proposed by"),
    )  # fmt: skip
    proposed_at = models.DateTimeField(_("proposed"))
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.PROPOSED)
    outcome = models.TextField(_("outcome"), blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    class Meta:
        verbose_name = _("proposal to change a rule")
        verbose_name_plural = _("proposals to change a rule")

    def __str__(self) -> str:
        return f"{self.cluster_id}: {self.get_status_display()}"


class RuleChangeStep(models.Model):
    """One step of a proposal to change a rule, as it was taken: its history."""

    change = models.ForeignKey(
        RuleChange, on_delete=models.PROTECT, related_name="steps", verbose_name=_("proposal")
    )
    status = models.CharField(_("status"), max_length=10, choices=RuleChange.Status)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, db_index=False, related_name="+",
        verbose_name=_("by"),
    )  # fmt: skip
    taken_at = models.DateTimeField(_("taken"))

    class Meta:
        verbose_name = _("step of a proposal")
        verbose_name_plural = _("steps of proposals")

    def __str__(self) -> str:
        return f"{self.change_id}: {self.status}"


class ClusteringState(models.Model):
    """Where the clustering job stands in the stream of appeals: one row."""

    last_appeal_id = models.BigIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("clustering state")
        verbose_name_plural = _("clustering state")

    def __str__(self) -> str:
        return str(self.last_appeal_id)
