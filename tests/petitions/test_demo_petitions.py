"""The demo's petitions: every state after `make run`, the counts exact, twice the same."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.db.models import Count, Q

from accounts.models import Membership, User
from petitions.demo import AUTHOR, MODERATOR
from petitions.models import TALLY_SHARDS, Petition, PetitionFlag, Signature, SignatureTally
from petitions.permissions import answering_agency_ids, is_moderator
from petitions.signing import signature_count

pytestmark = pytest.mark.django_db


def _load() -> str:
    out = io.StringIO()
    call_command("load_demo_petitions", stdout=out)
    return out.getvalue()


def test_every_state_to_every_kind_of_addressee_once() -> None:
    assert "Demo petitions created: 12" in _load()
    assert "Demo petitions created: 0" in _load()
    assert Petition.objects.count() == 12
    assert set(Petition.objects.values_list("status", flat=True)) == set(Petition.Status.values)
    assert set(Petition.objects.values_list("addressee__kind", flat=True)) == {
        "akimat", "local", "ministry", "government",
    }  # fmt: skip
    refused = Petition.objects.filter(status=Petition.Status.REFUSED)
    assert refused.filter(refusal_ground="excluded_subject", excluded_subject__isnull=False)
    assert set(Petition.objects.filter(status="answered").values_list("outcome", flat=True)) == set(
        Petition.Outcome.values
    )
    collecting = Petition.objects.filter(status=Petition.Status.COLLECTING)
    assert collecting.filter(listed_at__isnull=True).exists()
    assert collecting.filter(listed_at__isnull=False).exists()
    assert PetitionFlag.objects.filter(reviewed_at__isnull=True).exists()


def test_counts_match_the_rows_and_the_milestones_the_counts() -> None:
    _load()
    _load()
    for petition in Petition.objects.filter(status__in=Petition.PUBLISHED):
        active = Signature.objects.filter(petition=petition, withdrawn_at__isnull=True).count()
        assert signature_count(petition.pk) == active == petition.signatures_seen, petition.title
        assert SignatureTally.objects.filter(petition=petition).count() == TALLY_SHARDS
        assert (petition.listed_at is not None) == (active >= 50), petition.title
        reached = petition.status in ("considering", "answered")
        assert (active >= (petition.threshold or 0)) == reached, petition.title
        assert (petition.answer_due is not None) == reached
    assert Signature.objects.filter(withdrawn_at__isnull=False).exists()
    doubles = Signature.objects.filter(withdrawn_at__isnull=True).values("petition", "iin")
    assert not doubles.annotate(n=Count("id")).filter(n__gt=1).exists()
    assert not Petition.objects.filter(status="answered", notified_at__isnull=True).exists()


def test_the_people_can_do_their_part() -> None:
    _load()
    assert is_moderator(User.objects.get(email=MODERATOR))
    author = User.objects.get(email=AUTHOR)
    assert author.iin_proven and author.check_password("otinish-demo")
    signers = User.objects.filter(petition_signatures__isnull=False).distinct()
    assert not signers.filter(Q(iin_verified_at__isnull=True) | Q(iin_bin="")).exists()
    for petition in Petition.objects.filter(status__in=["considering", "answered"]):
        head = Membership.objects.get(agency=petition.addressee, role="head").user
        assert petition.addressee_id in answering_agency_ids(head)
