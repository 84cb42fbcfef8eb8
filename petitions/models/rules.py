"""The law's rules for petitions as reference data an administrator can change: the
addressees' thresholds and periods, the subjects a petition may not touch, and the regional
populations the percentage thresholds are counted from (docs/petitions.md, "The law")."""

from __future__ import annotations

import math

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from agencies.models import Agency, Region, TrilingualName


class PetitionRules(models.Model):
    """The rules that hold for every petition: one row (pk 1), edited in the admin."""

    # Below this many signatures a published petition is reachable only by its link.
    listed_from = models.PositiveIntegerField(_("listed from, signatures"), default=50)
    admissibility_working_days = models.PositiveSmallIntegerField(
        _("admissibility check, working days"), default=20
    )
    # The authorised body whose moderators check admissibility.
    moderating_body = models.ForeignKey(
        Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("moderating body"),
    )  # fmt: skip
    legal_basis = models.TextField(_("legal basis"), blank=True)

    class Meta:
        verbose_name = _("petition rules")
        verbose_name_plural = _("petition rules")
        constraints = [models.CheckConstraint(condition=models.Q(pk=1), name="petition_rules_one")]

    def __str__(self) -> str:
        return str(_("Petition rules"))


class PetitionLevel(TrilingualName):
    """An addressee's level: whose bodies it covers, how many signatures a petition to them
    needs in how long, and how many working days they have to answer."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    agency_kind = models.CharField(_("kind of body"), max_length=10, choices=Agency.Kind)
    # True: bodies at the top of their tree (no parent, or the Government above them); False:
    # bodies below another; empty: either.
    top_level = models.BooleanField(_("top-level bodies"), null=True, blank=True)
    threshold_count = models.PositiveIntegerField(_("signatures needed"), null=True, blank=True)
    threshold_percent = models.DecimalField(
        _("signatures needed, percent of the region's population"),
        max_digits=5, decimal_places=2, null=True, blank=True,
    )  # fmt: skip
    collection_months = models.PositiveSmallIntegerField(_("collection period, months"))
    answer_working_days = models.PositiveSmallIntegerField(_("answer within, working days"))
    legal_basis = models.TextField(_("legal basis"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_active = models.BooleanField(pgettext_lazy("in force", "active"), default=True)

    class Meta:
        verbose_name = _("petition level")
        verbose_name_plural = _("petition levels")
        ordering = ["position", "code"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(threshold_count__isnull=False, threshold_percent__isnull=True)
                | models.Q(threshold_count__isnull=True, threshold_percent__isnull=False),
                name="petition_level_one_threshold",
            ),
        ]

    def threshold_in(self, region: Region | None) -> int | None:
        """Signatures a petition to a body of this level in `region` needs; None when a
        percentage has no population to count from."""
        if self.threshold_count is not None:
            return self.threshold_count
        population = getattr(region, "petition_population", None) if region else None
        if population is None or self.threshold_percent is None:
            return None
        return math.ceil(population.population * self.threshold_percent / 100)


class ExcludedSubject(TrilingualName):
    """A kind of subject the law puts outside petitions; the filer confirms his is none."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    legal_basis = models.CharField(_("legal basis"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_active = models.BooleanField(pgettext_lazy("in force", "active"), default=True)

    class Meta:
        verbose_name = _("excluded subject")
        verbose_name_plural = _("excluded subjects")
        ordering = ["position", "code"]


class RegionPopulation(models.Model):
    """A region's population, which the percentage thresholds are counted from."""

    region = models.OneToOneField(
        Region, on_delete=models.PROTECT, related_name="petition_population",
        verbose_name=_("region"),
    )  # fmt: skip
    population = models.PositiveIntegerField(_("population"))
    as_of = models.DateField(_("as of"))
    source = models.CharField(_("source"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("region's population")
        verbose_name_plural = _("regions' populations")

    def __str__(self) -> str:
        return f"{self.region}: {self.population}"
