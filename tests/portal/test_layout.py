"""The frame every page shares: navigation with the current item, languages, forms in
GOV.UK Frontend's markup with an error summary, and the vendored design system itself."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django import forms
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from accounts.models import Membership
from notifications.models import Notification
from notifications.selectors import inbox_unread_count
from portal.devservices import BASE_DIR
from tests.conftest import People, client_for

VENDORED = BASE_DIR / "static" / "vendor" / "govuk-frontend"


def _current_nav_items(html: str) -> list[str]:
    return re.findall(r'aria-current="page"><strong[^>]*>([^<]+)</strong>', html)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "current"),
    [("/", []), ("/accounts/login/", []), ("/status/", ["Check a status"]),
     ("/ratings/", ["Rankings"]), ("/ratings/methodology/", ["Rankings"]), ("/help/", ["Help"])],
)  # fmt: skip
def test_the_navigation_marks_the_current_section(
    client: Client, path: str, current: list[str]
) -> None:
    response = client.get(path, HTTP_ACCEPT_LANGUAGE="en", follow=True)
    assert response.status_code == 200
    assert _current_nav_items(response.content.decode()) == current


@pytest.mark.django_db
def test_the_header_shows_the_back_office_to_staff_and_the_unread_count_in_one_statement(
    people: People,
) -> None:
    for n in range(4):  # one read, one by email only: 2 unread in the inbox
        Notification.objects.create(
            recipient=people.executor, kind="test", subject=f"{n}", body="", in_inbox=n != 3,
            read_at=timezone.now() if n == 0 else None,
        )  # fmt: skip
    assert inbox_unread_count(people.executor.pk) == 2
    staff, citizen = client_for(people.executor), client_for(people.citizen)
    citizen.get("/help/", HTTP_ACCEPT_LANGUAGE="en")  # the first: reads what is held
    staff.get("/help/", HTTP_ACCEPT_LANGUAGE="en")
    with CaptureQueriesContext(connection) as read:
        page = staff.get("/help/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    header = [q["sql"] for q in read if re.search("accounts_membership|notifications_", q["sql"])]
    assert len(header) == 1
    assert 'href="/backoffice/"' in page
    assert re.search(r'class="unread">2<', page)
    page = citizen.get("/help/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'href="/backoffice/"' not in page
    assert 'class="unread"' not in page
    Membership.objects.filter(user=people.executor).update(is_active=False)
    assert 'href="/backoffice/"' not in staff.get("/help/").content.decode()


@pytest.mark.django_db
def test_the_current_language_is_marked_and_not_a_button(client: Client) -> None:
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="kk").content.decode()
    assert re.search(
        r'<span class="govuk-language-navigation__text" lang="kk" aria-current="true">', html
    )
    assert 'value="kk"' not in html
    assert 'value="ru"' in html and 'value="en"' in html


class _Sample(forms.Form):
    name = forms.CharField(label="Name", help_text="As in your ID", max_length=5)
    kind = forms.ChoiceField(
        label="Kind", choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect
    )
    agree = forms.BooleanField(label="I agree")


def test_a_field_in_error_renders_as_govuk_shows_it() -> None:
    form = _Sample(data={"name": "too long", "kind": "", "agree": ""})
    with translation.override("en"):
        html = form.as_div()
    assert form.errors.keys() == {"name", "kind", "agree"}
    assert html.count("govuk-form-group--error") == 3
    # The error comes before the control and is tied to it.
    name_group = html[html.index('id="group-name"') : html.index('id="group-kind"')]
    assert name_group.index("govuk-error-message") < name_group.index("<input")
    assert 'class="govuk-input govuk-input--error"' in name_group
    assert 'aria-describedby="id_name_helptext id_name_error"' in name_group
    assert '<span class="govuk-visually-hidden">Error:</span>' in name_group
    # Radios and the single checkbox use the design system's 40 px controls.
    assert 'class="govuk-radios"' in html and 'class="govuk-radios__input"' in html
    assert "govuk-checkboxes__input" in html and "govuk-radios--small" not in html


def test_a_valid_form_has_no_error_markup() -> None:
    html = _Sample(data={"name": "Asel", "kind": "a", "agree": "on"}).as_div()
    assert "error" not in html


@pytest.mark.django_db
def test_a_form_in_error_has_a_summary_and_says_so_in_the_title(client: Client) -> None:
    response = client.post("/status/", {"reference": ""}, HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    assert re.search(r"<title>Error: ", html)
    summary = html[html.index("govuk-error-summary") :]
    assert "There is a problem" in summary
    assert re.search(r'<li><a href="#id_\w+">', summary)


def test_the_vendored_stylesheet_keeps_its_licence_and_no_outside_asset() -> None:
    css = (VENDORED / "govuk-frontend.min.css").read_text()
    assert ".govuk-error-summary" in css and ".govuk-radios__input" in css
    assert "url(" not in css  # no crown, crest or GDS Transport typeface
    assert "GDS Transport" not in css
    assert "Crown Copyright" in (VENDORED / "LICENSE.txt").read_text()
    assert Path(BASE_DIR / "tools" / "govuk-frontend" / "build.sh").is_file()
