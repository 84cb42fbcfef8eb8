"""The head's own signature in place of the portal's seal: only the prepared letter, signed
in its field by the head's certificate from the national CA, with nothing else changed."""

from __future__ import annotations

import hashlib
import html
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives import serialization
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers
from pyhanko_certvalidator.registry import SimpleCertificateStore

from accounts.models import User
from appeals.letters.issuance import letter_issue
from appeals.models import Appeal, Letter
from tests.accounts.pki import Authority, Issued
from tests.appeals.letters import (
    body,
    letter_settings,  # noqa: F401 - a fixture
    signing_pair,  # noqa: F401 - a fixture
)
from tests.conftest import People, client_for
from tests.factories import valid_iin

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("letter_settings")]

HEAD_IIN = valid_iin(4242)


@pytest.fixture(scope="module")
def authority() -> Authority:
    return Authority.create()


@pytest.fixture
def trusted(authority: Authority, settings: Any, tmp_path: Path) -> Authority:
    folder = tmp_path / "ca"
    folder.mkdir()
    settings.IDENTITY_CA_FILES = authority.files(folder)
    return authority


@pytest.fixture
def head(people: People) -> User:
    User.objects.filter(pk=people.head.pk).update(iin_bin=HEAD_IIN, iin_verified_at=timezone.now())
    return User.objects.get(pk=people.head.pk)


@pytest.fixture
def answered(appeal_in: Callable[[str], Appeal]) -> Appeal:
    return appeal_in(Appeal.Status.ANSWERED)


def signing_key(authority: Authority, iin: str) -> Issued:
    """A person's signing certificate (NCALayer's "RSA…" key), not the one that logs in."""
    return authority.person(iin, authentication=False)


def _asn1(issued: Issued) -> tuple[asn1_x509.Certificate, asn1_keys.PrivateKeyInfo]:
    der = issued.key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )  # fmt: skip
    certificate = issued.certificate.public_bytes(serialization.Encoding.DER)
    return asn1_x509.Certificate.load(certificate), asn1_keys.PrivateKeyInfo.load(der)


def sign_as(prepared: bytes, person: Issued, authority: Authority, tamper: bool = False) -> bytes:
    """What the head's signing program does: signs the letter's field, saving incrementally
    (`tamper`: and changes the first page's text in the same save)."""
    certificate, key = _asn1(person)
    issuing = asn1_x509.Certificate.load(
        authority.issuing.certificate.public_bytes(serialization.Encoding.DER)
    )
    signer = signers.SimpleSigner(
        signing_cert=certificate, signing_key=key,
        cert_registry=SimpleCertificateStore.from_certs([issuing]),
    )  # fmt: skip
    writer = IncrementalPdfFileWriter(io.BytesIO(prepared))
    if tamper:
        page = writer.root["/Pages"]["/Kids"][0]
        page["/Contents"] = writer.add_object(generic.StreamObject(stream_data=b"BT ET"))
        writer.update_container(page)
    meta = signers.PdfSignatureMetadata(
        field_name="Signature1", subfilter=fields.SigSeedSubFilter.PADES
    )
    return bytes(signers.sign_pdf(writer, meta, signer=signer).getbuffer())


def _prepared(client: Client, appeal: Appeal) -> bytes:
    response = client.get(f"/appeals/{appeal.pk}/letter/to-sign/")
    assert response.status_code == 200
    return body(response)


def _upload(client: Client, appeal: Appeal, data: bytes) -> Any:
    signed = SimpleUploadedFile("signed.pdf", data, content_type="application/pdf")
    return client.post(f"/appeals/{appeal.pk}/letter/sign/", {"file": signed},
                       HTTP_ACCEPT_LANGUAGE="en")  # fmt: skip


def test_the_heads_signature_takes_the_seals_place(
    answered: Appeal, head: User, trusted: Authority, client: Client
) -> None:
    sealed = letter_issue(answered.pk)
    browser = client_for(head)
    signed = sign_as(_prepared(browser, answered), signing_key(trusted, HEAD_IIN), trusted)
    response = _upload(browser, answered, signed)
    assert response.status_code == 302
    letter = Letter.objects.get(pk=sealed.pk)
    assert (letter.signer, letter.signer_name) == (Letter.Signer.HEAD, head.full_name)
    assert letter.sha256 == hashlib.sha256(signed).hexdigest()
    assert letter.replaced_sha256 == sealed.sha256
    assert letter.code == sealed.code
    downloaded = client_for(answered.applicant).get(f"/appeals/{answered.pk}/letter/")
    assert body(downloaded) == signed


