"""Rankings in the API: the latest snapshot, every snapshot by id, a snapshot's problem map
and its bodies' repeat appeals. Public, read-only."""

from __future__ import annotations

import datetime
from typing import Any

from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.generics import ListAPIView
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api_policies import NewestFirst
from core.filters import StrictFilterSet
from ratings.models import Period, RankingRow, RankingSnapshot, Scope
from ratings.problem_map import map_cells, map_snapshot
from ratings.repeats import RepeatShare, repeat_shares
from ratings.selectors import EXPORT_COLUMNS, export_record, snapshot_rows
from ratings.snapshots import latest_snapshot

# The periods published on a schedule; custom ones are published as snapshots only.
PUBLISHED = [period for period in Period.values if period != Period.CUSTOM]


class ToTheSecond(serializers.DateTimeField):
    """In the site's time zone, to the second, as the pages and the exports give it."""

    def to_representation(self, value: datetime.datetime) -> str:
        return timezone.localtime(value).isoformat(timespec="seconds")


class SnapshotSerializer(serializers.ModelSerializer[RankingSnapshot]):
    as_of = ToTheSecond(read_only=True)

    class Meta:
        model = RankingSnapshot
        fields: tuple[str, ...] = (
            "id", "scope", "period", "period_start", "period_end", "as_of",
            "methodology_version", "min_cases", "map_min_cases",
        )  # fmt: skip


class RowSerializer(serializers.ModelSerializer[RankingRow]):
    """One agency's figures: the export's columns, typed as the model's fields."""

    agency_code = serializers.CharField(source="agency.code")
    agency_name_ru = serializers.CharField(source="agency.name_ru")
    agency_name_kk = serializers.CharField(source="agency.name_kk")
    agency_name_en = serializers.CharField(source="agency.name_en")

    class Meta:
        model = RankingRow
        fields = EXPORT_COLUMNS


class SnapshotWithRowsSerializer(SnapshotSerializer):
    rows = serializers.SerializerMethodField()

    class Meta(SnapshotSerializer.Meta):
        fields = (*SnapshotSerializer.Meta.fields, "rows")

    @extend_schema_field(RowSerializer(many=True))
    def get_rows(self, snapshot: RankingSnapshot) -> list[dict[str, object]]:
        return [export_record(row) for row in snapshot_rows(snapshot)]


class ByAsOf(NewestFirst):
    ordering = "-as_of"


class SnapshotFilter(StrictFilterSet):
    class Meta:
        model = RankingSnapshot
        fields = ("scope", "period")


class SnapshotList(ListAPIView[RankingSnapshot]):
    """Every published snapshot, newest first."""

    permission_classes = [AllowAny]
    serializer_class = SnapshotSerializer
    pagination_class = ByAsOf
    filterset_class = SnapshotFilter
    queryset = RankingSnapshot.objects.all()


class SnapshotDetail(APIView):
    permission_classes = [AllowAny]

    @extend_schema(responses=SnapshotWithRowsSerializer)
    def get(self, request: Request, pk: int) -> Response:
        snapshot = get_object_or_404(RankingSnapshot, pk=pk)
        return Response(SnapshotWithRowsSerializer(snapshot).data)


class LatestRanking(APIView):
    """The latest snapshot of one scope and period, with its rows."""

    permission_classes = [AllowAny]

    @extend_schema(
        parameters=[
            OpenApiParameter("scope", enum=Scope.values, required=True),
            OpenApiParameter(
                "period",
                enum=PUBLISHED,
                default=Period.LAST_30_DAYS,
                description="Custom periods are published as snapshots only.",
            ),
        ],
        responses=SnapshotWithRowsSerializer,
    )
    def get(self, request: Request) -> Response:
        scope = request.query_params.get("scope", "")
        period = request.query_params.get("period", Period.LAST_30_DAYS)
        if scope not in Scope.values or period not in PUBLISHED:
            raise ValidationError({"scope": Scope.values, "period": PUBLISHED})
        snapshot = latest_snapshot(scope, period)
        if snapshot is None:
            raise NotFound()
        return Response(SnapshotWithRowsSerializer(snapshot).data)


