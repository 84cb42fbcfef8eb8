from __future__ import annotations

import re

import pytest
from django.db.models import Model

from agencies.models import Agency, AppealType, Category, Region
from agencies.reference import reference_load

pytestmark = pytest.mark.django_db

REGION_CODES = {
    "KZ-10", "KZ-11", "KZ-15", "KZ-19", "KZ-23", "KZ-27", "KZ-31", "KZ-33", "KZ-35", "KZ-39",
    "KZ-43", "KZ-47", "KZ-55", "KZ-59", "KZ-61", "KZ-62", "KZ-63", "KZ-71", "KZ-75", "KZ-79",
}  # fmt: skip
ACTIVE_MINISTRIES = {
    "mvd", "mid", "mo", "mf", "mne", "mju", "mz", "mp", "mnvo", "mtszn", "me", "msh", "mepr",
    "mvri", "mps", "mt", "mti", "mtsriap", "mki", "mts", "mchs",
}  # fmt: skip
ABOLISHED_MINISTRIES = {"miir", "megpr", "mon"}
# Letters that Kazakh has and Russian has not: a Kazakh name copied from Russian has none.
KAZAKH_LETTERS = re.compile("[әғқңөұүһіӘҒҚҢӨҰҮҺІ]")
CYRILLIC = re.compile("[а-яА-ЯёЁ]")


def test_the_twenty_regions_with_their_iso_codes() -> None:
    assert set(Region.objects.values_list("code", flat=True)) == REGION_CODES
    cities = set(Region.objects.filter(kind=Region.Kind.CITY).values_list("code", flat=True))
    assert cities == {"KZ-71", "KZ-75", "KZ-79"}


def test_every_region_has_its_akimat() -> None:
    akimats = Agency.objects.filter(kind=Agency.Kind.AKIMAT, is_active=True)
    assert {a.region.code for a in akimats.select_related("region")} == REGION_CODES  # type: ignore[union-attr]
    assert Agency.objects.get(code="akimat-kz-75").region == Region.objects.get(code="KZ-75")


def test_twenty_four_ministries_of_which_twenty_one_active() -> None:
    ministries = Agency.objects.filter(kind=Agency.Kind.MINISTRY)
    assert ministries.count() == 24
    assert set(ministries.filter(is_active=True).values_list("code", flat=True)) == (
        ACTIVE_MINISTRIES
    )
    assert set(ministries.filter(is_active=False).values_list("code", flat=True)) == (
        ABOLISHED_MINISTRIES
    )
    assert Agency.objects.get(code="mvd").abbreviation == "МВД"


def test_district_akimats_hang_under_their_city() -> None:
    almaly = Agency.objects.get(code="akimat-kz-75-almaly")
    assert almaly.kind == Agency.Kind.LOCAL
    assert almaly.parent == Agency.objects.get(code="akimat-kz-75")


def test_categories_form_a_two_level_tree() -> None:
    top = Category.objects.filter(parent__isnull=True)
    assert top.count() == 17
    assert not Category.objects.filter(parent__parent__isnull=False).exists()
    assert all(category.children.exists() for category in top)


def test_every_central_category_names_an_active_body() -> None:
    central = Category.objects.filter(jurisdiction=Category.Jurisdiction.CENTRAL)
    assert central.exists()
    assert not central.filter(central_agency__isnull=True).exists()
    assert not central.filter(central_agency__is_active=False).exists()
    assert Category.objects.get(code="public-safety").central_agency.code == "mvd"  # type: ignore[union-attr]


def test_the_six_appeal_types_and_their_deadlines() -> None:
    deadlines = dict(AppealType.objects.values_list("prefix", "deadline_working_days"))
    assert deadlines == {"ЗТ": 15, "ЗП": 15, "ПТ": 15, "ОТ": 15, "СБ": 15, "ЖТ": 20}


@pytest.mark.parametrize("model", [Region, Agency, Category, AppealType])
def test_names_are_in_three_real_languages(model: type[Model]) -> None:
    rows = list(model._default_manager.values_list("name_ru", "name_kk", "name_en"))
    for name_ru, name_kk, name_en in rows:
        assert CYRILLIC.search(name_ru), name_ru
        assert name_kk and name_kk != name_ru, name_ru
        assert name_en and not CYRILLIC.search(name_en), name_en
    # Some Kazakh words need no letter of their own ("Мектептер", "Павлодар облысы"; two of
    # the six appeal types, «Арыз» and «Хабарлама»), but names copied from Russian would have
    # none at all.
    kazakh = sum(bool(KAZAKH_LETTERS.search(name_kk)) for _, name_kk, _ in rows)
    assert kazakh >= 2 / 3 * len(rows)


def test_loading_again_creates_nothing_and_keeps_admin_edits() -> None:
    Region.objects.filter(code="KZ-75").update(name_en="Almaty (edited)")
    counts = {model: model._default_manager.count() for model in (Region, Agency, Category)}
    loader = reference_load()
    assert sum(loader.created.values()) == 0
    assert {model: model._default_manager.count() for model in counts} == counts
    assert Region.objects.get(code="KZ-75").name_en == "Almaty (edited)"


def test_update_restores_the_shipped_names() -> None:
    Region.objects.filter(code="KZ-75").update(name_en="Almaty (edited)")
    reference_load(update=True)
    assert Region.objects.get(code="KZ-75").name_en == "Almaty"
