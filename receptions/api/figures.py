"""The published figures of meetings in the API: the latest snapshot of a period, and any
snapshot by id, with their rows. Public, read-only: counts, bodies, regions and officials'
names and posts only (no citizen, no question)."""

from __future__ import annotations

from typing import Any

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from receptions.figures import FIGURE_COUNTS, latest_figures
from receptions.figures_rows import EXPORT_COLUMNS, RATES, figure_rows, snapshot_header
from receptions.models import FigureLevel, FigurePeriod, ReceptionSnapshot

# The periods published on a schedule; custom ones are published as snapshots only.
PUBLISHED = [period for period in FigurePeriod.values if period != FigurePeriod.CUSTOM]
TEXT_COLUMNS = EXPORT_COLUMNS[1 : EXPORT_COLUMNS.index(FIGURE_COUNTS[0])]


def _row_fields() -> dict[str, serializers.Field[Any, Any, Any, Any]]:
    """The export's columns, typed: names and codes, counts, rates with their intervals."""
    fields: dict[str, serializers.Field[Any, Any, Any, Any]] = {
        "level": serializers.ChoiceField(choices=FigureLevel.choices)
    }
    fields |= {name: serializers.CharField(allow_null=True) for name in TEXT_COLUMNS}
    fields |= {name: serializers.IntegerField() for name in FIGURE_COUNTS}
    for name, (successes, total) in RATES.items():
        help_text = f"{successes} ÷ {total}; null below the minimum or with nothing to divide."
        fields[name] = serializers.FloatField(allow_null=True, help_text=help_text)
        for end in ("_low", "_high"):
            fields[f"{name}{end}"] = serializers.FloatField(allow_null=True)
    fields["below_minimum"] = serializers.BooleanField(
        help_text="Fewer questions than the snapshot's min_cases: no rates, no rank."
    )
    fields["rank"] = serializers.IntegerField(allow_null=True)
    return fields


FigureRowSerializer = type("FigureRowSerializer", (serializers.Serializer,), _row_fields())


class FigureSnapshotSerializer(serializers.Serializer[ReceptionSnapshot]):
    id = serializers.IntegerField()
    period = serializers.ChoiceField(choices=FigurePeriod.choices)
    period_start = serializers.DateField(allow_null=True)
    period_end = serializers.DateField()
    as_of = serializers.DateTimeField()
    min_cases = serializers.IntegerField()
    reopen_days = serializers.IntegerField()


class FiguresSerializer(serializers.Serializer[ReceptionSnapshot]):
    snapshot = FigureSnapshotSerializer()
    rows = FigureRowSerializer(many=True)


LEVEL = OpenApiParameter(
    "level", enum=FigureLevel.values, description="One level's rows; all levels without it."
)


def _level(request: Request) -> str | None:
    level = request.query_params.get("level") or None
    if level is not None and level not in FigureLevel.values:
        raise ValidationError({"level": FigureLevel.values})
    return level


def _figures(snapshot: ReceptionSnapshot, level: str | None) -> Response:
    rows = [row.record() for row in figure_rows(snapshot, level)]
    return Response({"snapshot": snapshot_header(snapshot), "rows": rows})


class LatestFigures(APIView):
    """The latest snapshot of a period, with its rows."""

    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="receptions_figures_latest",
        parameters=[
            OpenApiParameter(
                "period",
                enum=PUBLISHED,
                default=FigurePeriod.LAST_365_DAYS,
                description="Custom periods are published as snapshots only.",
            ),
            LEVEL,
        ],
        responses=FiguresSerializer,
    )
    def get(self, request: Request) -> Response:
        period = request.query_params.get("period", FigurePeriod.LAST_365_DAYS)
        if period not in PUBLISHED:
            raise ValidationError({"period": PUBLISHED})
        level = _level(request)
        snapshot = latest_figures(period)
        if snapshot is None:
            raise NotFound()
        return _figures(snapshot, level)


class FiguresDetail(APIView):
    """One snapshot, scheduled or custom, with its rows."""

    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="receptions_figures_snapshot", parameters=[LEVEL], responses=FiguresSerializer
    )
    def get(self, request: Request, pk: int) -> Response:
        snapshot = get_object_or_404(ReceptionSnapshot, pk=pk)
        return _figures(snapshot, _level(request))
