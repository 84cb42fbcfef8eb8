"""The appeals API: a citizen's own appeals, and the staff's queues and actions.

Every write goes through the same services as the web pages, with the same checks.
"""

from __future__ import annotations

import datetime
import uuid
from typing import Any, cast

import django_filters
from django.contrib.auth import authenticate
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.authentication import TokenAuthentication
from rest_framework.authtoken.models import Token
from rest_framework.exceptions import AuthenticationFailed, Throttled
from rest_framework.generics import ListAPIView
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import AllowAny, BasePermission
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import User
from appeals import services
from appeals.api import serializers as api
from appeals.attachments import UploadLimitReached
from appeals.backoffice.filters import due_soon_until
from appeals.backoffice.forms import ACTION_FORMS
from appeals.models import Appeal
from appeals.selectors import appeals_for_staff, appeals_of_citizen, is_staff_member
from appeals.workflow import Action
from portal.api import ErrorSerializer
from ratings.services import feedback_give

ERRORS = {code: ErrorSerializer for code in (400, 401, 403, 404, 409, 429)}
# Idempotency keys name a submission within one citizen's account.
IDEMPOTENCY_NAMESPACE = uuid.UUID("5f0e7bd4-2f51-4d0b-9a44-3f8b4b1f3c21")


def _user(request: Request) -> User:
    return request.user  # type: ignore[return-value]


class ObtainToken(APIView):
    """Exchange an email and a password for an API token."""

    permission_classes = [AllowAny]
    # Only for the 401 challenge; the request itself carries no credentials yet.
    authentication_classes = [TokenAuthentication]

    @extend_schema(
        request=api.TokenRequestSerializer, responses={200: api.TokenSerializer, **ERRORS}
    )
    def post(self, request: Request) -> Response:
        data = api.TokenRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        user = authenticate(
            request._request, username=data.validated_data["email"].lower(),
            password=data.validated_data["password"],
        )  # fmt: skip
        if user is None:
            raise AuthenticationFailed()
        token, _ = Token.objects.get_or_create(user=user)
        return Response({"token": token.key})


class UTCDateTimeFilter(django_filters.IsoDateTimeFilter):
    """ISO 8601 with any offset Python accepts; PostgreSQL takes offsets only up to ±15:59."""

    def filter(self, qs: QuerySet[Any], value: Any) -> QuerySet[Any]:
        if value is not None:
            value = value.astimezone(datetime.UTC)
        return super().filter(qs, value)


class AppealFilter(django_filters.FilterSet):
    type = django_filters.CharFilter(field_name="type__code")
    received_after = UTCDateTimeFilter(field_name="received_at", lookup_expr="gte")
    received_before = UTCDateTimeFilter(field_name="received_at", lookup_expr="lt")

    class Meta:
        model = Appeal
        fields = ("status", "type", "received_after", "received_before")


class MyAppeals(ListAPIView[Appeal]):
    """The citizen's own appeals, newest first."""

    serializer_class = api.AppealSerializer
    filterset_class = AppealFilter
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    def get_queryset(self) -> QuerySet[Appeal]:
        if getattr(self, "swagger_fake_view", False):  # schema generation: no user
            return Appeal.objects.none()
        return appeals_of_citizen(_user(self.request)).select_related(
            "type", "category", "region", "agency", "addressee"
        )

    @extend_schema(
        request=api.AppealCreateSerializer,
        responses={201: api.AppealDetailSerializer, 200: api.AppealDetailSerializer, **ERRORS},
        parameters=[
            OpenApiParameter(
                "Idempotency-Key", str, OpenApiParameter.HEADER,
                description="A retried request with the same key returns the first appeal.",
            )
        ],
    )  # fmt: skip
    def post(self, request: Request) -> Response:
        """Send an appeal (or, with `complaint_of`, a complaint about an answer)."""
        data = api.AppealCreateSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        fields.pop("consent")
        key = request.headers.get("Idempotency-Key", "").strip()
        submission_key = uuid.uuid5(IDEMPOTENCY_NAMESPACE, key[:200]) if key else None
        already = (
            submission_key
            and appeals_of_citizen(_user(request)).filter(submission_key=submission_key).exists()
        )
        appeal = services.appeal_submit(
            applicant=_user(request), appeal_type=fields.pop("type"),
            submission_key=submission_key, **fields,
        )  # fmt: skip
        code = status.HTTP_200_OK if already else status.HTTP_201_CREATED
        return Response(api.AppealDetailSerializer(appeal).data, status=code)


def _own(request: Request, pk: int) -> Appeal:
    return get_object_or_404(appeals_of_citizen(_user(request)), pk=pk)


class MyAppeal(APIView):
    @extend_schema(responses={200: api.AppealDetailSerializer, **ERRORS})
    def get(self, request: Request, pk: int) -> Response:
        return Response(api.AppealDetailSerializer(_own(request, pk)).data)


class Withdraw(APIView):
    @extend_schema(
        request=api.WithdrawSerializer, responses={200: api.AppealDetailSerializer, **ERRORS}
    )
    def post(self, request: Request, pk: int) -> Response:
        appeal = _own(request, pk)
        data = api.WithdrawSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        appeal = services.appeal_withdraw(
            appeal_id=appeal.pk, actor=_user(request), **data.validated_data
        )
        return Response(api.AppealDetailSerializer(appeal).data)


