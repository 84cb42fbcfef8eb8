"""Loads the shipped reference data (`reference_data.py`) into the database.

Idempotent: a row is found by its stable code and created when missing. Rows that
exist are left as the admins edited them (only empty short names are filled), unless
`update=True` asks to restore the shipped names and links.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Any, TypeVar

from django.db import models, transaction

from agencies import reference_data as data
from agencies.models import Agency, AppealType, Category, Region
from agencies.reference_types import CategoryData, Names

Model = TypeVar("Model", bound=models.Model)


def _names(names: Names, prefix: str = "name") -> dict[str, str]:
    return {f"{prefix}_ru": names.ru, f"{prefix}_kk": names.kk, f"{prefix}_en": names.en}


# Filled where empty on rows that already exist too: added after the first loads.
FILLED_WHEN_EMPTY = ("short_name_ru", "short_name_kk", "short_name_en")


def akimat_code(region_code: str) -> str:
    return f"akimat-{region_code.lower()}"


class ReferenceLoader:
    def __init__(self, *, update: bool) -> None:
        self.update = update
        self.created: Counter[str] = Counter()
        self.updated: Counter[str] = Counter()

    def put(self, model: type[Model], code: str, fields: Mapping[str, Any]) -> Model:
        label = str(model._meta.verbose_name_plural)
        if self.update:
            row, created = model._default_manager.update_or_create(code=code, defaults=fields)
            self.updated[label] += not created
        else:
            row, created = model._default_manager.get_or_create(code=code, defaults=fields)
            empty = {
                name: fields[name]
                for name in FILLED_WHEN_EMPTY
                if name in fields and not getattr(row, name)
            }
            if empty and not created:
                model._default_manager.filter(pk=row.pk).update(**empty)
                for name, value in empty.items():
                    setattr(row, name, value)
                self.updated[label] += 1
        self.created[label] += created
        return row

    def load(self) -> None:
        regions = {
            region.code: self.put(Region, region.code, {"kind": region.kind, **_names(region.name)})
            for region in data.REGIONS
        }
        government = self.put(Agency, data.GOVERNMENT.code, {
            "kind": Agency.Kind.GOVERNMENT, "abbreviation": data.GOVERNMENT.abbreviation,
            "parent": None, **_names(data.GOVERNMENT.name),
        })  # fmt: skip
        akimats = self._put_akimats(regions, government)
        for body in data.LOCAL_BODIES:
            fields = {
                "kind": Agency.Kind.LOCAL,
                "abbreviation": body.abbreviation,
                "region": regions[body.region],
                "parent": akimats[body.region],
                **_names(body.name),
            }
            self.put(Agency, body.code, fields)
        ministries = self._put_ministries(government)
        for position, category in enumerate(data.CATEGORIES):
            parent = self._put_category(category, None, ministries, position)
            for child_position, child in enumerate(category.children):
                self._put_category(child, parent, ministries, child_position)
        for position, kind in enumerate(data.APPEAL_TYPES):
            fields = {
                "prefix": kind.prefix,
                "deadline_working_days": kind.deadline_working_days,
                "position": position,
                **_names(kind.name),
            }
            self.put(AppealType, kind.code, fields)

    def _put_akimats(self, regions: Mapping[str, Region], above: Agency) -> dict[str, Agency]:
        """Each region's akimat, by the region's code."""
        return {
            region.code: self.put(
                Agency,
                akimat_code(region.code),
                {
                    "kind": Agency.Kind.AKIMAT,
                    "abbreviation": region.akimat_abbreviation,
                    "region": regions[region.code],
                    "parent": above,
                    **_names(region.akimat),
                    **_names(region.short, "short_name"),
                },
            )
            for region in data.REGIONS
        }

    def _put_ministries(self, above: Agency) -> dict[str, Agency]:
        return {
            ministry.code: self.put(
                Agency,
                ministry.code,
                {
                    "kind": Agency.Kind.MINISTRY,
                    "abbreviation": ministry.abbreviation,
                    "is_active": ministry.is_active,
                    "parent": above,
                    **_names(ministry.name),
                    **_names(ministry.short, "short_name"),
                },
            )
            for ministry in data.MINISTRIES
        }

    def _put_category(
        self,
        category: CategoryData,
        parent: Category | None,
        ministries: Mapping[str, Agency],
        position: int,
    ) -> Category:
        fields = {
            "parent": parent,
            "jurisdiction": category.jurisdiction,
            "central_agency": ministries[category.ministry] if category.ministry else None,
            "position": position,
            **_names(category.name),
        }
        return self.put(Category, category.code, fields)


def reference_load(*, update: bool = False) -> ReferenceLoader:
    """Load or restore the reference data in one transaction; returns the counts."""
    loader = ReferenceLoader(update=update)
    with transaction.atomic():
        loader.load()
    return loader
