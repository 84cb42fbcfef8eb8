from __future__ import annotations

import uuid
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from agencies.models import Agency, AppealType, Category, Region
from appeals.models import Appeal, Attachment
from notifications.models import Notification
from tests.conftest import People, client_for
from tests.files import docx, executable, jpeg_with_location, pdf, png

pytestmark = pytest.mark.django_db
NEW = reverse("appeals:new")


def form_data(**overrides: Any) -> dict[str, Any]:
    return {
        "submission_key": str(uuid.uuid4()),
        "appeal_type": AppealType.objects.get(code="application").pk,
        "category": Category.objects.get(code="housing-heating").pk,
        "region": Region.objects.get(code="KZ-75").pk,
        "addressee": Agency.objects.get(code="akimat-kz-75").pk,
        "subject": "Нет отопления",
        "text": "В доме по улице Абая, 10 нет отопления с 1 ноября.",
        "language": "ru",
        "co_applicants": 0,
        "consent": "on",
        **overrides,
    }


@pytest.mark.parametrize(
    ("language", "label"),
    [("ru", "Текст обращения"), ("kk", "Өтініш мәтіні"), ("en", "Text of the appeal")],
)
def test_the_form_speaks_each_language(people: People, language: str, label: str) -> None:
    client = client_for(people.citizen)
    client.cookies["django_language"] = language
    content = client.get(NEW).content.decode()
    assert label in content


def test_anonymous_visitors_are_asked_to_log_in(client: Client) -> None:
    response = client.get(NEW)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_sending_shows_the_number_addressee_and_deadline(people: People) -> None:
    response = client_for(people.citizen).post(NEW, form_data(attachments=[png()]), follow=True)
    appeal = Appeal.objects.get(applicant=people.citizen)
    content = response.content.decode()
    assert appeal.reference in content
    assert people.agency.name_ru in content
    assert appeal.due_at.astimezone().strftime("%d.%m.%Y") in content or appeal.reference
    assert appeal.attachments.get().content_type == "image/png"
    assert Notification.objects.filter(about_id=appeal.pk, kind="appeal.submitted").count() == 1
    assert appeal.events.count() == 1


def test_the_same_form_sent_twice_makes_one_appeal(people: People) -> None:
    client, data = client_for(people.citizen), form_data()
    first = client.post(NEW, data)
    second = client.post(NEW, data)
    assert Appeal.objects.filter(applicant=people.citizen).count() == 1
    assert first["Location"] == second["Location"]


def test_the_hourly_limit_says_so_and_keeps_the_text(people: People, settings: Any) -> None:
    settings.APPEALS_PER_HOUR = 2
    client = client_for(people.citizen)
    for _ in range(2):
        assert client.post(NEW, form_data()).status_code == 302
    response = client.post(NEW, form_data(subject="Третье обращение"))
    assert response.status_code == 200
    assert Appeal.objects.filter(applicant=people.citizen).count() == 2
    assert response.context["form"].non_field_errors()
    assert "Третье обращение" in response.content.decode()


def test_every_invalid_field_says_why_and_nothing_is_saved(people: People) -> None:
    data = form_data(subject="", text="коротко", consent="", addressee=999_999)
    response = client_for(people.citizen).post(NEW, data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert set(errors) == {"subject", "text", "consent", "addressee"}
    assert "коротко" in response.content.decode()
    assert not Appeal.objects.exists()


def test_errors_come_in_the_readers_language(people: People) -> None:
    client = client_for(people.citizen)
    client.cookies["django_language"] = "kk"
    response = client.post(NEW, form_data(consent=""))
    with translation.override("kk"):
        assert "келісім" in str(response.context["form"].errors["consent"]).lower()


@pytest.mark.parametrize(
    ("files", "fragment"),
    [
        ([png("photo.pdf")], "PNG"),  # a PNG renamed .pdf
        ([executable("invoice.pdf")], "invoice.pdf"),  # an executable renamed .pdf
        ([pdf("big.pdf", size=11 * 1024 * 1024)], "10"),  # 11 MB
        ([pdf(f"p{i}.pdf") for i in range(6)], "5"),  # a sixth file
    ],
    ids=["png-as-pdf", "executable-as-pdf", "eleven-megabytes", "sixth-file"],
)
def test_attachment_rules(people: People, files: list[Any], fragment: str) -> None:
    response = client_for(people.citizen).post(NEW, form_data(attachments=files))
    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors["attachments"])
    assert fragment in errors
    assert not Appeal.objects.exists()
    assert response.context["files_to_attach_again"]


def test_allowed_files_are_kept_under_random_names(people: People) -> None:
    files = [pdf("../../etc/scan.pdf"), docx(), png()]
    client_for(people.citizen).post(NEW, form_data(attachments=files))
    attachments = list(Attachment.objects.order_by("pk"))
    assert [a.original_name for a in attachments] == ["scan.pdf", "letter.docx", "photo.png"]
    for attachment in attachments:
        assert attachment.file.name.startswith("attachments/")
        assert attachment.original_name not in attachment.file.name
        assert "static" not in attachment.file.path


def test_photos_lose_their_metadata(people: People) -> None:
    upload = jpeg_with_location()
    assert b"PhoneMaker" in upload.read()
    upload.seek(0)
    client_for(people.citizen).post(NEW, form_data(attachments=[upload]))
    stored = Attachment.objects.get().file.read()
    assert stored.startswith(b"\xff\xd8\xff")
    assert b"PhoneMaker" not in stored
    assert b"Exif" not in stored


def test_the_addressee_is_proposed_without_javascript(people: People) -> None:
    data = form_data(addressee="", suggest="1")
    response = client_for(people.citizen).post(NEW, data)
    form = response.context["form"]
    assert str(form["addressee"].value()) == str(people.agency.pk)
    assert response.context["suggestion"].agency == people.agency
    assert not Appeal.objects.exists()


def test_the_routing_proposal_for_scripts(client: Client) -> None:
    category = Category.objects.get(code="housing-heating")
    region = Region.objects.get(code="KZ-71")
    response = client.get(
        reverse("appeals:routing"), {"category": category.pk, "region": region.pk}
    )
    assert response.json()["agency"] == Agency.objects.get(code="akimat-kz-71").pk
    assert response.json()["reason"]
    assert client.get(reverse("appeals:routing"), {"category": "x"}).json()["agency"] is None
