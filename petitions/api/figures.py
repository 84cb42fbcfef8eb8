"""How each addressee dealt with petitions, in the API: the figures page's rows for a
period, counted live. Public, read-only: bodies and counts only."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from agencies.models import Agency
from petitions.figures import COUNTS, RATES, FigurePeriod, figures


def _row_fields() -> dict[str, serializers.Field[Any, Any, Any, Any]]:
    """The rows' columns, typed: the body, counts, rates with their intervals."""
    fields: dict[str, serializers.Field[Any, Any, Any, Any]] = {
        name: serializers.CharField()
        for name in ("agency_code", "agency_name_ru", "agency_name_kk", "agency_name_en")
    }
    fields["agency_kind"] = serializers.ChoiceField(choices=Agency.Kind.choices)
    fields |= {name: serializers.IntegerField() for name in COUNTS}
    for name, (successes, total) in RATES.items():
        help_text = f"{successes} ÷ {total}; null below the minimum or with nothing to divide."
        fields[name] = serializers.FloatField(allow_null=True, help_text=help_text)
        for end in ("_low", "_high"):
            fields[f"{name}{end}"] = serializers.FloatField(allow_null=True)
    fields["below_minimum"] = serializers.BooleanField(
        help_text="Fewer petitions received than min_cases: no rates, no rank."
    )
    fields["rank"] = serializers.IntegerField(allow_null=True, help_text="By on_time_rate.")
    return fields


PetitionFigureRowSerializer = type(
    "PetitionFigureRowSerializer", (serializers.Serializer,), _row_fields()
)


class PetitionFiguresSerializer(serializers.Serializer[Any]):
    period = serializers.ChoiceField(choices=FigurePeriod.choices)
    as_of = serializers.DateTimeField()
    min_cases = serializers.IntegerField()
    rows = PetitionFigureRowSerializer(many=True)


class PetitionFigures(APIView):
    """Per addressee: petitions received (past the threshold) in the period, answered,
    answered on time and accepted, with the rates and their 95 % Wilson intervals."""

    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="petitions_figures",
        parameters=[
            OpenApiParameter(
                "period", enum=FigurePeriod.values, default=FigurePeriod.LAST_365_DAYS,
                description="By the moment each petition reached its threshold.",
            )
        ],
        responses=PetitionFiguresSerializer,
    )  # fmt: skip
    def get(self, request: Request) -> Response:
        period = request.query_params.get("period", FigurePeriod.LAST_365_DAYS)
        if period not in FigurePeriod.values:
            raise ValidationError({"period": FigurePeriod.values})
        now = timezone.now()
        rows = [row.record() for row in figures(period, now)]
        header = {"period": period, "as_of": now.isoformat(),
                  "min_cases": settings.PETITIONS_MIN_CASES}  # fmt: skip
        return Response({**header, "rows": rows})
