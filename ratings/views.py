"""The public side of the rankings: no login, no personal data."""

from __future__ import annotations

import csv

from django.conf import settings
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.http import http_date
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from agencies.models import Agency, Category, Region
from appeals.escalation import overdue_by_age
from appeals.topics.accuracy import DAYS as TOPIC_DAYS
from appeals.topics.accuracy import proposal_accuracy_cached
from core.rates import as_spreadsheet_text
from ratings import charts
from ratings.models import CategoryRow, Period, RankingRow, RankingSnapshot, Scope
from ratings.page import RankingTable, chart_titles, percent
from ratings.petitions_block import PetitionBlock
from ratings.problem_map import MAP_COLUMNS, map_cells, map_min_cases, map_snapshot
from ratings.problem_map_body import BodyMap, map_bodies
from ratings.repeats import RepeatTable, repeat_share_of
from ratings.selectors import (
    EXPORT_COLUMNS,
    SORTS,
    export_record,
    snapshot_header,
    snapshot_rows,
)
from ratings.snapshots import latest_snapshot
from ratings.units import unit_map

PUBLIC_PERIODS = [p for p in Period if p != Period.CUSTOM]
TREND_POINTS = 60


def _period(request: HttpRequest) -> str:
    period = request.GET.get("period", Period.LAST_30_DAYS)
    return period if period in Period.values else Period.LAST_30_DAYS


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
        "petitions": PetitionBlock(period),  # counted only when its fragment is not cached
    }
    context["repeats"] = [
        RepeatTable(str(t.scope.label), t.snapshot, t.version)
        for t in context["tables"]
        if t.snapshot
    ]
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
        titles = chart_titles()
        fields = ["answer_rate", "dissatisfaction_rate"]
        if any(row.snapshot.methodology >= 3 for row in history):
            fields += ["termination_rate", "overturn_rate", "formal_rate"]
        if any(row.snapshot.methodology >= 4 for row in history):
            fields += ["warned_rate"]
        chart = charts.trend(
            _("Over time"),
            [timezone.localtime(row.snapshot.as_of).strftime("%d.%m %H:%M") for row in history],
            {titles[field]: [_trend_point(row, field) for row in history] for field in fields},
        )
        cache.set(key, chart, settings.RANKINGS_PAGE_CACHE_SECONDS)
    return str(chart)


def _trend_point(row: RankingRow, field: str) -> float | None:
    """A rate in percent; none where its snapshot did not publish it (a gap in the line)."""
    value = getattr(row, field)
    return None if value is None and row.snapshot.methodology < 3 else percent(value)


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
        "overdue_by_age": overdue_by_age(_unit_agencies(agency), timezone.now()),
        "repeats": repeat_share_of(latest.snapshot if latest else None, agency),
    }
    return render(request, "ratings/agency.html", context)


def _unit_agencies(unit: Agency) -> list[int]:
    """The agencies counted for this ranked body: itself and the bodies below it."""
    return [agency for agency, counted_for in unit_map().items() if counted_for == unit.pk]


@require_GET
def problem_map(request: HttpRequest) -> HttpResponse:
    period = _period(request)
    snapshot = latest_snapshot(Scope.AKIMATS, period)
    bodies = map_bodies()
    body = next((b for b in bodies if b.code == request.GET.get("body")), None)
    context: dict[str, object] = {
        "snapshot": snapshot,
        "period": period,
        "periods": PUBLIC_PERIODS,
        "bodies": bodies,
        "body": body,
        "min_cases": snapshot.map_min_cases if snapshot else None,
    }
    if snapshot is not None and body is not None:
        body_map = BodyMap(body, snapshot)
        context |= {"topics": body_map.topics(), "localities": body_map.localities()}
        return render(request, "ratings/map.html", context)
    cells = map_cells(snapshot)
    by_key = {(cell.cell.region_id, cell.cell.category_id): cell for cell in cells}
    categories = list(Category.objects.filter(parent__isnull=True).order_by("position"))
    regions = list(Region.objects.order_by("code"))
    context |= {
        "categories": categories,
        "grid": [
            (region, [(c, by_key.get((region.pk, c.pk))) for c in categories]) for region in regions
        ],
        "cells": cells,
        "most": max((cell.cell.received for cell in cells), default=0),
    }
    return render(request, "ratings/map.html", context)


@require_GET
def methodology(request: HttpRequest) -> HttpResponse:
    context = {
        "columns": EXPORT_COLUMNS,
        "map_columns": MAP_COLUMNS,
        "min_cases": settings.RANKINGS_MIN_CASES,
        "map_min_cases": map_min_cases(),
        "topics": proposal_accuracy_cached(),
        "topic_days": TOPIC_DAYS,
    }
    return render(request, "ratings/methodology.html", context)


@require_GET
def snapshot_export(request: HttpRequest, pk: int, extension: str) -> HttpResponse:
    snapshot = get_object_or_404(RankingSnapshot, pk=pk)
    records = [export_record(row) for row in snapshot_rows(snapshot)]
    name = f"otinish-rankings-{snapshot.scope}-{snapshot.period}-{snapshot.pk}{_stamp(snapshot)}"
    return _export(snapshot, "rows", records, EXPORT_COLUMNS, f"{name}.{extension}")


@require_GET
def problem_map_export(request: HttpRequest, pk: int, extension: str) -> HttpResponse:
    """The problem map published with a snapshot, as CSV or JSON."""
    snapshot = get_object_or_404(RankingSnapshot, pk=pk)
    holder = map_snapshot(snapshot)
    if holder is None:
        raise Http404
    records = [cell.record() for cell in map_cells(holder)]
    name = f"otinish-problem-map-{snapshot.period}-{holder.pk}{_stamp(snapshot)}"
    return _export(snapshot, "cells", records, MAP_COLUMNS, f"{name}.{extension}")


def _stamp(snapshot: RankingSnapshot) -> str:
    """The snapshot's moment in a file's name, to the second in the site's time zone."""
    return f"-{timezone.localtime(snapshot.as_of):%Y%m%d-%H%M%S}"


def _export(
    snapshot: RankingSnapshot,
    key: str,
    records: list[dict[str, object]],
    columns: tuple[str, ...],
    filename: str,
) -> HttpResponse:
    """Records as JSON (with the snapshot's header) or CSV, by the filename's extension."""
    if filename.endswith(".json"):
        response: HttpResponse = JsonResponse(
            {"snapshot": snapshot_header(snapshot), key: records},
            json_dumps_params={"ensure_ascii": False},
        )
    elif filename.endswith(".csv"):
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response.write("\ufeff")  # a byte-order mark, so spreadsheet programs read UTF-8
        writer = csv.DictWriter(response, fieldnames=list(columns))
        writer.writeheader()
        writer.writerows({k: as_spreadsheet_text(v) for k, v in r.items()} for r in records)
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Last-Modified"] = http_date(snapshot.as_of.timestamp())
    return response
