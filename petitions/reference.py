"""Loads the law's rules (reference_data.py) into the admin-editable tables: missing rows
are added; with `update`, shipped rows are put back as shipped (an administrator's own rows
stay)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from agencies.models import Agency, Region
from petitions import reference_data as data
from petitions.models import ExcludedSubject, PetitionLevel, PetitionRules, RegionPopulation


@dataclass
class Loaded:
    levels: int = 0
    subjects: int = 0
    populations: int = 0


def _names(names: data.Names) -> dict[str, str]:
    return {"name_ru": names.ru, "name_kk": names.kk, "name_en": names.en}


def _put(model, lookup: dict, fields: dict, *, update: bool) -> bool:  # type: ignore[no-untyped-def]
    if update:
        _row, created = model.objects.update_or_create(**lookup, defaults=fields)
    else:
        _row, created = model.objects.get_or_create(**lookup, defaults=fields)
    return bool(created or update)


@transaction.atomic
def petition_rules_load(*, update: bool = False) -> Loaded:
    loaded = Loaded()
    rules = {
        "listed_from": data.LISTED_FROM,
        "admissibility_working_days": data.ADMISSIBILITY_WORKING_DAYS,
        "moderating_body": Agency.objects.filter(code=data.MODERATING_BODY).first(),
        "legal_basis": data.LAW,
    }
    _put(PetitionRules, {"pk": 1}, rules, update=update)
    for position, level in enumerate(data.LEVELS):
        fields = {
            **_names(level.name), "agency_kind": level.agency_kind, "top_level": level.top_level,
            "threshold_count": level.threshold_count,
            "threshold_percent": level.threshold_percent,
            "collection_months": level.collection_months,
            "answer_working_days": level.answer_working_days,
            "legal_basis": level.legal_basis, "position": position, "is_active": True,
        }  # fmt: skip
        loaded.levels += _put(PetitionLevel, {"code": level.code}, fields, update=update)
    for position, subject in enumerate(data.EXCLUDED_SUBJECTS):
        fields = {**_names(subject.name), "legal_basis": data.LAW, "position": position}
        loaded.subjects += _put(ExcludedSubject, {"code": subject.code}, fields, update=update)
    for region in Region.objects.filter(code__in=data.POPULATION):
        counted: dict[str, object] = {
            "population": data.POPULATION[region.code], "as_of": data.POPULATION_AS_OF,
            "source": data.POPULATION_SOURCE,
        }  # fmt: skip
        loaded.populations += _put(RegionPopulation, {"region": region}, counted, update=update)
    return loaded
