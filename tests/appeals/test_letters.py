"""The answer's letter: what it says, its signature, one per answer, and its public check."""

from __future__ import annotations

import concurrent.futures
import datetime
import hashlib
import multiprocessing
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone, translation
from pyhanko.sign import signers
from pypdf import PdfReader

from appeals.complaint_decisions import complaint_decide
from appeals.letters.codes import CODE, code_new, code_normal
from appeals.letters.content import LetterContent, letter_content
from appeals.letters.issuance import letter_issue
from appeals.letters.keys import CERT_FILE, KEY_FILE, dev_pair
from appeals.letters.render import letter_prepared
from appeals.letters.signing import NotTheLetter, signature_checked
from appeals.letters.tasks import issue_letter
from appeals.letters.verification import Verdict, letter_verify
from appeals.models import Appeal, Letter
from appeals.services import appeal_answer, appeal_assign, appeal_register
from core.refusals import ActionRefused
from tests.appeals.letters import (
    letter_settings,  # noqa: F401 - a fixture
    one_byte_changed,
    pdf_text,
    signing_pair,  # noqa: F401 - a fixture
)
from tests.conftest import People, submit_appeal
from tests.security.access_world import complaint_in_progress
from tests.workers import asked_after_commit

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("letter_settings")]

AnswerIn = Callable[[str], Appeal]


@pytest.fixture
def answered(appeal_in: AnswerIn) -> Appeal:
    return appeal_in(Appeal.Status.ANSWERED)


def _file(letter: Letter) -> bytes:
    with letter.file.open("rb") as stored:
        return stored.read()


