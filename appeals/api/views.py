"""The appeals API: a citizen's own appeals, and the staff's queues and actions.

Every write goes through the same services as the web pages, with the same checks.
"""

from __future__ import annotations

import datetime
import re
import uuid
from collections.abc import Sequence
from typing import Any, cast

import django_filters
from django.db.models import Model, Prefetch, QuerySet, prefetch_related_objects
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.exceptions import ValidationError
from rest_framework.generics import ListAPIView
from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import User
from appeals import services
from appeals.api import serializers as api
from appeals.api.linked import StaffAppealDetailSerializer
from appeals.models import Appeal, AppealEvent, Attachment
from appeals.rating import feedback_give
from appeals.selectors import (
    Queue,
    appeals_for_staff,
    appeals_of_citizen,
    in_queue,
    is_front_office,
    is_staff_member,
    overdue_or_not,
)
from appeals.submission_keys import Submitted
from appeals.workflow import STAFF_ACTIONS, Action, service_for
from core.api_fields import by_media_type, for_body, parsers_for
from core.filters import CodeFilter, IdFilter, StrictFilterSet

# Idempotency keys name a submission within one citizen's account.
IDEMPOTENCY_NAMESPACE = uuid.UUID("5f0e7bd4-2f51-4d0b-9a44-3f8b4b1f3c21")


def _user(request: Request) -> User:
    """The user of a view whose permissions let only signed-in people in."""
    return cast(User, request.user)


class UTCDateTimeFilter(django_filters.IsoDateTimeFilter):
    """ISO 8601 with any offset Python accepts; PostgreSQL takes offsets only up to ±15:59."""

    def filter(self, qs: QuerySet[Any], value: Any) -> QuerySet[Any]:
        if value is not None:
            value = value.astimezone(datetime.UTC)
        return super().filter(qs, value)


class AppealFilter(StrictFilterSet):
    type = CodeFilter(field_name="type__code")
    received_after = UTCDateTimeFilter(field_name="received_at", lookup_expr="gte")
    received_before = UTCDateTimeFilter(field_name="received_at", lookup_expr="lt")

    class Meta:
        model = Appeal
        fields = ("status", "type", "received_after", "received_before")


class MyAppeals(ListAPIView[Appeal]):
    """The citizen's own appeals, newest first."""

    serializer_class = api.AppealSerializer
    filterset_class = AppealFilter
    parser_classes = parsers_for(api.AppealCreateSerializer)

    def get_queryset(self) -> QuerySet[Appeal]:
        if getattr(self, "swagger_fake_view", False):  # schema generation: no user
            return Appeal.objects.none()
        return appeals_of_citizen(_user(self.request)).select_related(
            "type", "category", "region", "agency", "addressee"
        )

    @extend_schema(
        request=by_media_type(api.AppealCreateSerializer),
        responses={201: api.AppealCreatedSerializer, 200: api.AppealCreatedSerializer},
        parameters=[
            OpenApiParameter(
                "Idempotency-Key", OpenApiTypes.UUID, OpenApiParameter.HEADER,
                description="A UUID you make for this submission. Sent again with the same "
                "key and content: the first appeal, 200, nothing new. With other content: 422.",
            )
        ],
    )  # fmt: skip
    def post(self, request: Request) -> Response:
        """Send an appeal (or, with `complaint_of`, a complaint about an answer)."""
        submission_key = _idempotency_key(request)  # a malformed one: refused before the body
        serializer = for_body(request, api.AppealCreateSerializer)
        data = serializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        fields.pop("consent")
        submitted = services.appeal_submit_once(
            applicant=_user(request), appeal_type=fields.pop("type"),
            submission_key=submission_key, **fields,
        )  # fmt: skip
        return _created(submitted)


# RFC 9562's text form, as the schema's "uuid" format: Python's UUID() would also take
# braces, "urn:uuid:" and bare hex, which the schema calls malformed.
UUID_TEXT = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.I)


def _created(submitted: Submitted) -> Response:
    """A new appeal with its lookup code (201), or the one a repeated request made (200)."""
    context = {"lookup_code": submitted.lookup_code}
    if submitted.created:  # its event and files were just written: shown as they are
        _known(submitted.appeal, "events", AppealEvent, submitted.events)
        _known(submitted.appeal, "attachments", Attachment, submitted.attachments)
    else:  # the timeline's lines name the bodies: read with the events, not one by one
        events = AppealEvent.objects.select_related("from_agency", "to_agency")
        prefetch_related_objects([submitted.appeal], Prefetch("events", queryset=events))
    data = api.AppealCreatedSerializer(submitted.appeal, context=context).data
    return Response(
        data, status=status.HTTP_201_CREATED if submitted.created else status.HTTP_200_OK
    )


def _known(appeal: Appeal, relation: str, model: type[Model], rows: Sequence[Model]) -> None:
    """`appeal.<relation>` answers `rows` without a query, as prefetch_related leaves it."""
    known: Any = model._default_manager.filter(appeal=appeal)
    known._result_cache, known._prefetch_done = list(rows), True
    prefetched = getattr(appeal, "_prefetched_objects_cache", {})
    appeal._prefetched_objects_cache = {**prefetched, relation: known}  # type: ignore[attr-defined]


def _idempotency_key(request: Request) -> uuid.UUID | None:
    """The submission's key in the citizen's account, from the client's UUID."""
    given = request.headers.get("Idempotency-Key")
    if given is None:
        return None
    if not UUID_TEXT.fullmatch(given):
        raise ValidationError({"Idempotency-Key": [_("A UUID, as the schema says.")]})
    return uuid.uuid5(IDEMPOTENCY_NAMESPACE, given.lower())


