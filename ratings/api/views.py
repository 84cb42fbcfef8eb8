"""Rankings in the API: the latest snapshot, and every snapshot by id. Public, read-only."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
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
from ratings.selectors import EXPORT_COLUMNS, export_record, snapshot_rows
from ratings.snapshots import latest_snapshot

# The periods published on a schedule; custom ones are published as snapshots only.
PUBLISHED = [period for period in Period.values if period != Period.CUSTOM]


class SnapshotSerializer(serializers.ModelSerializer[RankingSnapshot]):
    class Meta:
        model = RankingSnapshot
        fields: tuple[str, ...] = (
            "id", "scope", "period", "period_start", "period_end", "as_of",
            "methodology_version", "min_cases",
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
