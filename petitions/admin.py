"""The law's rules for petitions, edited by an administrator: the one row of general rules,
the addressees' levels, the excluded subjects and the regions' populations. Petitions
themselves change only through their services: here they are read."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.template.defaultfilters import truncatechars
from django.utils.translation import gettext_lazy as _

from petitions.models import (
    ExcludedSubject,
    Petition,
    PetitionLevel,
    PetitionRules,
    RegionPopulation,
)

NAME_FIELDS = ("name_ru", "name_kk", "name_en")


@admin.display(description=_("legal basis"))
def basis(row: Any) -> str:
    return truncatechars(row.legal_basis, 80)


@admin.register(PetitionRules)
class PetitionRulesAdmin(admin.ModelAdmin[PetitionRules]):
    list_display = (
        "__str__",
        "listed_from",
        "admissibility_working_days",
        "moderating_body",
        basis,
    )
    list_select_related = ("moderating_body",)
    autocomplete_fields = ("moderating_body",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        # One row (pk 1): added once, then edited.
        return super().has_add_permission(request) and not PetitionRules.objects.exists()

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: PetitionRules, form: Any, change: bool) -> None:
        obj.pk = 1
        super().save_model(request, obj, form, change)


@admin.register(PetitionLevel)
class PetitionLevelAdmin(admin.ModelAdmin[PetitionLevel]):
    list_display = (
        "code", "name_ru", "agency_kind", "top_level", "threshold_count", "threshold_percent",
        "collection_months", "answer_working_days", "is_active", basis,
    )  # fmt: skip
    list_filter = ("agency_kind", "is_active")
    search_fields = ("code", *NAME_FIELDS)
    ordering = ("position", "code")


@admin.register(ExcludedSubject)
class ExcludedSubjectAdmin(admin.ModelAdmin[ExcludedSubject]):
    list_display = ("code", "name_ru", "position", "is_active", basis)
    list_filter = ("is_active",)
    search_fields = ("code", *NAME_FIELDS)
    ordering = ("position", "code")


@admin.register(RegionPopulation)
class RegionPopulationAdmin(admin.ModelAdmin[RegionPopulation]):
    list_display = ("region", "population", "as_of", "source")
    list_select_related = ("region",)
    ordering = ("region__code",)


@admin.register(Petition)
class PetitionAdmin(admin.ModelAdmin[Petition]):
    """Read only: every change is a service's (filing, moderation, signing, answering)."""

    list_display = ("__str__", "status", "addressee", "submitted_at", "signatures_seen")
    list_filter = ("status",)
    list_select_related = ("addressee",)
    search_fields = ("slug", "title")
    show_full_result_count = False

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
