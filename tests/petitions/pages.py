"""What the page tests of petitions share: limits lifted (their counters outlive a test
run in Redis, and a new test database gives the same user ids again), the staff of the
addressee, and a petition brought to the addressee's queue."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.test import Client

from accounts.models import Membership, User
from agencies.models import Agency
from petitions.models import Petition
from tests.conftest import client_for
from tests.factories import MembershipFactory
from tests.petitions.world import LOCAL_BODY, published, signed_by, staff_of

# Pages in English, whatever the default language (the kwargs of a test client's request).
EN: dict[str, Any] = {"HTTP_ACCEPT_LANGUAGE": "en"}


def lift_limits(settings: Any, media: Path) -> None:
    settings.PETITIONS_FILED_PER_DAY = 1000
    settings.PETITIONS_SIGN_PER_ACCOUNT_HOUR = 1000
    settings.PETITIONS_SIGN_PER_ADDRESS_HOUR = 100_000
    settings.MEDIA_ROOT = media


def considering(**fields: Any) -> Petition:
    """A petition that reached its (lowered) threshold: in the addressee's queue."""
    petition = published(threshold=1, **fields)
    signed_by(petition, 1)
    petition.refresh_from_db()
    assert petition.status == Petition.Status.CONSIDERING
    return petition


def controller_above(code: str = LOCAL_BODY) -> User:
    """A controller of the body above the addressee (the city's akimat above a district's)."""
    parent = Agency.objects.get(code=code).parent
    assert parent is not None
    return MembershipFactory.create(role=Membership.Role.CONTROLLER, agency=parent).user


def visitor(who: str) -> Client:
    """A browser for one of the cast: the addressee's staff by role, a controller above it,
    the head of another body, or an anonymous visitor."""
    if who == "anonymous":
        return Client()
    if who == "controller_above":
        return client_for(controller_above())
    if who == "other_agency_head":
        return client_for(staff_of("akimat-kz-71"))
    return client_for(staff_of(LOCAL_BODY, role=who))
