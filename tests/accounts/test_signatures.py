"""A digital signature proves an IIN only when every part of it holds: the challenge it
signs, the key that signed, the certificate's chain to the configured national CA, its
dates and its purpose."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest
from django.utils import translation

from accounts.signatures import SignatureRefused, _authorities, signed_identity
from tests.accounts.pki import NOW, YEAR, Authority, sign

IIN = "850210400505"
CHALLENGE = b"\x01\n\r" * 11  # line endings too: signed as they are


@pytest.fixture(scope="module")
def nca() -> Authority:
    return Authority.create()


@pytest.fixture(autouse=True)
def trusted(nca: Authority, settings: Any, tmp_path: Path) -> None:
    settings.IDENTITY_CA_FILES = nca.files(tmp_path)
    _authorities.cache_clear()


def check(signature: str, challenge: bytes = CHALLENGE, *, organisation: bool = False) -> Any:
    return signed_identity(signature, challenge, organisation=organisation, now=NOW)


def refused(signature: str, challenge: bytes = CHALLENGE, **options: Any) -> str:
    with translation.override("en"), pytest.raises(SignatureRefused) as refusal:
        check(signature, challenge, **options)
    return refusal.value.message


def test_a_signature_of_the_challenge_proves_the_iin_and_name(nca: Authority) -> None:
    person = nca.person(IIN, "ТЕСТОВ", "ЕРЖАН", "САПАРОВИЧ")
    identity = check(sign(CHALLENGE, person))
    assert (identity.iin_bin, identity.full_name) == (IIN, "Тестов Ержан Сапарович")
    assert f"{person.certificate.serial_number:x}" in identity.certificate


def test_without_signed_attributes_it_proves_the_same(nca: Authority) -> None:
    assert check(sign(CHALLENGE, nca.person(IIN), attributes=False)).iin_bin == IIN


def test_an_organisations_certificate_proves_its_bin(nca: Authority) -> None:
    person = nca.person(IIN, ou="BIN150440000013", o='ТОО "ТЕСТ"')
    identity = check(sign(CHALLENGE, person), organisation=True)
    assert (identity.iin_bin, identity.full_name) == ("150440000013", 'Тоо "Тест"')


def test_a_signature_of_something_else_is_refused(nca: Authority) -> None:
    assert "something else" in refused(sign(b"\x02" * 32, nca.person(IIN)))


def test_a_detached_signature_is_refused(nca: Authority) -> None:
    refused(sign(CHALLENGE, nca.person(IIN), detached=True))


def test_a_certificate_of_another_authority_is_refused(nca: Authority) -> None:
    other = Authority.create("ДРУГОЙ")
    assert "National Certification Authority" in refused(sign(CHALLENGE, other.person(IIN)))


def test_an_authority_forged_with_the_very_names_of_the_trusted_one_is_refused() -> None:
    forged = Authority.create()  # the names of the configured one, other keys
    assert "National Certification Authority" in refused(sign(CHALLENGE, forged.person(IIN)))


def test_an_expired_certificate_is_refused(nca: Authority) -> None:
    old = nca.person(IIN, valid=(NOW - 3 * YEAR, NOW - YEAR))
    assert "expired" in refused(sign(CHALLENGE, old))


def test_a_signing_key_is_not_an_authentication_key(nca: Authority) -> None:
    assert "AUTH" in refused(sign(CHALLENGE, nca.person(IIN, authentication=False)))


def test_a_signature_by_another_key_than_the_certificates_is_refused(nca: Authority) -> None:
    owner, thief = nca.person(IIN), nca.person("900315400017")
    assert "does not match" in refused(sign(CHALLENGE, thief, certificate=owner.certificate))


def test_a_certificate_without_an_iin_proves_nothing(nca: Authority) -> None:
    person = nca.person(IIN)  # an individual's certificate carries no BIN
    assert "IIN or BIN" in refused(sign(CHALLENGE, person), organisation=True)


@pytest.mark.parametrize("garbage", ["", "not base64!", "AAAA", "MIIBAAo=" * 3, "A" * 200_000])
def test_anything_else_is_refused_quietly(garbage: str) -> None:
    refused(garbage)


def test_with_no_authority_configured_nothing_is_proven(nca: Authority, settings: Any) -> None:
    settings.IDENTITY_CA_FILES = []
    _authorities.cache_clear()
    refused(sign(CHALLENGE, nca.person(IIN)))


def test_a_certificate_not_yet_valid_is_refused(nca: Authority) -> None:
    later = nca.person(IIN, valid=(NOW + datetime.timedelta(days=1), NOW + YEAR))
    refused(sign(CHALLENGE, later))