def _own(request: Request, pk: int) -> Appeal:
    return get_object_or_404(appeals_of_citizen(_user(request)), pk=pk)


class MyAppeal(APIView):
    @extend_schema(responses=api.AppealDetailSerializer)
    def get(self, request: Request, pk: int) -> Response:
        return Response(api.AppealDetailSerializer(_own(request, pk)).data)


class Withdraw(APIView):
    @extend_schema(
        request=by_media_type(api.ACTION_SERIALIZERS[Action.WITHDRAW]),
        responses=api.AppealDetailSerializer,
    )
    def post(self, request: Request, pk: int) -> Response:
        return Response(_take(request, _own(request, pk), Action.WITHDRAW))


class Rate(APIView):
    @extend_schema(request=api.RatingSerializer, responses=api.AppealDetailSerializer)
    def post(self, request: Request, pk: int) -> Response:
        appeal = _own(request, pk)
        data = api.RatingSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        feedback_give(appeal_id=appeal.pk, **data.validated_data)
        return Response(api.AppealDetailSerializer(appeal).data)


# --- Staff ---------------------------------------------------------------------------


class IsStaffMember(BasePermission):
    def has_permission(self, request: Request, view: Any) -> bool:
        return request.user.is_authenticated and is_staff_member(request.user)


class QueueFilter(StrictFilterSet):
    """The back-office's queues and filters (appeals.selectors), by the same names."""

    queue = django_filters.ChoiceFilter(
        choices=[(queue.value, queue.value) for queue in Queue], method="filter_queue"
    )
    overdue = django_filters.BooleanFilter(method="filter_overdue")
    executor = IdFilter(field_name="executor_id")
    category = CodeFilter(field_name="category__code")

    class Meta:
        model = Appeal
        fields = ("status", "queue", "overdue", "executor", "category")

    def filter_overdue(
        self, queryset: QuerySet[Appeal], name: str, value: bool
    ) -> QuerySet[Appeal]:
        return overdue_or_not(queryset, value, timezone.now())

    def filter_queue(self, queryset: QuerySet[Appeal], name: str, value: str) -> QuerySet[Appeal]:
        return in_queue(queryset, Queue(value), self.request.user, timezone.now())


class StaffAppeals(ListAPIView[Appeal]):
    """The appeals of the agencies where the user holds a role (controllers: and below)."""

    permission_classes = [IsStaffMember]
    serializer_class = api.AppealSerializer
    filterset_class = QueueFilter

    def get_queryset(self) -> QuerySet[Appeal]:
        if getattr(self, "swagger_fake_view", False):
            return Appeal.objects.none()
        return appeals_for_staff(_user(self.request)).select_related(
            "type", "category", "region", "agency", "addressee"
        )


def _visible(request: Request, pk: int) -> Appeal:
    return get_object_or_404(appeals_for_staff(_user(request)), pk=pk)


class StaffAppeal(APIView):
    permission_classes = [IsStaffMember]

    @extend_schema(responses=StaffAppealDetailSerializer)
    def get(self, request: Request, pk: int) -> Response:
        reader = {"reader": _user(request)}
        return Response(StaffAppealDetailSerializer(_visible(request, pk), context=reader).data)


class IsFrontOffice(BasePermission):
    """Asked before the body is read: whoever may not send for walk-ins learns nothing else."""

    def has_permission(self, request: Request, view: Any) -> bool:
        return request.user.is_authenticated and is_front_office(request.user)


class FrontOffice(APIView):
    """Send a walk-in citizen's appeal; it goes to the account on which the IIN is proven,
    or to the front office's record of the citizen (docs/identity.md)."""

    permission_classes = [IsStaffMember, IsFrontOffice]
    parser_classes = parsers_for(api.WalkInAppealSerializer)

    @extend_schema(
        request=by_media_type(api.WalkInAppealSerializer),
        responses={201: api.AppealCreatedSerializer},
    )
    def post(self, request: Request) -> Response:
        serializer = for_body(request, api.WalkInAppealSerializer)
        data = serializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        fields.pop("consent")
        submitted = services.appeal_submit_walk_in(
            operator=_user(request), appeal_type=fields.pop("type"), **fields
        )
        return _created(submitted)


def _take(request: Request, appeal: Appeal, action: Action) -> Any:
    """Validate the action's input and take it; the updated appeal, as the API shows it."""
    serializer = for_body(request, api.ACTION_SERIALIZERS[action])
    data = serializer(data=request.data, appeal=appeal, actor_id=_user(request).pk)
    data.is_valid(raise_exception=True)
    updated = service_for(action)(appeal_id=appeal.pk, actor=_user(request), **data.validated_data)
    return api.AppealDetailSerializer(updated).data


def _action_view(action: Action) -> type[APIView]:
    """One endpoint per staff action of the workflow's table."""

    class ActionView(APIView):
        permission_classes = [IsStaffMember]
        parser_classes = parsers_for(api.ACTION_SERIALIZERS[action])

        @extend_schema(
            request=by_media_type(api.ACTION_SERIALIZERS[action]),
            responses=api.AppealDetailSerializer,
            operation_id=f"staff_appeal_{action.value}",
        )
        def post(self, request: Request, pk: int) -> Response:
            return Response(_take(request, _visible(request, pk), action))

    ActionView.__name__ = f"{action.value.title()}Action"
    return ActionView


STAFF_ACTION_VIEWS = {action: _action_view(action) for action in STAFF_ACTIONS}
