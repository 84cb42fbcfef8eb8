"""The petitions' part of the walk of every page (tests/e2e/test_every_page.py): petitions of
the citizen to `people.agency` in each state (tests/security/petition_world.py), and the
stops of the public, the citizen, the moderator and the addressee's head."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page

from petitions.models import Petition
from petitions.upkeep import collections_close
from tests.conftest import People
from tests.e2e.walk import Stop, submit_empty
from tests.security.petition_world import Petitions


def build_petitions(people: People) -> Petitions:
    """Every state, made now: the walk's pages only read them."""
    world = Petitions(people)
    for state in ("submitted", "refused", "collecting", "listed", "considering", "answered"):
        getattr(world, state)
    world.flag  # noqa: B018 - for the moderators' flags page
    failed = world.accept(world.file())
    Petition.objects.filter(pk=failed.pk).update(
        collection_ends_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    collections_close(timezone.now())
    return world


def _detail(petition: Petition) -> str:
    return reverse("petitions:detail", args=[petition.slug])


def public_stops(world: Petitions) -> list[Stop]:
    failed = Petition.objects.filter(status=Petition.Status.FAILED).first()
    assert failed is not None
    return [
        Stop(reverse("petitions:list")),
        Stop(f"{reverse('petitions:list')}?q=nothing-like-this", "none found"),
        Stop(f"{reverse('petitions:list')}?status=answered&sort=signatures", "filtered"),
        Stop(_detail(world.collecting), "by its link only"),
        Stop(_detail(world.listed), "listed"),
        Stop(_detail(world.considering), "with the addressee"),
        Stop(_detail(world.answered), "answered"),
        Stop(_detail(failed), "failed"),
        Stop(reverse("petitions:signers", args=[world.listed.slug])),
        Stop(reverse("petitions:figures")),
        Stop(reverse("petitions:methodology")),
    ]  # fmt: skip


def citizen_stops(world: Petitions) -> list[Stop]:
    new = reverse("petitions:new")
    return [
        Stop(new), Stop(new, "after an empty submit", then=submit_empty),
        Stop(reverse("petitions:mine")),
        Stop(_detail(world.collecting), "signed by him"),
        Stop(_detail(world.listed), "to sign"),
    ]  # fmt: skip


def moderator_stops(world: Petitions) -> list[Stop]:
    moderate = reverse("backoffice:petitions_petition_moderate", args=[world.submitted.pk])
    return [
        Stop(reverse("backoffice:petitions_petition_moderation")),
        Stop(moderate), Stop(moderate, "after an empty refusal", then=_refuse_empty),
        Stop(reverse("backoffice:petitions_petition_moderate", args=[world.refused.pk]),
             "refused"),
        Stop(reverse("backoffice:petitions_petition_flags")),
    ]  # fmt: skip


def head_stops(world: Petitions) -> list[Stop]:
    change = "backoffice:petitions_petition_change"
    considering = reverse(change, args=[world.considering.pk])
    return [
        Stop(reverse("backoffice:petitions_petition_changelist")),
        Stop(considering), Stop(considering, "after an empty submit", then=submit_empty),
        Stop(reverse(change, args=[world.answered.pk]), "answered"),
    ]  # fmt: skip


def _refuse_empty(page: Page) -> None:
    """The refusal's form sent empty (the page has two forms: accept is the first)."""
    with page.expect_navigation():
        page.locator('form[action$="/refuse/"] [type=submit]').click()
