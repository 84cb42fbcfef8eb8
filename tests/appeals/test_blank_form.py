"""The blank appeal form, whose fields each process writes once per language and lists
(appeals/views/new_appeal.py): a fresh key on every page, nobody's data in the fields,
the page's language, and a changed list shown on the next page."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.utils import translation

from agencies import held
from agencies.models import Agency
from appeals.forms import AppealForm
from appeals.views import new_appeal as view
from tests.conftest import People, client_for

pytestmark = pytest.mark.django_db
NEW = "/appeals/new/"
KEY = re.compile(r'name="submission_key" value="([0-9a-f-]{36})"')
FIELDS = re.compile(r'name="complaint_of" id="id_complaint_of">(.*)<button type="submit" '
                    r'class="govuk-button" data-send>', re.S)  # fmt: skip


def _page(people: People, language: str = "ru", citizen: str = "citizen") -> str:
    client = client_for(getattr(people, citizen))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(NEW)
    assert response.status_code == 200
    return response.content.decode()


def _fields(page: str) -> str:
    match = FIELDS.search(page)
    assert match is not None
    return match.group(1)


def test_the_fields_are_the_templates_and_each_page_has_its_own_key(people: People) -> None:
    view._BLANK_FIELDS.clear()
    first, second = _page(people), _page(people, citizen="other_citizen")
    assert _fields(first) == _fields(second)
    with translation.override("ru"):
        form = AppealForm(initial={"language": "ru", "co_applicants": 0}, uploader=people.citizen)
        context = {"form": form, "suggestion": None, "proposal": None}
        written = view.render_to_string("appeals/_appeal_fields.html", context)
    assert _fields(first).strip() == written.strip()
    keys = {KEY.search(page).group(1) for page in (first, second)}  # type: ignore[union-attr]
    assert len(keys) == 2


@pytest.mark.parametrize(
    ("language", "label"), [("kk", "Өтініш мәтіні"), ("en", "Text of the appeal")]
)
def test_each_language_has_its_own_fields(people: People, language: str, label: str) -> None:
    _page(people, "ru")  # the Russian fields written first
    page = _page(people, language)
    assert label in page
    assert "Текст обращения" not in page
    assert f'<option value="{language}" selected>' in page  # the answer's: the page's


def test_a_body_added_is_on_the_next_page(people: People) -> None:
    _page(people)
    Agency.objects.create(
        code="akimat-new", kind=Agency.Kind.AKIMAT, name_ru="Аким нового района",
        name_kk="Жаңа аудан әкімі", name_en="New district akim",
    )  # fmt: skip
    held.forget_all()  # as the save's commit does in this process (agencies.held)
    assert "Аким нового района" in _page(people)
