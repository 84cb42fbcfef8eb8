"""Petitions in the API: the listed ones with the list's filters, and any published one by
its slug with its exact count, latest signers' short names, timeline and answer. Public,
read-only: no author, no signer beyond his short name, nothing unpublished."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.core.validators import RegexValidator
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.urls import reverse
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.generics import ListAPIView
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api_fields import NON_BLANK
from core.api_policies import NewestFirst
from core.filters import CodeFilter, StrictFilterSet
from petitions.exports import on_time
from petitions.listing import (
    PUBLIC_STATUSES,
    SEARCH_LIMIT,
    PetitionFilters,
    filtered,
    signature_totals,
)
from petitions.models import Petition
from petitions.selectors import progress, public_petitions, recent_signers, timeline


class PetitionSerializer(serializers.ModelSerializer[Petition]):
    number = serializers.CharField()
    body = serializers.CharField(source="addressee.code", help_text="The addressee's code.")
    body_name_ru = serializers.CharField(source="addressee.name_ru")
    body_name_kk = serializers.CharField(source="addressee.name_kk")
    body_name_en = serializers.CharField(source="addressee.name_en")
    level = serializers.CharField(source="level.code")
    region = serializers.CharField(source="region.code", allow_null=True)
    topic = serializers.CharField(source="category.code")
    signatures = serializers.SerializerMethodField(help_text="The exact count of signatures.")
    on_time = serializers.SerializerMethodField(
        help_text="Answered by its due moment; null until answered."
    )
    url = serializers.SerializerMethodField(help_text="The petition's page.")

    class Meta:
        model = Petition
        fields: tuple[str, ...] = (
            "slug", "number", "title", "body", "body_name_ru", "body_name_kk", "body_name_en",
            "level", "region", "topic", "status", "signatures", "threshold", "published_at",
            "listed_at", "collection_ends_at", "reached_at", "closed_at", "answer_due",
            "answered_at", "outcome", "on_time", "url",
        )  # fmt: skip

    @extend_schema_field(serializers.IntegerField())
    def get_signatures(self, petition: Petition) -> int:
        totals: dict[int, int] | None = self.context.get("totals")
        return totals.get(petition.pk, 0) if totals is not None else progress(petition).count

    @extend_schema_field(serializers.BooleanField(allow_null=True))
    def get_on_time(self, petition: Petition) -> bool | None:
        return on_time(petition)

    def get_url(self, petition: Petition) -> str:
        path = reverse("petitions:detail", args=[petition.slug])
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request is not None else path


class StepSerializer(serializers.Serializer[Any]):
    label = serializers.CharField()  # type: ignore[assignment]  # a field, not Field.label
    at = serializers.DateTimeField()


class FileSerializer(serializers.Serializer[Any]):
    name = serializers.CharField(source="original_name")
    content_type = serializers.CharField()
    size = serializers.IntegerField()
    url = serializers.CharField()


class PetitionDetailSerializer(PetitionSerializer):
    recent_signers = serializers.ListField(
        child=serializers.CharField(), help_text="The latest signers' short names, newest first."
    )
    timeline = StepSerializer(many=True)
    files = FileSerializer(many=True)

    class Meta(PetitionSerializer.Meta):
        fields = (
            *PetitionSerializer.Meta.fields, "text", "demand", "decision", "recent_signers",
            "timeline", "files",
        )  # fmt: skip


@extend_schema_field({"type": "string", "maxLength": SEARCH_LIMIT, "pattern": NON_BLANK})
class SearchFilter(django_filters.Filter):
    """Words to find: some text, no NUL, at most SEARCH_LIMIT characters, as the schema says."""

    field_class = forms.CharField

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        validators = [RegexValidator(NON_BLANK)]
        kwargs |= {"max_length": SEARCH_LIMIT, "strip": False, "validators": validators}
        super().__init__(*args, **kwargs)


class PetitionFilter(StrictFilterSet):
    q = SearchFilter(label="words in the title or the text", method="no_op")
    body = CodeFilter(label="code of the addressee (agency)", method="no_op")
    region = CodeFilter(label="ISO code of the region", method="no_op")
    status = django_filters.ChoiceFilter(choices=PUBLIC_STATUSES, method="no_op")
    topic = CodeFilter(label="code of the topic (category) or of its parent", method="no_op")

    class Meta:
        model = Petition
        fields = ("q", "body", "region", "status", "topic")

    def no_op(self, queryset: QuerySet[Petition], name: str, value: Any) -> QuerySet[Petition]:
        return queryset

    def filter_queryset(self, queryset: QuerySet[Petition]) -> QuerySet[Petition]:
        """The list page's own query, so the API and the pages filter alike."""
        data: dict[str, Any] = self.form.cleaned_data
        values = {name: (data.get(name) or "").strip() if name == "q" else data.get(name) or ""
                  for name in ("q", "body", "region", "status", "topic")}  # fmt: skip
        return filtered(PetitionFilters(**values))


class ByListing(NewestFirst):
    """Cursor paging, the newest listed first."""

    ordering = ("-listed_at", "-id")  # type: ignore[assignment]  # DRF takes a tuple too


class PetitionList(ListAPIView[Petition]):
    """Listed petitions (past the first signatures), newest first, with the list's filters;
    each with its exact count."""

    permission_classes = [AllowAny]
    serializer_class = PetitionSerializer
    pagination_class = ByListing
    filterset_class = PetitionFilter
    queryset = Petition.objects.none()

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset) or []
        totals = signature_totals(Petition.objects.filter(pk__in=[p.pk for p in page]))
        context = {**self.get_serializer_context(), "totals": totals}
        return self.get_paginated_response(
            PetitionSerializer(page, many=True, context=context).data
        )


class PetitionDetail(APIView):
    """Any published petition, listed or reachable by its link only."""

    permission_classes = [AllowAny]

    @extend_schema(responses=PetitionDetailSerializer)
    def get(self, request: Request, slug: str) -> Response:
        related = public_petitions().select_related("addressee", "level", "region", "category")
        petition = get_object_or_404(related, slug=slug)
        petition.recent_signers = recent_signers(petition.pk)  # type: ignore[attr-defined]
        petition.timeline = timeline(petition)  # type: ignore[attr-defined]
        petition.files = [  # type: ignore[attr-defined]
            {"original_name": f.original_name, "content_type": f.content_type, "size": f.size,
             "url": request.build_absolute_uri(reverse("petitions:file", args=[slug, f.pk]))}
            for f in petition.attachments.order_by("pk")
        ]  # fmt: skip
        context = {"request": request}
        return Response(PetitionDetailSerializer(petition, context=context).data)