def _upload(data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile("letter.pdf", data, content_type="application/pdf")


# --- What it says ----------------------------------------------------------------------------


def test_the_letter_holds_the_answer_and_who_wrote_it(answered: Appeal, people: People) -> None:
    letter = letter_issue(answered.pk)
    text = pdf_text(_file(letter))
    expected = [
        people.agency.name_ru, answered.reference, "Алия Citizen", "Нет отопления",
        "Отопление дали.", people.executor.full_name, people.head.full_name, letter.code,
        f"/verify/{letter.code}/", f"{timezone.localtime(answered.received_at):%d.%m.%Y}",
    ]  # fmt: skip
    assert [piece for piece in expected if piece not in text] == []


def test_the_letter_is_in_the_appeals_language(people: People) -> None:
    appeal = submit_appeal(people.citizen, people.agency, language="kk", subject="Жылу жоқ")
    appeal_register(appeal_id=appeal.pk, actor=people.registrar)
    appeal_assign(appeal_id=appeal.pk, actor=people.head, executor=people.executor)
    text = "Құрметті азамат! Жылу берілді: әғқңөұүһі."
    appeal_answer(appeal_id=appeal.pk, actor=people.executor, kind="explained", text=text)
    rendered = pdf_text(_file(letter_issue(appeal.pk)))
    assert text in rendered
    assert people.agency.name_kk in rendered
    with translation.override("kk"):
        assert str(Appeal.AnswerKind.EXPLAINED.label) in rendered


def test_a_long_answer_runs_over_several_pages(people: People) -> None:
    appeal = submit_appeal(people.citizen, people.agency)
    appeal_register(appeal_id=appeal.pk, actor=people.registrar)
    appeal_assign(appeal_id=appeal.pk, actor=people.head, executor=people.executor)
    long = ("Абзац ответа с подробностями. " * 30 + "\n\n") * 11
    appeal_answer(appeal_id=appeal.pk, actor=people.executor, kind="explained", text=long[:10000])
    letter = letter_issue(appeal.pk)
    text = pdf_text(_file(letter))
    assert text.count("Абзац ответа") == long[:10000].count("Абзац ответа")
    assert letter.code in text  # the verification block comes after all of it
    assert len(PdfReader(letter.file.path).pages) >= 3


def test_a_body_without_a_head_on_the_portal_says_so(answered: Appeal, people: People) -> None:
    people.head.memberships.update(is_active=False)
    with translation.override("en"):
        content = letter_content(Appeal.objects.get(pk=answered.pk), code_new())
    assert content.head == ""
    text = pdf_text(letter_prepared(content))
    assert people.head.full_name not in text


def test_the_same_content_renders_to_the_same_bytes() -> None:
    content = LetterContent(
        language="ru", agency="Акимат", reference="ЖТ-2026-000001",
        received=datetime.date(2026, 3, 2), answered=datetime.date(2026, 3, 20),
        addressee="Алия", subject="Тема", kind="Ответ: разъяснено", text="Текст <b>&amp;</b>",
        executor="Исполнитель", head="Руководитель", code=code_new(),
        verify_url="http://testserver/verify/x/",
    )  # fmt: skip
    assert letter_prepared(content) == letter_prepared(content)
    assert "Текст <b>&amp;</b>" in pdf_text(letter_prepared(content))


# --- Its signature -----------------------------------------------------------------------------


def test_the_letter_is_signed_and_its_fingerprint_kept(answered: Appeal) -> None:
    letter = letter_issue(answered.pk)
    data = _file(letter)
    assert letter.sha256 == hashlib.sha256(data).hexdigest()
    assert letter.signer == Letter.Signer.SERVER
    checked = signature_checked(data)
    assert checked.status.intact and checked.status.valid
    assert checked.signature.field_name == "Signature1"


@pytest.mark.parametrize("where", ["start", "middle", "end"])
def test_a_changed_byte_breaks_the_signature(answered: Appeal, where: str) -> None:
    data = _file(letter_issue(answered.pk))
    at = {"start": 200, "middle": None, "end": len(data) - 40}[where]
    with pytest.raises(NotTheLetter):
        signature_checked(one_byte_changed(data, at))


# --- One letter per answer --------------------------------------------------------------------


def test_issuing_twice_gives_the_same_letter(answered: Appeal) -> None:
    first, second = letter_issue(answered.pk), letter_issue(answered.pk)
    assert first.pk == second.pk
    assert Letter.objects.filter(appeal=answered).count() == 1


def test_an_appeal_without_an_answer_has_no_letter(appeal_in: AnswerIn) -> None:
    appeal = appeal_in(Appeal.Status.IN_PROGRESS)
    with pytest.raises(ActionRefused):
        letter_issue(appeal.pk)
    assert not Letter.objects.exists()


def test_answering_schedules_the_letter_after_commit(
    appeal_in: AnswerIn, people: People, django_capture_on_commit_callbacks: Any
) -> None:
    appeal = appeal_in(Appeal.Status.IN_PROGRESS)
    with django_capture_on_commit_callbacks() as callbacks:
        appeal_answer(appeal_id=appeal.pk, actor=people.executor, kind="explained",
                      text="Отопление дали.", override_warnings=True)  # fmt: skip
    assert (issue_letter.name, (appeal.pk,)) in asked_after_commit(callbacks)


def test_the_task_issues_the_letter(answered: Appeal) -> None:

    code = issue_letter.apply(args=(answered.pk,)).get()
    assert Letter.objects.get(appeal=answered).code == code


def test_a_reconsidered_and_answered_again_appeal_gets_a_new_letter(people: People) -> None:
    complaint = complaint_in_progress(people)
    assert complaint.complaint_of_id is not None
    silent = Appeal.objects.get(pk=complaint.complaint_of_id)
    # The silent appeal answered late, the complaint about it then upheld: a new answer.
    appeal_register(appeal_id=silent.pk, actor=_staff(silent, "registrar"))
    head, executor = _staff(silent, "head"), _staff(silent, "executor")
    _answer(silent, head, executor, "explained", "Сначала разъяснили.")
    first = letter_issue(silent.pk)
    complaint_decide(appeal_id=complaint.pk, actor=people.executor, outcome="upheld", text="Да.")
    assert letter_issue(complaint.pk).appeal_id == complaint.pk  # the decision has its own
    _answer(silent, head, executor, "satisfied", "Сделано.")
    second = letter_issue(silent.pk)
    assert second.pk != first.pk and second.code != first.code
    assert "Сделано." in pdf_text(_file(second)) and "Сначала разъяснили." in pdf_text(_file(first))


def _answer(appeal: Appeal, head: Any, executor: Any, kind: str, text: str) -> None:
    appeal_assign(appeal_id=appeal.pk, actor=head, executor=executor)
    appeal_answer(appeal_id=appeal.pk, actor=executor, kind=kind, text=text,
                  override_warnings=True)  # fmt: skip


def _staff(appeal: Appeal, role: str) -> Any:
    from tests.factories import MembershipFactory

    return MembershipFactory.create(agency=appeal.agency, role=role).user


# --- Codes ---------------------------------------------------------------------------------


def test_codes_are_long_random_and_grouped() -> None:
    codes = {code_new() for _ in range(200)}
    assert len(codes) == 200
    assert all(CODE.fullmatch(code) for code in codes)


@pytest.mark.parametrize(
    ("typed", "found"),
    [("abcd efgh ijkl mnop qrst uvwx", True), ("ABCDEFGHIJKLMNOPQRSTUVWX", True),
     ("ABCD-EFGH", False), ("ABCD-EFGH-IJKL-MNOP-QRST-UVW1", False), ("x" * 500, False)],
)  # fmt: skip
def test_a_typed_code_is_read_or_refused(typed: str, found: bool) -> None:
    assert (code_normal(typed) == "ABCD-EFGH-IJKL-MNOP-QRST-UVWX") is found


# --- The public check ------------------------------------------------------------------------


def test_the_letter_itself_matches(answered: Appeal) -> None:
    letter = letter_issue(answered.pk)
    assert letter_verify(letter, _upload(_file(letter))) == Verdict.MATCHES


def test_a_copy_with_one_byte_changed_does_not_match(answered: Appeal) -> None:
    letter = letter_issue(answered.pk)
    assert letter_verify(letter, _upload(one_byte_changed(_file(letter)))) == Verdict.DIFFERS


def test_the_page_confirms_body_date_and_fingerprint_only(answered: Appeal, client: Client) -> None:
    letter = letter_issue(answered.pk)
    response = client.get(f"/verify/{letter.code}/", HTTP_ACCEPT_LANGUAGE="en")
    text = response.content.decode()
    assert response.status_code == 200
    assert letter.sha256 in text and answered.agency.name_en in text
    assert f"{timezone.localtime(letter.issued_at):%d.%m.%Y}" in text
    leaks = [answered.reference, "Алия", "Нет отопления", "Отопление дали."]
    assert [leak for leak in leaks if leak in text] == []
    assert response["X-Robots-Tag"] == "noindex"


def _check_on_page(client: Client, letter: Letter, data: bytes) -> str:
    with translation.override("en"):
        response = client.post(f"/verify/{letter.code}/", {"file": _upload(data)},
                               HTTP_ACCEPT_LANGUAGE="en")  # fmt: skip
    assert response.status_code == 200
    match = re.search(r'data-verdict="(\w+)"', response.content.decode())
    assert match is not None
    return match.group(1)


def test_the_page_says_the_letter_matches(answered: Appeal, client: Client) -> None:
    letter = letter_issue(answered.pk)
    assert _check_on_page(client, letter, _file(letter)) == "matches"


def test_the_page_says_a_changed_copy_does_not_match(answered: Appeal, client: Client) -> None:
    letter = letter_issue(answered.pk)
    before = Letter.objects.values().get(pk=letter.pk)
    assert _check_on_page(client, letter, one_byte_changed(_file(letter))) == "differs"
    assert Letter.objects.values().get(pk=letter.pk) == before


def test_the_api_gives_the_facts_and_the_verdict(answered: Appeal, client: Client) -> None:
    letter = letter_issue(answered.pk)
    facts = client.get(f"/api/v1/verify/{letter.code}/").json()
    assert facts["sha256"] == letter.sha256 and facts["signer"] == "server"
    assert set(facts) == {"agency", "issued_at", "sha256", "signer", "replaced_sha256"}
    url = f"/api/v1/verify/{letter.code}/"
    same = client.post(url, {"file": _upload(_file(letter))}).json()
    changed = client.post(url, {"file": _upload(one_byte_changed(_file(letter)))}).json()
    assert (same["verdict"], changed["verdict"]) == ("matches", "differs")


@pytest.mark.parametrize("kind", ["unknown", "altered", "malformed"])
def test_an_unknown_or_altered_code_is_refused_clearly(
    answered: Appeal, client: Client, kind: str
) -> None:
    code = letter_issue(answered.pk).code
    wrong = {"unknown": code_new(), "altered": code[:-1] + ("A" if code[-1] != "A" else "B"),
             "malformed": code + "-XYZ"}[kind]  # fmt: skip
    page = client.get(f"/verify/{wrong}/", HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 404
    assert "No letter has this verification code" in page.content.decode()
    api = client.get(f"/api/v1/verify/{wrong}/", HTTP_ACCEPT_LANGUAGE="en")
    assert api.status_code == 404
    assert api.json()["error"]["message"] == "No letter has this verification code."


def test_a_typed_code_leads_to_its_page(answered: Appeal, client: Client) -> None:
    code = letter_issue(answered.pk).code
    response = client.get("/verify/", {"code": code.lower().replace("-", " ")})
    assert response.status_code == 302 and response["Location"] == f"/verify/{code}/"
    assert client.get("/verify/", {"code": "nonsense"}).status_code == 200


def test_processes_making_the_development_pair_at_once_share_one(tmp_path: Path) -> None:
    folder = tmp_path / "pair"
    context = multiprocessing.get_context("spawn")  # each its own process, none forked
    with concurrent.futures.ProcessPoolExecutor(4, mp_context=context) as pool:
        made = list(pool.map(dev_pair, [folder] * 8))
    assert made == [folder] * 8
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pair"]  # no draft left behind
    assert sorted(p.name for p in folder.iterdir()) == [CERT_FILE, KEY_FILE]
    assert signers.SimpleSigner.load(str(folder / KEY_FILE), str(folder / CERT_FILE))
