"""Serializers whose fields are copied as they stand (core.api_fields: KeptModelFields,
CopiedFields): each instance gets fields of its own, and the reply and the checks of a
request are what DRF's own copies make."""

from __future__ import annotations

import copy
from typing import Any, cast

import pytest
from django.test import RequestFactory
from rest_framework import serializers
from rest_framework.request import Request

from appeals.api import serializers as api
from appeals.api.linked import StaffAppealDetailSerializer
from appeals.models import Appeal
from appeals.services import appeal_register
from core.api_fields import without_files
from tests.conftest import People, submit_appeal

pytestmark = pytest.mark.django_db
KEPT = [
    api.AppealSerializer, api.AppealDetailSerializer, api.AppealCreatedSerializer,
    StaffAppealDetailSerializer,
]  # fmt: skip


def _as_drf_builds_it(serializer: type[Any]) -> type[Any]:
    class Built(serializer):
        def get_fields(self) -> dict[str, Any]:
            return serializers.ModelSerializer.get_fields(self)

    return Built


def _appeal(people: People) -> Appeal:
    appeal = submit_appeal(people.citizen, people.agency)
    appeal_register(appeal_id=appeal.pk, actor=people.registrar)
    return Appeal.objects.get(pk=appeal.pk)


@pytest.mark.parametrize("serializer", KEPT, ids=lambda s: s.__name__)
def test_the_reply_is_what_drfs_own_fields_make(people: People, serializer: type[Any]) -> None:
    appeal = _appeal(people)
    request = Request(RequestFactory().get("/"))
    request.user = people.citizen
    context = {"request": request, "lookup_code": "ABCD-EFGH", "reader": people.executor}
    kept = serializer(appeal, context=context).data
    assert kept == _as_drf_builds_it(serializer)(appeal, context=context).data
    assert kept == serializer(appeal, context=context).data  # and again, from what is kept


def test_each_instance_has_fields_of_its_own_bound_to_it(people: People) -> None:
    appeal = _appeal(people)
    first, second = (api.AppealCreatedSerializer(appeal) for _ in range(2))
    for name, field in first.fields.items():
        other = second.fields[name]
        assert field is not other
        assert (field.parent, other.parent) == (first, second)
    timeline: Any = first.fields["timeline"]
    assert timeline.child is not cast(Any, second.fields["timeline"]).child
    assert timeline.child.parent is timeline


GOOD = {
    "type": "application", "category": "housing-heating", "region": "KZ-75",
    "addressee": "akimat-kz-75", "subject": "Нет отопления", "language": "ru",
    "text": "В доме по улице Абая, 10 нет отопления с 1 ноября.", "consent": True,
}  # fmt: skip
BAD = [
    {"subject": ""}, {"consent": False}, {"text": "Коротко"}, {"co_applicants": -1},
    {"language": "xx"}, {"subject": None, "text": 5},
]  # fmt: skip


def _as_drf_declares_it(serializer: type[Any]) -> type[Any]:
    class Declared(serializer):
        def get_fields(self) -> dict[str, Any]:
            return copy.deepcopy(self._declared_fields)

    return Declared


@pytest.mark.parametrize("changes", [{}, *BAD])
def test_a_request_is_checked_as_drfs_own_fields_check_it(
    people: People, changes: dict[str, Any]
) -> None:
    request = Request(RequestFactory().post("/"))
    request.user = people.citizen
    checked = []
    for serializer in (api.AppealCreateSerializer, _as_drf_declares_it(api.AppealCreateSerializer)):
        data = without_files(serializer)(data={**GOOD, **changes}, context={"request": request})
        checked.append((data.is_valid(), data.errors, data.validated_data if not changes else {}))
    assert checked[0] == checked[1]
    assert checked[0][0] is not bool(changes)


def test_two_requests_do_not_share_a_field() -> None:
    first, second = api.AppealCreateSerializer(), api.AppealCreateSerializer()
    for name, field in first.fields.items():
        assert field is not second.fields[name]
        assert field.parent is first
