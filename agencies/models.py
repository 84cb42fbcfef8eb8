from __future__ import annotations

from django.db import models
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _


class TrilingualName(models.Model):
    """Names in the three languages of the portal, shown in the reader's language."""

    name_ru = models.CharField(_("name (Russian)"), max_length=300)
    name_kk = models.CharField(_("name (Kazakh)"), max_length=300)
    name_en = models.CharField(_("name (English)"), max_length=300)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        language = (get_language() or "ru")[:2]
        return str(getattr(self, f"name_{language}", "") or self.name_ru)


class Region(TrilingualName):
    """An oblast or a city of republican significance, keyed by its ISO 3166-2 code."""

    class Kind(models.TextChoices):
        OBLAST = "oblast", _("Oblast")
        CITY = "city", _("City of republican significance")

    code = models.CharField(_("ISO code"), max_length=5, unique=True)
    kind = models.CharField(_("kind"), max_length=6, choices=Kind)

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["code"]


class Agency(TrilingualName):
    """A state body that receives appeals. Agencies form a tree (ministry → committee → …)."""

    class Kind(models.TextChoices):
        # Above the ministries and the regional akimats: where complaints about them go.
        GOVERNMENT = "government", _("The Government")
        MINISTRY = "ministry", _("Ministry")
        CENTRAL = "central", _("Other central body")
        AKIMAT = "akimat", _("Akimat of a region or city")
        LOCAL = "local", _("Local executive body")
        # A local representative body: it receives petitions (petitions/), not appeals.
        MASLIKHAT = "maslikhat", _("Maslikhat")

    code = models.SlugField(_("code"), max_length=60, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind)
    abbreviation = models.CharField(_("abbreviation (Russian)"), max_length=60, blank=True)
    # The body in charts and on the tile map of the rankings, in each language; empty: its name.
    short_name_ru = models.CharField(_("short name (Russian)"), max_length=40, blank=True)
    short_name_kk = models.CharField(_("short name (Kazakh)"), max_length=40, blank=True)
    short_name_en = models.CharField(_("short name (English)"), max_length=40, blank=True)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent body"),
    )
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agencies",
        verbose_name=_("region"),
    )
    # Abolished bodies stay for history: their appeals and rankings keep pointing at them.
    is_active = models.BooleanField(pgettext_lazy("state body", "active"), default=True)

    class Meta:
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        ordering = ["code"]
        indexes = [
            # Routing's "the akimat of this region" lookup.
            models.Index(fields=["region", "kind"], name="agency_region_kind_idx"),
        ]

    @property
    def short_name(self) -> str:
        """The short name in the reader's language, else the name (never another language)."""
        language = (get_language() or "ru")[:2]
        return str(getattr(self, f"short_name_{language}", "") or self.name)


class Category(TrilingualName):
    """A topic of appeals, two levels deep, that knows whether it is usually a local matter."""

    class Jurisdiction(models.TextChoices):
        LOCAL = "local", _("Local: the akimat of the appeal's region")
        CENTRAL = "central", _("Central: a named ministry or central body")

    code = models.SlugField(_("code"), max_length=80, unique=True)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent category"),
    )
    jurisdiction = models.CharField(_("jurisdiction"), max_length=7, choices=Jurisdiction)
    central_agency = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("competent central body"),
        help_text=_("Required for central matters."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_active = models.BooleanField(pgettext_lazy("in force", "active"), default=True)

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["position", "code"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(jurisdiction="local") | models.Q(central_agency__isnull=False),
                name="category_central_needs_agency",
            ),
        ]


class RoutingRule(models.Model):
    """An admin's exception to a category's usual routing, for one region or for all."""

    category = models.ForeignKey(
        Category, on_delete=models.CASCADE, related_name="routing_rules", verbose_name=_("category")
    )
    region = models.ForeignKey(
        Region,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="routing_rules",
        verbose_name=_("region"),
        help_text=_("Leave empty to apply in every region."),
    )
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="+", verbose_name=_("competent agency")
    )
    note = models.CharField(_("why"), max_length=300, blank=True)
    is_active = models.BooleanField(pgettext_lazy("in force", "active"), default=True)

    class Meta:
        verbose_name = _("routing rule")
        verbose_name_plural = _("routing rules")
        constraints = [
            models.UniqueConstraint(
                fields=["category", "region"], name="routing_rule_unique_category_region"
            ),
            # UNIQUE treats NULLs as distinct, so "every region" needs its own constraint.
            models.UniqueConstraint(
                fields=["category"],
                condition=models.Q(region__isnull=True),
                name="routing_rule_unique_category_everywhere",
            ),
        ]

    def __str__(self) -> str:
        where = self.region.name if self.region else _("every region")
        return f"{self.category} / {where} → {self.agency}"


class CalendarDay(models.Model):
    """A government decision that changes the working calendar for one date.

    Kazakhstan's statutory holidays come from the `holidays` package; this table holds
    what it cannot know: extra days off and weekend days made working (transfers).
    """

    class Kind(models.TextChoices):
        DAY_OFF = "day_off", _("Day off")
        WORKING_DAY = "working_day", _("Working day")

    date = models.DateField(_("date"), unique=True)
    kind = models.CharField(_("kind"), max_length=11, choices=Kind)
    note = models.CharField(
        pgettext_lazy("calendar exception", "reason"), max_length=300, blank=True
    )

    class Meta:
        verbose_name = _("calendar exception")
        verbose_name_plural = _("calendar exceptions")
        ordering = ["-date"]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.get_kind_display()}"


class AppealType(TrilingualName):
    """Application, request, proposal, response, message, complaint: data, not code."""

    code = models.SlugField(_("code"), max_length=20, unique=True)
    prefix = models.CharField(
        _("reference prefix"), max_length=4, unique=True, help_text=_("For example ЖТ.")
    )
    deadline_working_days = models.PositiveSmallIntegerField(_("deadline, working days"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        db_table = "appeals_appealtype"  # made with the appeals (appeals/0001)
        verbose_name = _("appeal type")
        verbose_name_plural = _("appeal types")
        ordering = ["position"]
