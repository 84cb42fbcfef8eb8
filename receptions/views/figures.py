"""The published figures of meetings: the page, its CSV and JSON exports, and how they are
counted. Public: counts, bodies, regions and officials' names and posts only."""

from __future__ import annotations

import csv

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from core.rates import as_spreadsheet_text
from receptions.figures import latest_figures
from receptions.figures_rows import EXPORT_COLUMNS, RATES, figure_rows, snapshot_header
from receptions.models import FigureLevel, FigurePeriod, ReceptionSnapshot

PUBLIC_PERIODS = [p for p in FigurePeriod if p != FigurePeriod.CUSTOM]


def _choice(request: HttpRequest, name: str, choices: list[str], default: str) -> str:
    value = request.GET.get(name, default)
    return value if value in choices else default


@require_GET
def figures(request: HttpRequest) -> HttpResponse:
    period = _choice(request, "period", FigurePeriod.values, FigurePeriod.LAST_365_DAYS)
    level = _choice(request, "level", FigureLevel.values, FigureLevel.BODY)
    snapshot = latest_figures(period)
    context = {
        "snapshot": snapshot,
        "rows": figure_rows(snapshot, level) if snapshot else [],
        "period": period,
        "periods": PUBLIC_PERIODS,
        "level": level,
        "levels": list(FigureLevel),
    }
    return render(request, "receptions/figures.html", context)


@require_GET
def methodology(request: HttpRequest) -> HttpResponse:
    context = {
        "columns": EXPORT_COLUMNS,
        "rates": RATES,
        "reopen_days": settings.RECEPTIONS_REOPEN_DAYS,
        "min_cases": settings.RECEPTIONS_MIN_CASES,
    }
    return render(request, "receptions/methodology.html", context)


@require_GET
def figures_export(request: HttpRequest, pk: int, extension: str) -> HttpResponse:
    """Every level's rows of a snapshot, as CSV or JSON (columns: EXPORT_COLUMNS)."""
    snapshot = get_object_or_404(ReceptionSnapshot, pk=pk)
    records = [row.record() for row in figure_rows(snapshot)]
    filename = f"otinish-meetings-{snapshot.period}-{snapshot.pk}.{extension}"
    if extension == "json":
        response: HttpResponse = JsonResponse(
            {"snapshot": snapshot_header(snapshot), "rows": records},
            json_dumps_params={"ensure_ascii": False},
        )
    elif extension == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response.write("\ufeff")  # a byte-order mark, so spreadsheet programs read UTF-8
        writer = csv.DictWriter(response, fieldnames=list(EXPORT_COLUMNS))
        writer.writeheader()
        writer.writerows({k: as_spreadsheet_text(v) for k, v in r.items()} for r in records)
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
