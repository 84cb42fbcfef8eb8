from __future__ import annotations

from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils.translation import gettext_lazy as _


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
    # The problem map's cells with fewer ratings are greyed (methodology 3; None before).
    map_min_cases = models.PositiveIntegerField(
        _("minimum ratings to colour a map cell"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("ranking snapshot")
        verbose_name_plural = _("ranking snapshots")
        indexes = [
            # "The latest snapshot of this scope and period", and a scope's history for trends.
            models.Index(fields=["scope", "period", "-as_of"], name="snapshot_latest_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.scope} {self.period} {self.as_of:%Y-%m-%d %H:%M}"

    @property
    def methodology(self) -> int:
        """The methodology's number: from 3, terminations, complaints, returned forwards
        and formal replies are figures of their own (docs/rankings.md)."""
        return int(self.methodology_version)


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
    answered = models.PositiveIntegerField()  # methodology < 3: with the terminated
    answer_rate = models.FloatField(null=True)
    answer_rate_low = models.FloatField(null=True)
    answer_rate_high = models.FloatField(null=True)
    # From methodology 3; None in older snapshots, which did not count them apart.
    terminated = models.PositiveIntegerField(null=True)
    termination_rate = models.FloatField(null=True)
    termination_rate_low = models.FloatField(null=True)
    termination_rate_high = models.FloatField(null=True)
    answered_on_time = models.PositiveIntegerField()
    on_time_rate = models.FloatField(null=True)
    on_time_rate_low = models.FloatField(null=True)
    on_time_rate_high = models.FloatField(null=True)
    overdue_open = models.PositiveIntegerField()
    complained = models.PositiveIntegerField(null=True)
    complaint_rate = models.FloatField(null=True)
    complaint_rate_low = models.FloatField(null=True)
    complaint_rate_high = models.FloatField(null=True)
    overturned = models.PositiveIntegerField(null=True)
    overturn_rate = models.FloatField(null=True)
    overturn_rate_low = models.FloatField(null=True)
    overturn_rate_high = models.FloatField(null=True)
    returned_forwards = models.PositiveIntegerField(null=True)
    rated = models.PositiveIntegerField()
    dissatisfied = models.PositiveIntegerField()
    formal = models.PositiveIntegerField(null=True)
    dissatisfaction_rate = models.FloatField(null=True)
    dissatisfaction_rate_low = models.FloatField(null=True)
    dissatisfaction_rate_high = models.FloatField(null=True)
    formal_rate = models.FloatField(null=True)
    formal_rate_low = models.FloatField(null=True)
    formal_rate_high = models.FloatField(null=True)
    # From methodology 4: answers on the merits sent over a warning of the answer check.
    warned = models.PositiveIntegerField(null=True)
    warned_rate = models.FloatField(null=True)
    warned_rate_low = models.FloatField(null=True)
    warned_rate_high = models.FloatField(null=True)
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

    # Written only with their snapshot, from tallies of existing agencies and categories
    # (never deleted), and deleted with it by Django: no key check in the database, which
    # would cost a lookup and a row lock per row at commit (docs/rankings.md). The
    # snapshot's own index is category_row_idx.
    snapshot = models.ForeignKey(
        RankingSnapshot,
        on_delete=models.CASCADE,
        related_name="category_rows",
        db_constraint=False,
        db_index=False,
    )
    agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.PROTECT, related_name="+", db_constraint=False
    )
    category = models.ForeignKey(
        "agencies.Category", on_delete=models.PROTECT, related_name="+", db_constraint=False
    )
    received = models.PositiveIntegerField()
    rated = models.PositiveIntegerField()
    dissatisfied = models.PositiveIntegerField()

    class Meta:
        indexes = [models.Index(fields=["snapshot", "agency"], name="category_row_idx")]

    def __str__(self) -> str:
        return f"{self.snapshot_id}/{self.agency_id}/{self.category_id}"


class ProblemCell(models.Model):
    """The problem map: appeals about one category from one region, and their dissatisfaction."""

    # No key check in the database, as for CategoryRow.
    snapshot = models.ForeignKey(
        RankingSnapshot, on_delete=models.CASCADE, related_name="problem_cells", db_constraint=False
    )
    region = models.ForeignKey(
        "agencies.Region", on_delete=models.PROTECT, related_name="+", db_constraint=False
    )
    category = models.ForeignKey(
        "agencies.Category", on_delete=models.PROTECT, related_name="+", db_constraint=False
    )
    received = models.PositiveIntegerField()
    rated = models.PositiveIntegerField()
    dissatisfied = models.PositiveIntegerField()

    def __str__(self) -> str:
        return f"{self.snapshot_id}/{self.region_id}/{self.category_id}"


# --- Tallies behind the rankings (docs/rankings.md): maintained in SQL, never by hand. ---


class Grain(models.TextChoices):
    """A tally row counts the appeals received on one day, in one month, in one year or
    on any day (its `day` then date.min)."""

    DAY = "day", _("day")
    MONTH = "month", _("month")
    YEAR = "year", _("year")
    ALL = "all", _("All time")


class CountedForwards(models.Model):
    """What the tallies count of one forwarded appeal's moves, as last counted.

    Forward events are only ever added, so an appeal's forwards change only when one is
    logged (or its category or receipt day moves): then the refresh counts them again and
    adds the difference. `day` is the receipt day in Asia/Almaty, `category_id` the
    top-level category; the arrays, the units it was forwarded from (late_from: late) and
    to, moves within one unit left out; returned_from: the units that sent it back to a
    body it had already left. Appeals never forwarded have no row.
    """

    appeal_id = models.BigIntegerField(primary_key=True)
    day = models.DateField()
    category_id = models.BigIntegerField()  # top-level
    forwarded_from = ArrayField(models.BigIntegerField(), null=True)
    late_from = ArrayField(models.BigIntegerField(), null=True)
    returned_from = ArrayField(models.BigIntegerField(), null=True)
    forwarded_to = ArrayField(models.BigIntegerField(), null=True)

    def __str__(self) -> str:
        return f"{self.appeal_id}: {self.forwarded_from} → {self.forwarded_to}"


class UnitTally(models.Model):
    """A ranked unit's appeals of one top-level category received in a grain's span.

    `day` is the span's first day. The forward counts are distinct appeals counted for
    the unit they left (out, late, returned) or reached (in); the others for the unit
    responsible.
    """

    grain = models.CharField(max_length=5, choices=Grain)
    day = models.DateField()
    unit_id = models.BigIntegerField()
    category_id = models.BigIntegerField()
    received = models.IntegerField()
    withdrawn = models.IntegerField()
    answered = models.IntegerField()
    terminated = models.IntegerField(db_default=0)
    answered_on_time = models.IntegerField()
    complained = models.IntegerField(db_default=0)
    complained_open = models.IntegerField(db_default=0)
    overturned = models.IntegerField(db_default=0)
    rated = models.IntegerField()
    dissatisfied = models.IntegerField()
    formal = models.IntegerField(db_default=0)
    forwarded_out = models.IntegerField()
    forwarded_in = models.IntegerField()
    late_forwards = models.IntegerField()
    returned_forwards = models.IntegerField(db_default=0)
    open = models.IntegerField(default=0)  # still open now, past the deadline or not
    warned = models.IntegerField(db_default=0)  # answered over a warning of the answer check

    class Meta:
        constraints = [
            # The refresh adds to a row by this key; a period reads (grain, day) ranges.
            models.UniqueConstraint(
                fields=["grain", "day", "unit_id", "category_id"], name="unit_tally_key"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.grain} {self.day} {self.unit_id}/{self.category_id}"


class MapTally(models.Model):
    """Every appeal from one region about one top-level category, for the problem map."""

    grain = models.CharField(max_length=5, choices=Grain)
    day = models.DateField()
    region_id = models.BigIntegerField()
    category_id = models.BigIntegerField()
    received = models.IntegerField()
    rated = models.IntegerField()
    dissatisfied = models.IntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["grain", "day", "region_id", "category_id"], name="map_tally_key"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.grain} {self.day} {self.region_id}/{self.category_id}"


class AnswerDays(models.Model):
    """How many of a unit's appeals received in a grain's span took `days` whole days to
    answer: the histogram behind the grouped median."""

    grain = models.CharField(max_length=5, choices=Grain)
    day = models.DateField()
    unit_id = models.BigIntegerField()
    days = models.IntegerField()
    answers = models.IntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["grain", "day", "unit_id", "days"], name="answer_days_key"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.grain} {self.day} {self.unit_id}: {self.days} d × {self.answers}"


class DueTally(models.Model):
    """A ranked unit's open appeals received on `day` that fall due on `due_day` (both in
    Asia/Almaty), of every day: what is not yet overdue at a moment is read from the rows
    due after that day, a few thousand (ratings.sums.not_yet_due)."""

    day = models.DateField()
    unit_id = models.BigIntegerField()
    due_day = models.DateField()
    open = models.IntegerField()

    class Meta:
        constraints = [
            # The refresh adds to a row by this key; the count reads the days due after one.
            models.UniqueConstraint(fields=["due_day", "day", "unit_id"], name="due_tally_key"),
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.unit_id}: due {self.due_day} × {self.open}"


class TallyDelta(models.Model):
    """A signed change of one appeal's part of the tallies, written by the triggers of
    ratings/sql/tallies.sql as the change is made: -1 for the part before, +1 after.

    Agency and category are kept as written; the refresh maps them to ranked units and
    top-level categories (a change of either tree rebuilds everything). The part's flags
    are the bits of `flags` (ratings.tallies.sql.PART_FLAGS); a rating's own change has
    only its own (rated, dissatisfied, formal), not received.
    """

    appeal_id = models.BigIntegerField()
    sign = models.SmallIntegerField()
    day = models.DateField()
    agency_id = models.BigIntegerField()
    category_id = models.BigIntegerField()
    region_id = models.BigIntegerField(null=True)
    flags = models.IntegerField()
    days = models.IntegerField(null=True)
    due_day = models.DateField(null=True)  # of an open appeal

    def __str__(self) -> str:
        return f"{self.sign:+d} {self.appeal_id}"


class DirtyAppeal(models.Model):
    """An appeal whose forwards the refresh counts again: a forward was written, or its
    category or receipt day changed (ratings/sql/tallies.sql). An append-only log, no unique
    key, on purpose (docs/rankings.md)."""

    appeal_id = models.BigIntegerField()

    def __str__(self) -> str:
        return str(self.appeal_id)


class TallyState(models.Model):
    """One row: the agency and category trees the tallies were built with, as a hash."""

    shape = models.CharField(max_length=64)
    built_at = models.DateTimeField()
    appeals = models.BigIntegerField(default=0)  # counted by that rebuild
    # Changes counted that the scheduled snapshots do not show yet: a run with none, on the
    # same day, publishes nothing (ratings.snapshots.periods_publish).
    unpublished = models.BooleanField(default=True)

    def __str__(self) -> str:
        return f"{self.shape[:12]} {self.built_at:%Y-%m-%d %H:%M}"
