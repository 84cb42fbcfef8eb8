"""The published figures of meetings: immutable snapshots of counts per body, region and
official (receptions/figures.py)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from agencies.models import Agency, Region


class FigurePeriod(models.TextChoices):
    LAST_365_DAYS = "last_365_days", _("Last 365 days")
    YEAR_TO_DATE = "year_to_date", _("This year")
    ALL_TIME = "all_time", _("All time")
    CUSTOM = "custom", _("Custom dates")


class FigureLevel(models.TextChoices):
    BODY = "body", _("Body")
    REGION = "region", _("Region")
    OFFICIAL = "official", _("Official")


class ReceptionSnapshot(models.Model):
    """One immutable set of the meetings' figures for a period, as of one moment; written
    with all its rows in one transaction (receptions/figures.py)."""

    period = models.CharField(_("period"), max_length=14, choices=FigurePeriod)
    period_start = models.DateField(_("from"), null=True, blank=True)  # None: all time
    period_end = models.DateField(_("to"))  # inclusive, in Asia/Almaty
    as_of = models.DateTimeField(_("as of"))
    min_cases = models.PositiveIntegerField(_("minimum questions to show a rate"))
    reopen_days = models.PositiveIntegerField(_("days within which an appeal reopens"))

    class Meta:
        verbose_name = _("meetings' figures snapshot")
        verbose_name_plural = _("meetings' figures snapshots")
        indexes = [
            models.Index(fields=["period", "-as_of"], name="reception_snapshot_latest_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.period} {self.as_of:%Y-%m-%d %H:%M}"


class ReceptionFigure(models.Model):
    """The counts of one body, region or official in a snapshot; rates are derived from
    them with their intervals (receptions/figures.py), never stored apart."""

    snapshot = models.ForeignKey(
        ReceptionSnapshot, on_delete=models.CASCADE, related_name="figures",
        verbose_name=_("snapshot"),
    )  # fmt: skip
    level = models.CharField(_("level"), max_length=8, choices=FigureLevel)
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, null=True, blank=True, db_index=False,
        related_name="+", verbose_name=pgettext_lazy("state body", "body"),
    )  # fmt: skip
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, null=True, blank=True, db_index=False,
        related_name="+", verbose_name=_("region"),
    )  # fmt: skip
    official_name = models.CharField(_("official's name"), max_length=200, blank=True)
    official_post = models.CharField(_("official's post"), max_length=200, blank=True)
    meetings_planned = models.PositiveIntegerField(default=0)
    meetings_held = models.PositiveIntegerField(default=0)
    meetings_not_held = models.PositiveIntegerField(default=0)
    questions = models.PositiveIntegerField(default=0)
    resolved = models.PositiveIntegerField(default=0)
    explained = models.PositiveIntegerField(default=0)
    control = models.PositiveIntegerField(default=0)
    control_closed = models.PositiveIntegerField(default=0)
    control_on_time = models.PositiveIntegerField(default=0)
    forwarded = models.PositiveIntegerField(default=0)
    reopened = models.PositiveIntegerField(default=0)
    rated = models.PositiveIntegerField(default=0)
    dissatisfied = models.PositiveIntegerField(default=0)
    rank = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = _("meetings' figures")
        verbose_name_plural = _("meetings' figures")
        indexes = [
            models.Index(fields=["snapshot", "level", "rank"], name="reception_figure_level_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.snapshot_id} {self.level} {self.agency_id or self.region_id or ''}"
