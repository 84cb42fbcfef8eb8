"""Proof of identity by a digital signature, as Kazakhstan's services take it: NCALayer (the
national signing app) signs a one-time challenge of ours with the person's authentication
key; here the signature, its certificate and the chain up to the national CA roots
(IDENTITY_CA_FILES) are checked, and the IIN (or BIN) and name are read from the
certificate's subject. RSA keys only; what GOST keys would need: docs/identity.md.
"""

from __future__ import annotations

import base64
import binascii
import datetime
import hmac
import secrets
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from asn1crypto import cms
from cryptography import x509
from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from accounts.identifiers import validate_bin, validate_iin

CHALLENGE_KEY = "signature_challenge"
CHALLENGE_SECONDS = 300
MAX_SIGNATURE_BYTES = 64 * 1024  # a CMS with its certificates is some KB
MAX_CHAIN = 5
DIGESTS: dict[str, hashes.HashAlgorithm] = {
    "sha256": hashes.SHA256(), "sha384": hashes.SHA384(), "sha512": hashes.SHA512(),
}  # fmt: skip


class SignatureRefused(Exception):
    """Why the signature proves nothing, in the reader's language."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class SignedIdentity:
    iin_bin: str  # the person's IIN, or for an organisation's certificate its BIN
    full_name: str  # the person's, or the organisation's
    certificate: str  # serial number and issuer, for the record


def challenge_issue(session: Any, now: datetime.datetime) -> str:
    """A fresh challenge for this browser session, in Base64 as NCALayer takes data."""
    value = secrets.token_bytes(32)
    session[CHALLENGE_KEY] = [base64.b64encode(value).decode(), now.timestamp()]
    return session[CHALLENGE_KEY][0]


def challenge_take(session: Any, now: datetime.datetime) -> bytes | None:
    """The session's challenge, once: taken away whether or not it is still fresh."""
    stored = session.pop(CHALLENGE_KEY, None)
    if not stored or now.timestamp() - stored[1] > CHALLENGE_SECONDS:
        return None
    return base64.b64decode(stored[0])


def signed_identity(
    signature: str, challenge: bytes, *, organisation: bool, now: datetime.datetime
) -> SignedIdentity:
    """Who signed `challenge`, as their certificate proves; SignatureRefused otherwise."""
    signer_info, signed_data, content = _parsed(signature)
    if not hmac.compare_digest(content, challenge):
        raise SignatureRefused(_("The signature is of something else: please sign again."))
    certificates = _certificates(signed_data)
    leaf = _signer_certificate(signer_info, certificates)
    _check_signature(signer_info, content, leaf)
    _check_chain(leaf, certificates, now)
    _check_key_usage(leaf)
    return _identity(leaf, organisation=organisation)


def _parsed(signature: str) -> tuple[Any, Any, bytes]:
    if len(signature) > MAX_SIGNATURE_BYTES * 4 // 3 + 4:
        raise SignatureRefused(_("This is not a signature NCALayer makes."))
    try:
        info = cms.ContentInfo.load(base64.b64decode(signature, validate=True))
        if info["content_type"].native != "signed_data":
            raise ValueError("not signed data")
        signed_data = info["content"]
        signer_infos = signed_data["signer_infos"]
        content = signed_data["encap_content_info"]["content"].native
        if len(signer_infos) != 1 or not isinstance(content, bytes):
            raise ValueError("one signer over the content it carries")
        return signer_infos[0], signed_data, content
    except (ValueError, TypeError, KeyError, binascii.Error) as error:
        raise SignatureRefused(_("This is not a signature NCALayer makes.")) from error


def _certificates(signed_data: Any) -> list[x509.Certificate]:
    found = []
    for choice in signed_data["certificates"] or []:
        if choice.name == "certificate":
            found.append(x509.load_der_x509_certificate(choice.chosen.dump()))
    return found


def _signer_certificate(signer_info: Any, certificates: list[x509.Certificate]) -> x509.Certificate:
    sid = signer_info["sid"]
    if sid.name != "issuer_and_serial_number":
        raise SignatureRefused(_("The signature does not name its certificate."))
    serial, issuer = sid.chosen["serial_number"].native, sid.chosen["issuer"].dump()
    for certificate in certificates:
        if certificate.serial_number == serial and certificate.issuer.public_bytes() == issuer:
            return certificate
    raise SignatureRefused(_("The signature does not carry its certificate."))


def _check_signature(signer_info: Any, content: bytes, leaf: x509.Certificate) -> None:
    digest_name = signer_info["digest_algorithm"]["algorithm"].native
    try:
        algorithm = signer_info["signature_algorithm"].signature_algo
    except ValueError:  # an algorithm asn1crypto does not name: GOST among them
        algorithm = ""
    public_key = leaf.public_key()
    if algorithm != "rsassa_pkcs1v15" or digest_name not in DIGESTS:
        raise SignatureRefused(
            _("Only RSA signatures can be checked here yet; a GOST key cannot be used.")
        )
    if not isinstance(public_key, rsa.RSAPublicKey):
        raise SignatureRefused(_("The certificate's key is not the key that signed."))
    digest = DIGESTS[digest_name]
    signed = content
    if signer_info["signed_attrs"].native:
        signed = _checked_attributes(signer_info, content, digest)
    try:
        public_key.verify(signer_info["signature"].native, signed, padding.PKCS1v15(), digest)
    except InvalidSignature as error:
        raise SignatureRefused(_("The signature does not match its certificate.")) from error


