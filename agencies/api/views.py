"""Reference data and the routing proposal: public, read-only."""

from __future__ import annotations

from typing import Any

import django_filters
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.generics import ListAPIView
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from agencies.models import Agency, AppealType, Category, Region
from agencies.routing import suggest_agency

NAMES = ("name_ru", "name_kk", "name_en")


class RegionSerializer(serializers.ModelSerializer[Region]):
    class Meta:
        model = Region
        fields = ("id", "code", "kind", *NAMES)


class AgencySerializer(serializers.ModelSerializer[Agency]):
    class Meta:
        model = Agency
        fields = ("id", "code", "kind", "abbreviation", "parent", "region", "is_active", *NAMES)


class CategorySerializer(serializers.ModelSerializer[Category]):
    class Meta:
        model = Category
        fields = ("id", "code", "parent", "jurisdiction", "central_agency", *NAMES)


class AppealTypeSerializer(serializers.ModelSerializer[AppealType]):
    class Meta:
        model = AppealType
        fields = ("id", "code", "prefix", "deadline_working_days", *NAMES)


class PublicList(ListAPIView[Any]):
    permission_classes = [AllowAny]
    pagination_class = None  # small reference tables, returned whole


class Regions(PublicList):
    serializer_class = RegionSerializer
    queryset = Region.objects.order_by("code")


class AgencyFilter(django_filters.FilterSet):
    region = django_filters.CharFilter(field_name="region__code", label="ISO code of the region")

    class Meta:
        model = Agency
        fields = ("kind", "region", "is_active", "parent")


class Agencies(PublicList):
    """Every state body; `parent` links them into a tree."""

    serializer_class = AgencySerializer
    queryset = Agency.objects.order_by("code")
    filterset_class = AgencyFilter


class Categories(PublicList):
    serializer_class = CategorySerializer
    queryset = Category.objects.filter(is_active=True).order_by("position", "code")


class AppealTypes(PublicList):
    serializer_class = AppealTypeSerializer
    queryset = AppealType.objects.order_by("position")


class RoutingSerializer(serializers.Serializer[dict[str, Any]]):
    agency = AgencySerializer(allow_null=True)
    reason = serializers.CharField()


class Routing(APIView):
    """The competent agency for a category (a subcategory's id) and a region (ISO code)."""

    permission_classes = [AllowAny]

    @extend_schema(
        parameters=[
            OpenApiParameter("category", int, required=True),
            OpenApiParameter("region", str, required=True, description="ISO code, KZ-75"),
        ],
        responses=RoutingSerializer,
    )
    def get(self, request: Request) -> Response:
        params = RoutingQuery(data=request.query_params)
        params.is_valid(raise_exception=True)
        suggestion = suggest_agency(
            category=params.validated_data["category"], region=params.validated_data["region"]
        )
        body = {"agency": suggestion.agency, "reason": suggestion.reason}
        return Response(RoutingSerializer(body).data)


class RoutingQuery(serializers.Serializer[dict[str, Any]]):
    category = serializers.PrimaryKeyRelatedField(queryset=Category.objects.all())
    region = serializers.SlugRelatedField(slug_field="code", queryset=Region.objects.all())
