"""The key and certificate the portal seals letters with: LETTER_SIGNING_KEY/CERT, or when
they are empty a self-signed pair made once under .devdata/ (development and tests)."""

from __future__ import annotations

import datetime
import os
import shutil
import tempfile
from functools import cache
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from django.conf import settings
from pyhanko.sign import signers

KEY_FILE, CERT_FILE = "key.pem", "cert.pem"
DEV_SUBJECT = "Otinish development seal (not for production)"
DEV_YEARS = 10


def server_signer() -> signers.SimpleSigner:
    """The signer of the configured pair, or of the development pair."""
    if settings.LETTER_SIGNING_KEY and settings.LETTER_SIGNING_CERT:
        return _loaded(settings.LETTER_SIGNING_KEY, settings.LETTER_SIGNING_CERT)
    folder = dev_pair(Path(settings.BASE_DIR) / ".devdata" / "letter-signing")
    return _loaded(str(folder / KEY_FILE), str(folder / CERT_FILE))


@cache
def _loaded(key_file: str, cert_file: str) -> signers.SimpleSigner:
    return signers.SimpleSigner.load(key_file, cert_file)


def dev_pair(folder: Path) -> Path:
    """`folder` with a key and its self-signed certificate, made if missing.

    Made in a folder beside it and renamed into place: renaming a folder onto a full one
    fails, so of processes making it at once one wins and the rest use its pair.
    """
    if (folder / CERT_FILE).is_file():
        return folder
    folder.parent.mkdir(parents=True, exist_ok=True)
    draft = Path(tempfile.mkdtemp(prefix=".letter-signing-", dir=folder.parent))
    try:
        _write_pair(draft)
        os.rename(draft, folder)
    except OSError:
        if not (folder / CERT_FILE).is_file():
            raise
    finally:
        shutil.rmtree(draft, ignore_errors=True)
    return folder


def _write_pair(folder: Path) -> None:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, DEV_SUBJECT)])
    now = datetime.datetime.now(datetime.UTC)
    usage = x509.KeyUsage(
        digital_signature=True, content_commitment=True, key_encipherment=False,
        data_encipherment=False, key_agreement=False, key_cert_sign=False, crl_sign=False,
        encipher_only=False, decipher_only=False,
    )  # fmt: skip
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=365 * DEV_YEARS))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(usage, critical=True)
        .sign(key, hashes.SHA256())
    )
    private = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )  # fmt: skip
    (folder / KEY_FILE).write_bytes(private)
    (folder / KEY_FILE).chmod(0o600)
    (folder / CERT_FILE).write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