def _checked_attributes(signer_info: Any, content: bytes, digest: hashes.HashAlgorithm) -> bytes:
    """The signed attributes, as signed (a SET), once they are known to name this content."""
    attributes = {a["type"].native: a["values"].native for a in signer_info["signed_attrs"]}
    hasher = hashes.Hash(digest)
    hasher.update(content)
    if attributes.get("message_digest") != [hasher.finalize()]:
        raise SignatureRefused(_("The signature is of something else: please sign again."))
    if attributes.get("content_type") != ["data"]:
        raise SignatureRefused(_("This is not a signature NCALayer makes."))
    encoded = signer_info["signed_attrs"].dump()
    return b"\x31" + encoded[1:]


@cache
def _authorities(files: tuple[str, ...]) -> tuple[x509.Certificate, ...]:
    """The national CA's certificates named in settings: roots and their issuing CAs."""
    loaded: list[x509.Certificate] = []
    for name in files:
        data = Path(name).read_bytes()
        if b"-----BEGIN CERTIFICATE-----" in data:
            loaded += x509.load_pem_x509_certificates(data)
        else:
            loaded.append(x509.load_der_x509_certificate(data))
    return tuple(loaded)


def _check_chain(
    leaf: x509.Certificate, carried: list[x509.Certificate], now: datetime.datetime
) -> None:
    """Up from the signer's certificate to one of the configured roots, each certificate
    signed by the next, valid at `now`, and every issuer a CA."""
    authorities = _authorities(tuple(settings.IDENTITY_CA_FILES))
    roots = [c for c in authorities if c.issuer == c.subject]
    candidates = [*authorities, *(c for c in carried if c != leaf)]
    current = leaf
    for _depth in range(MAX_CHAIN):
        _check_dates(current, now)
        if any(current == root for root in roots):
            return
        issuer = next((c for c in candidates if _issued(current, c)), None)
        if issuer is None:
            raise SignatureRefused(
                _("The certificate was not issued by the National Certification Authority.")
            )
        _check_authority(issuer)
        current = issuer
    raise SignatureRefused(
        _("The certificate was not issued by the National Certification Authority.")
    )


def _issued(certificate: x509.Certificate, issuer: x509.Certificate) -> bool:
    try:
        certificate.verify_directly_issued_by(issuer)
    except (ValueError, TypeError, InvalidSignature, UnsupportedAlgorithm):
        return False
    return True


def _check_dates(certificate: x509.Certificate, now: datetime.datetime) -> None:
    if not certificate.not_valid_before_utc <= now <= certificate.not_valid_after_utc:
        raise SignatureRefused(_("The certificate has expired or is not yet valid."))


def _check_authority(certificate: x509.Certificate) -> None:
    try:
        constraints = certificate.extensions.get_extension_for_class(x509.BasicConstraints)
    except x509.ExtensionNotFound:
        constraints = None
    if constraints is None or not constraints.value.ca:
        raise SignatureRefused(
            _("The certificate was not issued by the National Certification Authority.")
        )


def _check_key_usage(leaf: x509.Certificate) -> None:
    """An authentication key: digital signature, for a client's authentication."""
    try:
        usage = leaf.extensions.get_extension_for_class(x509.KeyUsage).value
        purposes = leaf.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
    except x509.ExtensionNotFound:
        usage, purposes = None, None
    if (
        usage is None
        or not usage.digital_signature
        or purposes is None
        or (ExtendedKeyUsageOID.CLIENT_AUTH not in purposes)
    ):
        raise SignatureRefused(
            _("This is not an authentication key: choose the key whose name begins with AUTH.")
        )


def _attribute(name: x509.Name, oid: x509.ObjectIdentifier) -> str:
    values = name.get_attributes_for_oid(oid)
    return str(values[0].value).strip() if values else ""


def _identity(leaf: x509.Certificate, *, organisation: bool) -> SignedIdentity:
    """The IIN and name of the certificate's subject (the national CA writes the IIN as
    serialNumber "IIN…", and an organisation's BIN as OU "BIN…")."""
    subject = leaf.subject
    certificate = f"{leaf.serial_number:x} {leaf.issuer.rfc4514_string()}"[:300]
    if organisation:
        number = _attribute(subject, NameOID.ORGANIZATIONAL_UNIT_NAME).removeprefix("BIN")
        name, check = _attribute(subject, NameOID.ORGANIZATION_NAME), validate_bin
    else:
        number = _attribute(subject, NameOID.SERIAL_NUMBER).removeprefix("IIN")
        patronymic = _attribute(subject, NameOID.GIVEN_NAME)
        name = " ".join(filter(None, [_attribute(subject, NameOID.COMMON_NAME), patronymic]))
        check = validate_iin
    try:
        check(number)
    except ValidationError as error:
        raise SignatureRefused(
            _("The certificate names no IIN or BIN this account can take.")
        ) from error
    return SignedIdentity(number, name.title()[:200], certificate)
