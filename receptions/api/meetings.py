"""The public calendar in the API: meetings with the calendar's filters, and one meeting.
Public, read-only, public fields only (no citizen, question, file or video link)."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.generics import ListAPIView
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api_policies import NewestFirst
from core.filters import CodeFilter, StrictFilterSet
from receptions.models import Meeting
from receptions.selectors import (
    MeetingFilters,
    free_slot_counts,
    free_slots,
    outcome_counts,
    public_meetings,
    today,
)


class MeetingSerializer(serializers.ModelSerializer[Meeting]):
    body = serializers.CharField(source="agency.code")
    body_name_ru = serializers.CharField(source="agency.name_ru")
    body_name_kk = serializers.CharField(source="agency.name_kk")
    body_name_en = serializers.CharField(source="agency.name_en")
    region = serializers.CharField(source="region.code")
    free_slots = serializers.SerializerMethodField(
        help_text="Times still free to book; null where the meeting takes no bookings."
    )

    class Meta:
        model = Meeting
        fields: tuple[str, ...] = (
            "id", "body", "body_name_ru", "body_name_kk", "body_name_en", "kind", "status",
            "official_name", "official_post", "region", "locality", "place", "target_group",
            "topics", "starts_at", "ends_at", "not_held_reason", "free_slots",
        )  # fmt: skip

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_free_slots(self, meeting: Meeting) -> int | None:
        if not meeting.takes_bookings or meeting.status != Meeting.Status.PLANNED:
            return None
        counts: dict[int, int] | None = self.context.get("free")
        return counts.get(meeting.pk, 0) if counts is not None else free_slots(meeting).count()


class OutcomesSerializer(serializers.Serializer[dict[str, int]]):
    resolved = serializers.IntegerField()
    explained = serializers.IntegerField()
    control = serializers.IntegerField()
    forwarded = serializers.IntegerField()


class MeetingDetailSerializer(MeetingSerializer):
    questions = serializers.SerializerMethodField(
        help_text="Questions raised, by outcome; null until the meeting is held."
    )

    class Meta(MeetingSerializer.Meta):
        fields = (*MeetingSerializer.Meta.fields, "questions")

    @extend_schema_field(OutcomesSerializer(allow_null=True))
    def get_questions(self, meeting: Meeting) -> dict[str, int] | None:
        return outcome_counts(meeting) or None


class ByStart(NewestFirst):
    """Cursor paging by the start, the calendar's order."""

    ordering = ("starts_at", "id")  # type: ignore[assignment]  # DRF takes a tuple too


class MeetingFilter(StrictFilterSet):
    body = CodeFilter(label="code of the body (agency)")
    region = CodeFilter(label="ISO code of the region")
    kind = django_filters.ChoiceFilter(choices=Meeting.Kind.choices)
    target_group = django_filters.ChoiceFilter(choices=Meeting.TargetGroup.choices)
    date_from = django_filters.DateFilter(label="from this day (Asia/Almaty); today if no date")
    date_to = django_filters.DateFilter(label="to this day, included (Asia/Almaty)")

    class Meta:
        model = Meeting
        fields = ("body", "region", "kind", "target_group", "date_from", "date_to")

    def filter_queryset(self, queryset: QuerySet[Meeting]) -> QuerySet[Meeting]:
        """The calendar's own selector, so the API and the pages filter alike."""
        data: dict[str, Any] = self.form.cleaned_data
        start, end = data.get("date_from"), data.get("date_to")
        return public_meetings(
            MeetingFilters(
                body=data.get("body") or "", region=data.get("region") or "",
                kind=data.get("kind") or "", target_group=data.get("target_group") or "",
                date_from=start if start or end else today(), date_to=end,
            )
        )  # fmt: skip


class MeetingList(ListAPIView[Meeting]):
    """Receptions and meetings on the public calendar, by start; without dates, from today."""

    permission_classes = [AllowAny]
    serializer_class = MeetingSerializer
    pagination_class = ByStart
    filterset_class = MeetingFilter
    queryset = Meeting.objects.all()

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset) or []
        context = {**self.get_serializer_context(), "free": free_slot_counts(page)}
        data = MeetingSerializer(page, many=True, context=context).data
        return self.get_paginated_response(data)


class MeetingDetail(APIView):
    permission_classes = [AllowAny]

    @extend_schema(responses=MeetingDetailSerializer)
    def get(self, request: Request, pk: int) -> Response:
        meeting = get_object_or_404(Meeting.objects.select_related("agency", "region"), pk=pk)
        return Response(MeetingDetailSerializer(meeting).data)
