"""Serializers that keep their model's fields (core.api_fields.KeptModelFields): each
instance gets fields of its own, and the reply is what DRF's own fields make."""

from __future__ import annotations

from typing import Any, cast

import pytest
from django.test import RequestFactory
from rest_framework import serializers
from rest_framework.request import Request

from appeals.api import serializers as api
from appeals.api.linked import StaffAppealDetailSerializer
from appeals.models import Appeal
from appeals.services import appeal_register
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