class Rate(APIView):
    @extend_schema(
        request=api.RatingSerializer, responses={200: api.AppealDetailSerializer, **ERRORS}
    )
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


class QueueFilter(django_filters.FilterSet):
    queue = django_filters.ChoiceFilter(
        choices=[(q, q) for q in ("registration", "mine", "overdue", "due_soon", "answered")],
        method="filter_queue",
    )
    overdue = django_filters.BooleanFilter(method="filter_overdue")
    executor = django_filters.NumberFilter(field_name="executor_id")
    category = django_filters.CharFilter(field_name="category__code")

    class Meta:
        model = Appeal
        fields = ("status", "queue", "overdue", "executor", "category")

    def filter_overdue(
        self, queryset: QuerySet[Appeal], name: str, value: bool
    ) -> QuerySet[Appeal]:
        late = {"status__in": Appeal.OPEN_STATUSES, "due_at__lt": timezone.now()}
        return queryset.filter(**late) if value else queryset.exclude(**late)

    def filter_queue(self, queryset: QuerySet[Appeal], name: str, value: str) -> QuerySet[Appeal]:
        now = timezone.now()
        open_appeals = queryset.filter(status__in=Appeal.OPEN_STATUSES)
        return {
            "registration": lambda: queryset.filter(status=Appeal.Status.SUBMITTED),
            "mine": lambda: queryset.filter(executor_id=self.request.user.pk),
            "overdue": lambda: open_appeals.filter(due_at__lt=now),
            "due_soon": lambda: open_appeals.filter(
                due_at__gte=now, due_at__lte=due_soon_until(now)
            ),
            "answered": lambda: queryset.filter(status=Appeal.Status.ANSWERED),
        }[value]()


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

    @extend_schema(responses={200: api.AppealDetailSerializer, **ERRORS})
    def get(self, request: Request, pk: int) -> Response:
        return Response(api.AppealDetailSerializer(_visible(request, pk)).data)


class FrontOffice(APIView):
    """Send a walk-in citizen's appeal, finding or creating the citizen by IIN."""

    permission_classes = [IsStaffMember]
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    @extend_schema(
        request=api.WalkInAppealSerializer, responses={201: api.AppealDetailSerializer, **ERRORS}
    )
    def post(self, request: Request) -> Response:
        data = api.WalkInAppealSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        fields.pop("consent")
        appeal = services.appeal_submit_on_behalf(
            operator=_user(request), appeal_type=fields.pop("type"), **fields
        )
        return Response(api.AppealDetailSerializer(appeal).data, status=status.HTTP_201_CREATED)


def _action_view(action: Action) -> type[APIView]:
    """One endpoint per workflow action, validating with the back-office's form."""
    form_class = ACTION_FORMS[action]
    service: Any = {
        Action.REGISTER: services.appeal_register, Action.FORWARD: services.appeal_forward,
        Action.ASSIGN: services.appeal_assign, Action.ANSWER: services.appeal_answer,
        Action.EXTEND: services.appeal_extend, Action.TERMINATE: services.appeal_terminate,
    }[action]  # fmt: skip
    # A serializer that documents the form's fields in the schema.
    body: Any = type(
        f"{action.value.title()}Request",
        (serializers.Serializer,),
        {name: _field_for(field) for name, field in form_class.base_fields.items()},
    )

    class ActionView(APIView):
        permission_classes = [IsStaffMember]
        parser_classes = [JSONParser, MultiPartParser, FormParser]

        @extend_schema(
            request=body, responses={200: api.AppealDetailSerializer, **ERRORS},
            operation_id=f"staff_appeal_{action.value}",
        )  # fmt: skip
        def post(self, request: Request, pk: int) -> Response:
            appeal = _visible(request, pk)
            form = form_class(
                request.data, request.FILES or None, appeal=appeal, actor=_user(request)
            )
            if not form.is_valid():
                for error in form.errors.as_data().get("attachments", []):
                    if isinstance(error, UploadLimitReached):
                        raise Throttled(wait=error.retry_after, detail=error.messages[0])
                raise serializers.ValidationError(
                    {field: [str(e) for e in errors] for field, errors in form.errors.items()}
                )
            updated = service(appeal_id=appeal.pk, actor=_user(request), **form.cleaned_data)
            return Response(api.AppealDetailSerializer(updated).data)

    ActionView.__name__ = f"{action.value.title()}Action"
    return ActionView


def _field_for(form_field: Any) -> serializers.Field:
    from django import forms

    required = bool(form_field.required)
    if isinstance(form_field, forms.ModelChoiceField):
        return serializers.IntegerField(required=required, help_text="id")
    if isinstance(form_field, forms.DateField):
        return serializers.DateField(required=required)
    if isinstance(form_field, forms.ChoiceField):
        return serializers.ChoiceField(
            choices=list(cast(Any, form_field.choices)), required=required
        )
    if isinstance(form_field, forms.FileField):
        return serializers.ListField(child=serializers.FileField(), required=False)
    return serializers.CharField(required=required, allow_blank=not required)


STAFF_ACTIONS = {
    action: _action_view(action) for action in ACTION_FORMS if action != Action.WITHDRAW
}
