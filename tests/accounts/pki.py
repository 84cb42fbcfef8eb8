"""A certification authority of the tests' own, shaped like Kazakhstan's national one: a
root, an issuing CA, and people's authentication certificates with the IIN as serialNumber
"IIN…"; and signatures as NCALayer makes them (CMS, content attached, RSA, SHA-256)."""

from __future__ import annotations

import base64
import datetime
from dataclasses import dataclass, field
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs7
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

NOW = datetime.datetime.now(datetime.UTC)
YEAR = datetime.timedelta(days=365)


def key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def name(**attributes: str) -> x509.Name:
    oids = {"cn": NameOID.COMMON_NAME, "sn": NameOID.SURNAME, "serial": NameOID.SERIAL_NUMBER,
            "given": NameOID.GIVEN_NAME, "c": NameOID.COUNTRY_NAME,
            "o": NameOID.ORGANIZATION_NAME, "ou": NameOID.ORGANIZATIONAL_UNIT_NAME}  # fmt: skip
    return x509.Name([x509.NameAttribute(oids[k], v) for k, v in attributes.items()])


@dataclass
class Issued:
    certificate: x509.Certificate
    key: rsa.RSAPrivateKey


@dataclass
class Authority:
    """A root and an issuing CA under it; `files` writes them as the settings name them."""

    root: Issued
    issuing: Issued
    extra: list[x509.Certificate] = field(default_factory=list)

    @classmethod
    def create(cls, label: str = "ТЕСТОВЫЙ") -> Authority:
        root_key, issuing_key = key(), key()
        root_name = name(cn=f"{label} КОРНЕВОЙ УЦ (RSA)", c="KZ")
        root = _build(root_name, root_name, root_key.public_key(), root_key, ca=True)
        issuing_name = name(cn=f"{label} НУЦ РК (RSA)", c="KZ")
        issuing = _build(issuing_name, root_name, issuing_key.public_key(), root_key, ca=True)
        return cls(Issued(root, root_key), Issued(issuing, issuing_key))

    def files(self, folder: Path) -> list[str]:
        written = []
        for label, certificate in (("root", self.root.certificate),
                                   ("issuing", self.issuing.certificate)):  # fmt: skip
            path = folder / f"{label}.pem"
            path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
            written.append(str(path))
        return written

    def person(
        self, iin: str, surname: str = "ИВАНОВ", first: str = "ИВАН", patronymic: str = "ИВАНОВИЧ",
        *, authentication: bool = True, valid: tuple[datetime.datetime, datetime.datetime] = (
            NOW - YEAR, NOW + YEAR), **extra_subject: str,
    ) -> Issued:  # fmt: skip
        """A person's authentication certificate (with `authentication` False: a signing
        certificate, as NCALayer's "RSA…" key has)."""
        person_key = key()
        subject = name(cn=f"{surname} {first}", sn=surname, serial=f"IIN{iin}", c="KZ",
                       given=patronymic, **extra_subject)  # fmt: skip
        certificate = _build(
            subject, self.issuing.certificate.subject, person_key.public_key(), self.issuing.key,
            ca=False, authentication=authentication, valid=valid,
        )  # fmt: skip
        return Issued(certificate, person_key)


def _build(
    subject: x509.Name, issuer: x509.Name, public_key: rsa.RSAPublicKey,
    signer: rsa.RSAPrivateKey, *, ca: bool, authentication: bool = True,
    valid: tuple[datetime.datetime, datetime.datetime] = (NOW - YEAR, NOW + 10 * YEAR),
) -> x509.Certificate:  # fmt: skip
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer)
        .public_key(public_key)
        .serial_number(x509.random_serial_number())
        .not_valid_before(valid[0])
        .not_valid_after(valid[1])
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
    )
    if not ca:
        purpose = ExtendedKeyUsageOID.CLIENT_AUTH if authentication else (
            ExtendedKeyUsageOID.EMAIL_PROTECTION)  # fmt: skip
        builder = builder.add_extension(
            x509.KeyUsage(digital_signature=True, content_commitment=not authentication,
                          key_encipherment=authentication, data_encipherment=False,
                          key_agreement=False, key_cert_sign=False, crl_sign=False,
                          encipher_only=False, decipher_only=False),
            critical=True,
        ).add_extension(x509.ExtendedKeyUsage([purpose]), critical=False)  # fmt: skip
    return builder.sign(signer, hashes.SHA256())


def sign(
    data: bytes,
    signer: Issued,
    *,
    detached: bool = False,
    attributes: bool = True,
    certificate: x509.Certificate | None = None,
) -> str:
    """A CMS signature of `data` in Base64, as NCALayer's createCAdESFromBase64 returns it;
    `certificate` lets the signature carry another certificate than its key's."""
    options = [pkcs7.PKCS7Options.Binary]  # as given: no S/MIME line endings
    if detached:
        options.append(pkcs7.PKCS7Options.DetachedSignature)
    if not attributes:
        options.append(pkcs7.PKCS7Options.NoAttributes)
    builder = (
        pkcs7.PKCS7SignatureBuilder()
        .set_data(data)
        .add_signer(certificate or signer.certificate, signer.key, hashes.SHA256())
    )
    return base64.b64encode(builder.sign(serialization.Encoding.DER, options)).decode()
