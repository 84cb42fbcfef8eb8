"""The public side of the rankings: no login, no personal data."""

from __future__ import annotations

import csv
from functools import cached_property

from django.conf import settings
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from agencies.models import Agency, Category, Region
from ratings import charts
from ratings.models import CategoryRow, Period, ProblemCell, RankingRow, RankingSnapshot, Scope
from ratings.selectors import (
    EXPORT_COLUMNS,
    SORTS,
    export_record,
    snapshot_header,
    snapshot_rows,
)
from ratings.snapshots import latest_snapshot

PUBLIC_PERIODS = [p for p in Period if p != Period.CUSTOM]
TREND_POINTS = 60
# A spreadsheet runs a cell that opens like a formula ("CSV injection"). Agency names are
# free text edited by administrators, so a text cell opening one is kept as text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _as_spreadsheet_text(value: object) -> object:
    return f"'{value}" if isinstance(value, str) and value.startswith(FORMULA_STARTS) else value


def _period(request: HttpRequest) -> str:
    period = request.GET.get("period", Period.LAST_30_DAYS)
    return period if period in Period.values else Period.LAST_30_DAYS


def _percent(value: float | None) -> float:
    return round(100 * (value or 0), 1)


def _bars(rows: list[RankingRow], field: str) -> str:
    title = {"answer_rate": _("Answer rate"), "dissatisfaction_rate": _("Dissatisfaction")}
    bars = [
        (
            row.agency.abbreviation or row.agency.name,
            _percent(getattr(row, field)),
            _percent(getattr(row, f"{field}_low")),
            _percent(getattr(row, f"{field}_high")),
        )
        for row in rows
        if getattr(row, field) is not None
    ]
    return charts.rate_bars(title[field], bars) if bars else ""


class RankingTable:
    """One scope's table and charts, read only when the page's cached fragment is missing:
    a published snapshot never changes, so its rendered HTML is kept (per sort and
    language) instead of drawing the charts again on every request."""

    def __init__(self, scope: Scope, snapshot: RankingSnapshot | None, sort: str) -> None:
        self.scope, self.snapshot, self.sort = scope, snapshot, sort

    @property
    def version(self) -> str:
        """Names the snapshot beyond its id, which a restored database may give again."""
        return f"{self.snapshot.pk}-{self.snapshot.as_of.timestamp()}" if self.snapshot else ""

    @cached_property
    def rows(self) -> list[RankingRow]:
        return list(snapshot_rows(self.snapshot, self.sort)) if self.snapshot else []

    def answer_chart(self) -> str:
        return _bars(self.rows, "answer_rate")

    def dissatisfaction_chart(self) -> str:
        return _bars(self.rows, "dissatisfaction_rate")


@require_GET
def rankings(request: HttpRequest) -> HttpResponse:
    period = _period(request)
    sort = request.GET.get("sort", "rank")
    sort = sort if sort in SORTS else "rank"
    context = {
        "tables": [RankingTable(scope, latest_snapshot(scope, period), sort) for scope in Scope],
        "period": period,
        "periods": PUBLIC_PERIODS,
        "sort": sort,
        "cache_seconds": settings.RANKINGS_PAGE_CACHE_SECONDS,
    }
    return render(request, "ratings/rankings.html", context)


def _trend_chart(agency: Agency, period: str, history: list[RankingRow]) -> str:
    """The agency's figures across its latest snapshots, drawn once for each newest one
    (and language) and then kept in the cache: drawing is most of the page's time."""
    if len(history) < 2:
        return ""
    newest = history[-1].snapshot
    key = (
        f"ratings:trend:{agency.pk}:{period}:{get_language()}"
        f":{newest.pk}-{newest.as_of.timestamp()}"
    )
    chart = cache.get(key)
    if chart is None:
        chart = charts.trend(
            _("Over time"),
            [row.snapshot.as_of.strftime("%d.%m %H:%M") for row in history],
            {
                _("Answer rate"): [_percent(row.answer_rate) for row in history],
                _("Dissatisfaction"): [_percent(row.dissatisfaction_rate) for row in history],
            },
        )
        cache.set(key, chart, settings.RANKINGS_PAGE_CACHE_SECONDS)
    return str(chart)


@require_GET
def agency_page(request: HttpRequest, code: str) -> HttpResponse:
    agency = get_object_or_404(Agency, code=code, kind__in=[Agency.Kind.AKIMAT, "ministry"])
    period = _period(request)
    history = list(
        RankingRow.objects.filter(agency=agency, snapshot__period=period)
        .select_related("snapshot")
        .order_by("-snapshot__as_of")[:TREND_POINTS]
    )[::-1]
    latest = history[-1] if history else None
    trend_chart = _trend_chart(agency, period, history)
    categories = (
        CategoryRow.objects.filter(snapshot=latest.snapshot, agency=agency)
        .select_related("category")
        .order_by("-received")
        if latest
        else CategoryRow.objects.none()
    )
    context = {
        "agency": agency,
        "period": period,
        "periods": PUBLIC_PERIODS,
        "row": latest,
        "history": history,
        "trend_chart": trend_chart,
        "categories": categories,
    }
    return render(request, "ratings/agency.html", context)


@require_GET
def problem_map(request: HttpRequest) -> HttpResponse:
    period = _period(request)
    snapshot = latest_snapshot(Scope.AKIMATS, period)
    cells = (
        ProblemCell.objects.filter(snapshot=snapshot).select_related("region", "category")
        if snapshot
        else ProblemCell.objects.none()
    )
    by_key = {(cell.region_id, cell.category_id): cell for cell in cells}
    categories = list(Category.objects.filter(parent__isnull=True).order_by("position"))
    regions = list(Region.objects.order_by("code"))
    most = max((cell.received for cell in by_key.values()), default=0)
    grid = [
        (region, [(category, by_key.get((region.pk, category.pk))) for category in categories])
        for region in regions
    ]
    context = {
        "snapshot": snapshot,
        "period": period,
        "periods": PUBLIC_PERIODS,
        "categories": categories,
        "grid": grid,
        "cells": sorted(by_key.values(), key=lambda cell: -cell.received),
        "most": most,
    }
    return render(request, "ratings/map.html", context)


@require_GET
def methodology(request: HttpRequest) -> HttpResponse:
    return render(request, "ratings/methodology.html", {"columns": EXPORT_COLUMNS})


@require_GET
def snapshot_export(request: HttpRequest, pk: int, extension: str) -> HttpResponse:
    snapshot = get_object_or_404(RankingSnapshot, pk=pk)
    records = [export_record(row) for row in snapshot_rows(snapshot)]
    name = f"otinish-rankings-{snapshot.scope}-{snapshot.period}-{snapshot.pk}"
    if extension == "json":
        response: HttpResponse = JsonResponse(
            {"snapshot": snapshot_header(snapshot), "rows": records},
            json_dumps_params={"ensure_ascii": False},
        )
    elif extension == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response.write("\ufeff")  # a byte-order mark, so spreadsheet programs read UTF-8
        writer = csv.DictWriter(response, fieldnames=list(records[0]) if records else [])
        writer.writeheader()
        writer.writerows({k: _as_spreadsheet_text(v) for k, v in r.items()} for r in records)
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="{name}.{extension}"'
    return response