class MapCellSerializer(serializers.Serializer[dict[str, object]]):
    """One cell of the problem map: the map export's columns."""

    region_code = serializers.CharField()
    region_name_ru = serializers.CharField()
    region_name_kk = serializers.CharField()
    region_name_en = serializers.CharField()
    category_code = serializers.CharField()
    category_name_ru = serializers.CharField()
    category_name_kk = serializers.CharField()
    category_name_en = serializers.CharField()
    received = serializers.IntegerField()
    rated = serializers.IntegerField()
    dissatisfied = serializers.IntegerField()
    dissatisfaction_rate = serializers.FloatField(
        allow_null=True, help_text="Dissatisfied ÷ rated; null below the minimum of ratings."
    )
    below_minimum = serializers.BooleanField(
        help_text="Fewer ratings than the snapshot's map_min_cases: greyed on the map."
    )
    questions = serializers.IntegerField(
        help_text="Questions raised at meetings held in the snapshot's period (receptions)."
    )
    clusters = serializers.IntegerField(
        help_text="Problem clusters of appeals (of at least PROBLEM_CLUSTER_PUBLIC_MIN "
        "different applicants) open at the snapshot's moment (listening)."
    )


class ProblemMapSerializer(serializers.Serializer[RankingSnapshot]):
    snapshot = SnapshotSerializer()
    cells = MapCellSerializer(many=True)


class SnapshotProblemMap(APIView):
    """The problem map published with a snapshot (kept with the akimats' snapshot of its
    run): appeals by region and top-level category."""

    permission_classes = [AllowAny]

    @extend_schema(responses=ProblemMapSerializer)
    def get(self, request: Request, pk: int) -> Response:
        snapshot = get_object_or_404(RankingSnapshot, pk=pk)
        holder = map_snapshot(snapshot)
        if holder is None:
            raise NotFound()
        cells = [cell.record() for cell in map_cells(holder)]
        return Response({"snapshot": SnapshotSerializer(snapshot).data, "cells": cells})


class RepeatShareSerializer(serializers.Serializer[RepeatShare]):
    """One body's repeat appeals beside what it received in the snapshot's period."""

    agency = serializers.CharField(source="agency.code")
    agency_name = serializers.CharField(
        source="agency.name", help_text="In the request's language."
    )
    received = serializers.IntegerField()
    repeats = serializers.IntegerField(
        help_text="Appeals received that repeat the citizen's earlier appeal on the same matter."
    )
    repeat_rate = serializers.FloatField(
        source="rate.value", allow_null=True,
        help_text="Repeats ÷ received; null below the snapshot's min_cases.",
    )  # fmt: skip
    repeat_rate_low = serializers.FloatField(source="rate.low", allow_null=True)
    repeat_rate_high = serializers.FloatField(source="rate.high", allow_null=True)
    below_minimum = serializers.BooleanField()


class RepeatSharesSerializer(serializers.Serializer[RankingSnapshot]):
    snapshot = SnapshotSerializer()
    bodies = RepeatShareSerializer(many=True)


class SnapshotRepeats(APIView):
    """Repeat appeals as a share of the appeals each body of a snapshot received in its
    period (docs/rankings.md, "Repeat appeals"), highest published share first."""

    permission_classes = [AllowAny]

    @extend_schema(responses=RepeatSharesSerializer)
    def get(self, request: Request, pk: int) -> Response:
        snapshot = get_object_or_404(RankingSnapshot, pk=pk)
        shares: Any = repeat_shares(snapshot)  # many=True: the stubs know one instance only
        bodies = RepeatShareSerializer(shares, many=True).data
        return Response({"snapshot": SnapshotSerializer(snapshot).data, "bodies": bodies})