def test_the_replaced_version_verifies_as_replaced(
    answered: Appeal, head: User, trusted: Authority, client: Client
) -> None:
    sealed = letter_issue(answered.pk)
    with sealed.file.open("rb") as stored:
        sealed_bytes = stored.read()
    browser = client_for(head)
    signed = sign_as(_prepared(browser, answered), signing_key(trusted, HEAD_IIN), trusted)
    _upload(browser, answered, signed)
    url = f"/api/v1/verify/{sealed.code}/"
    verdicts = [
        client.post(url, {"file": SimpleUploadedFile("l.pdf", data)}).json()["verdict"]
        for data in (signed, sealed_bytes)
    ]
    assert verdicts == ["matches", "replaced"]
    page = html.unescape(
        client.get(f"/verify/{sealed.code}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    )
    assert "was replaced by the head's signature" in page
    assert head.full_name not in page  # the signatory's kind is shown, not their name


REFUSALS = {
    "another IIN": "names another IIN",
    "another CA": "National Certification Authority",
    "authentication key": "signing key",
    "another letter": "not the letter prepared",
    "tampered": "besides the signature",
}


@pytest.mark.parametrize("wrong", list(REFUSALS))
def test_a_signature_that_is_not_the_heads_on_this_letter_is_refused(
    answered: Appeal, appeal_in: Callable[[str], Appeal], head: User, trusted: Authority,
    wrong: str,
) -> None:  # fmt: skip
    sealed = letter_issue(answered.pk)
    browser = client_for(head)
    prepared = _prepared(browser, answered)
    authority, person = trusted, signing_key(trusted, HEAD_IIN)
    if wrong == "another IIN":
        person = signing_key(trusted, valid_iin(5151))
    elif wrong == "another CA":
        authority = Authority.create("ЧУЖОЙ")
        person = signing_key(authority, HEAD_IIN)
    elif wrong == "authentication key":
        person = trusted.person(HEAD_IIN)
    elif wrong == "another letter":  # the head's letter of another appeal, sent here
        prepared = _prepared(browser, appeal_in(Appeal.Status.ANSWERED))
    signed = sign_as(prepared, person, authority, tamper=wrong == "tampered")
    response = _upload(browser, answered, signed)
    assert response.status_code == 200
    assert REFUSALS[wrong] in " ".join(response.context["form"].errors["file"])
    letter = Letter.objects.get(pk=sealed.pk)
    assert (letter.signer, letter.sha256, letter.replaced_sha256) == (
        Letter.Signer.SERVER,
        sealed.sha256,
        "",
    )


def test_a_head_whose_iin_is_not_proven_is_asked_to_prove_it(
    answered: Appeal, people: People, trusted: Authority
) -> None:
    letter_issue(answered.pk)
    browser = client_for(people.head)
    page = browser.get(f"/appeals/{answered.pk}/letter/sign/", HTTP_ACCEPT_LANGUAGE="en")
    assert "Prove your IIN" in page.content.decode()
    signed = sign_as(_prepared(browser, answered), signing_key(trusted, HEAD_IIN), trusted)
    response = _upload(browser, answered, signed)
    assert response.status_code == 200
    assert Letter.objects.get(appeal=answered).signer == Letter.Signer.SERVER


@pytest.mark.parametrize("role", ["citizen", "executor", "registrar", "controller",
                                  "other_agency_head"])  # fmt: skip
def test_only_the_head_of_the_body_reaches_the_signing_pages(
    answered: Appeal, people: People, role: str
) -> None:
    browser = client_for(getattr(people, role))
    for url in (f"/appeals/{answered.pk}/letter/sign/", f"/appeals/{answered.pk}/letter/to-sign/"):
        assert browser.get(url).status_code == 404


def test_a_letter_signed_by_the_head_is_not_signed_again(
    answered: Appeal, head: User, trusted: Authority
) -> None:
    letter_issue(answered.pk)
    browser = client_for(head)
    signed = sign_as(_prepared(browser, answered), signing_key(trusted, HEAD_IIN), trusted)
    _upload(browser, answered, signed)
    again = _upload(browser, answered, signed)
    assert again.status_code == 200
    assert Letter.objects.get(appeal=answered).sha256 == hashlib.sha256(signed).hexdigest()


def test_the_back_office_offers_the_head_to_sign(answered: Appeal, head: User) -> None:
    letter_issue(answered.pk)
    page = client_for(head).get(f"/backoffice/appeals/appeal/{answered.pk}/change/")
    assert f"/appeals/{answered.pk}/letter/sign/" in page.content.decode()
