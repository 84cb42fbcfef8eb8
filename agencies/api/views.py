"""Reference data and the routing proposal: public, read-only."""

from __future__ import annotations

import re
from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.generics import ListAPIView
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from agencies.models import Agency, AppealType, Category, Region
from agencies.routing import suggest_agency
from core.api_fields import unknown_reference
from core.filters import CodeFilter, IdFilter, StrictFilterSet
from core.ids import query_id

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


class AgencyFilter(StrictFilterSet):
    region = CodeFilter(field_name="region__code", label="ISO code of the region")
    # By id: an id that names no agency finds none, as in any other list.
    parent = IdFilter(field_name="parent_id")

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
            OpenApiParameter("category", int, required=True, description="a subcategory's id"),
            OpenApiParameter("region", str, required=True, description="ISO code, KZ-75"),
        ],
        responses=RoutingSerializer,
    )
    def get(self, request: Request) -> Response:
        given, code = request.query_params.get("category"), request.query_params.get("region")
        if given is None or not re.fullmatch(r"-?\d+", given):
            raise ValidationError({"category": [_("A whole number: a subcategory's id.")]})
        if code is None:
            raise ValidationError({"region": [_("This field is required.")]})
        pk = query_id(given)  # a number beyond any id names nothing
        category = Category.objects.filter(pk=pk).first() if pk is not None else None
        if category is None:
            raise unknown_reference("category")
        region = None if "\x00" in code else Region.objects.filter(code=code).first()
        if region is None:
            raise unknown_reference("region")
        suggestion = suggest_agency(category=category, region=region)
        body = {"agency": suggestion.agency, "reason": suggestion.reason}
        return Response(RoutingSerializer(body).data)
