from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from agencies.models import Agency
from appeals.attachments import clean_upload
from appeals.models import Appeal, Attachment
from appeals.rating import feedback_give
from appeals.services import appeal_answer, appeal_assign, appeal_register
from tests.appeals.test_hearings import refused_after_hearing
from tests.conftest import People, client_for, submit_appeal
from tests.files import pdf, png

pytestmark = pytest.mark.django_db


@pytest.fixture
def attachment(people: People) -> Attachment:
    appeal = submit_appeal(people.citizen, people.agency, attachments=[clean_upload(pdf())])
    return appeal.attachments.get()


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("citizen", 200),
        ("registrar", 200),
        ("controller", 200),
        ("other_citizen", 404),
        ("other_agency_head", 404),
    ],
)
def test_who_may_download_an_attachment(
    people: People, attachment: Attachment, who: str, status: int
) -> None:
    response = client_for(getattr(people, who)).get(
        reverse("appeals:attachment", args=[attachment.pk])
    )
    assert response.status_code == status
    if status == 200:
        assert response["Content-Disposition"].startswith("attachment;")
        assert response["Content-Type"] == "application/pdf"
        assert response["X-Content-Type-Options"] == "nosniff"


def test_anonymous_visitors_download_nothing(client: Client, attachment: Attachment) -> None:
    response = client.get(reverse("appeals:attachment", args=[attachment.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_files_have_no_public_address(client: Client, attachment: Attachment) -> None:
    assert client.get("/media/" + attachment.file.name).status_code == 404
    assert client.get("/static/" + attachment.file.name).status_code == 404


def test_the_answers_files_reach_the_citizen(people: People) -> None:
    appeal = submit_appeal(people.citizen, people.agency)
    appeal_register(appeal_id=appeal.pk, actor=people.registrar)
    appeal_assign(appeal_id=appeal.pk, actor=people.head, executor=people.executor)
    appeal_answer(
        appeal_id=appeal.pk, actor=people.executor, kind="explained", text="См. файл",
        attachments=[clean_upload(png())], override_warnings=True,
    )  # fmt: skip
    content = client_for(people.citizen).get(reverse("appeals:detail", args=[appeal.pk]))
    file = appeal.attachments.get(kind=Attachment.Kind.ANSWER)
    assert reverse("appeals:attachment", args=[file.pk]) in content.content.decode()


def test_a_dissatisfied_citizen_complains_to_the_higher_body(
    people: People, appeal_in: Callable[[str], Appeal]
) -> None:
    district = Agency.objects.get(code="akimat-kz-75-almaly")
    appeal = submit_appeal(people.citizen, district)
    registrar = people.registrar
    from tests.factories import MembershipFactory

    for role in ("registrar", "head", "executor"):
        MembershipFactory(user=getattr(people, role), agency=district, role=role)
    appeal_register(appeal_id=appeal.pk, actor=registrar)
    appeal_assign(appeal_id=appeal.pk, actor=people.head, executor=people.executor)
    refused_after_hearing(appeal, people.executor)
    feedback_give(appeal_id=appeal.pk, satisfied=False, reason="formal")

    client = client_for(people.citizen)
    page = client.get(reverse("appeals:detail", args=[appeal.pk])).content.decode()
    complain_url = reverse("appeals:new") + f"?complaint_of={appeal.pk}"
    assert complain_url in page
    form = client.get(complain_url).context["form"]
    assert form["addressee"].value() == people.agency.pk  # the city akimat above the district
    assert appeal.reference in form["subject"].value()
    data = {
        name: form[name].value()
        for name in ("submission_key", "complaint_of", "category", "region", "addressee",
                     "subject", "language", "co_applicants")
    }  # fmt: skip
    data.update(
        appeal_type=form["appeal_type"].value(),
        text=form["text"].value() + " ответ формальный, вопрос не решён.",
        consent="on",
    )
    response = client.post(reverse("appeals:new"), data)
    assert response.status_code == 302, response.context["form"].errors
    complaint = Appeal.objects.get(complaint_of=appeal)
    assert (complaint.type.code, complaint.agency) == ("complaint", people.agency)
    page = client.get(reverse("appeals:detail", args=[appeal.pk])).content.decode()
    assert complaint.reference in page
    page = client.get(reverse("appeals:detail", args=[complaint.pk])).content.decode()
    assert reverse("appeals:detail", args=[appeal.pk]) in page


def test_nobody_complains_about_anothers_appeal(
    people: People, appeal_in: Callable[[str], Appeal]
) -> None:
    appeal = appeal_in("answered")
    form = (
        client_for(people.other_citizen)
        .get(reverse("appeals:new") + f"?complaint_of={appeal.pk}")
        .context["form"]
    )
    assert form["complaint_of"].value() is None
