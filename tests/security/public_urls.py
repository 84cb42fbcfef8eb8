"""The addresses the public-PII scan (test_public_pii.py) reads for each public route."""

from __future__ import annotations

from collections.abc import Callable

from agencies.models import Agency, Category, Region
from ratings.models import Period, RankingSnapshot, Scope
from ratings.selectors import SORTS

Urls = Callable[[list[RankingSnapshot]], list[str]]


def rankings_urls(_: list[RankingSnapshot]) -> list[str]:
    return [f"/ratings/?period={p}&sort={s}" for p in Period.values for s in [*SORTS, "nonsense"]]


def agency_urls(_: list[RankingSnapshot]) -> list[str]:
    ranked = Agency.objects.filter(kind__in=[Agency.Kind.AKIMAT, "ministry"]).order_by("code")
    every_agency = [f"/ratings/agency/{agency.code}/" for agency in ranked]
    every_period = [f"/ratings/agency/akimat-kz-75/?period={p}" for p in Period.values]
    return every_agency + every_period


def export_urls(snapshots: list[RankingSnapshot]) -> list[str]:
    return [f"/ratings/snapshots/{s.pk}.{ext}" for s in snapshots for ext in ("csv", "json")]


def map_export_urls(snapshots: list[RankingSnapshot]) -> list[str]:
    return [f"/ratings/snapshots/{s.pk}/map.{ext}" for s in snapshots for ext in ("csv", "json")]


def api_ranking_urls(snapshots: list[RankingSnapshot]) -> list[str]:
    latest = [
        f"/api/v1/rankings/?scope={s}&period={p}" for s in Scope.values for p in Period.values
    ]
    return [*latest, "/api/v1/rankings/", "/api/v1/rankings/?scope=planets"]


def snapshot_list_urls(_: list[RankingSnapshot]) -> list[str]:
    filtered = [f"/api/v1/rankings/snapshots/?scope={s}" for s in Scope.values]
    return ["/api/v1/rankings/snapshots/", "/api/v1/rankings/snapshots/?page_size=200", *filtered]


def routing_urls(_: list[RankingSnapshot]) -> list[str]:
    heating = Category.objects.get(code="housing-heating")
    region = Region.objects.get(code="KZ-75")
    return [
        f"/api/v1/routing/?category={heating.pk}&region=KZ-75",
        f"/appeals/routing/?category={heating.pk}&region={region.pk}",
    ]


def fixed(*urls: str) -> Urls:
    return lambda _: list(urls)


def per_snapshot(template: str) -> Urls:
    return lambda snapshots: [template.format(s.pk) for s in snapshots]
