from __future__ import annotations

from typing import Any

import pytest
from django.utils import translation

from agencies.models import Agency, Category, Region, RoutingRule
from agencies.routing import suggest_agency

pytestmark = pytest.mark.django_db


@pytest.fixture
def almaty() -> Region:
    return Region.objects.get(code="KZ-75")


@pytest.fixture
def heating() -> Category:
    return Category.objects.get(code="housing-heating")


def test_a_local_matter_goes_to_the_akimat_of_the_region(almaty: Region, heating: Category) -> None:
    suggestion = suggest_agency(category=heating, region=almaty)
    assert suggestion.agency == Agency.objects.get(code="akimat-kz-75")
    assert suggestion.found


def test_a_central_matter_goes_to_the_named_ministry(almaty: Region) -> None:
    pensions = Category.objects.get(code="pensions-benefits").children.first()
    assert pensions is not None
    suggestion = suggest_agency(category=pensions, region=almaty)
    assert suggestion.agency == Agency.objects.get(code="mtszn")


def test_the_reason_is_in_the_readers_language(almaty: Region, heating: Category) -> None:
    with translation.override("en"):
        reason = suggest_agency(category=heating, region=almaty).reason
    assert "Almaty" in reason
    assert "local matter" in reason


def test_a_rule_for_the_region_beats_a_rule_for_every_region(
    almaty: Region, heating: Category
) -> None:
    district = Agency.objects.get(code="akimat-kz-75-almaly")
    RoutingRule.objects.create(category=heating, agency=Agency.objects.get(code="me"))
    RoutingRule.objects.create(category=heating, region=almaty, agency=district, note="Pilot")
    suggestion = suggest_agency(category=heating, region=almaty)
    assert suggestion.agency == district
    assert suggestion.reason == "Pilot"
    elsewhere = suggest_agency(category=heating, region=Region.objects.get(code="KZ-71"))
    assert elsewhere.agency == Agency.objects.get(code="me")


def test_a_rule_for_the_subcategory_beats_one_for_its_parent(
    almaty: Region, heating: Category
) -> None:
    assert heating.parent is not None
    RoutingRule.objects.create(
        category=heating.parent, region=almaty, agency=Agency.objects.get(code="mne")
    )
    RoutingRule.objects.create(category=heating, agency=Agency.objects.get(code="me"))
    assert suggest_agency(category=heating, region=almaty).agency == Agency.objects.get(code="me")


def test_a_parent_rule_applies_to_its_subcategories(almaty: Region, heating: Category) -> None:
    assert heating.parent is not None
    RoutingRule.objects.create(category=heating.parent, agency=Agency.objects.get(code="me"))
    assert suggest_agency(category=heating, region=almaty).agency == Agency.objects.get(code="me")


def test_an_inactive_rule_is_ignored(almaty: Region, heating: Category) -> None:
    RoutingRule.objects.create(
        category=heating, agency=Agency.objects.get(code="me"), is_active=False
    )
    suggestion = suggest_agency(category=heating, region=almaty)
    assert suggestion.agency == Agency.objects.get(code="akimat-kz-75")


def test_no_match_says_so_clearly(almaty: Region, heating: Category) -> None:
    Agency.objects.filter(code="akimat-kz-75").update(is_active=False)
    with translation.override("en"):
        suggestion = suggest_agency(category=heating, region=almaty)
    assert suggestion.agency is None
    assert not suggestion.found
    assert "choose the addressee yourself" in suggestion.reason


def test_an_abolished_ministry_is_never_proposed(almaty: Region) -> None:
    category = Category.objects.filter(central_agency__code="mtszn").first()
    assert category is not None
    Category.objects.filter(pk=category.pk).update(central_agency=Agency.objects.get(code="mon"))
    category.refresh_from_db()
    assert suggest_agency(category=category, region=almaty).agency is None


def test_a_proposal_reads_nothing_once_the_rules_and_bodies_are_held(
    almaty: Region, heating: Category, django_assert_num_queries: Any
) -> None:
    me, astana = Agency.objects.get(code="me"), Region.objects.get(code="KZ-71")
    RoutingRule.objects.create(category=heating, region=almaty, agency=me)
    central = Category.objects.filter(central_agency__code="mtszn").first()
    assert central is not None
    expected = [me, Agency.objects.get(code="akimat-kz-71"), Agency.objects.get(code="mtszn")]
    suggest_agency(category=central, region=almaty)  # reads the rules and the body
    suggest_agency(category=heating, region=Region.objects.get(code="KZ-79"))  # the akimats
    with django_assert_num_queries(0):  # combinations never asked before
        proposed = [
            suggest_agency(category=heating, region=almaty).agency,
            suggest_agency(category=heating, region=astana).agency,
            suggest_agency(category=central, region=astana).agency,
        ]
    assert proposed == expected
