"""PAdES signatures of letters with pyHanko: the server's seal in the letter's field, and
the checks of a signed letter (one signature, in that field, over the whole file)."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

from asn1crypto import x509 as asn1_x509
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko.sign.diff_analysis import DEFAULT_DIFF_POLICY, ModificationLevel
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.pdf_embedded import EmbeddedPdfSignature
from pyhanko.sign.validation.status import PdfSignatureStatus, SignatureCoverageLevel
from pyhanko.stamp import TextStampStyle
from pyhanko_certvalidator import ValidationContext

from appeals.letters.keys import server_signer
from appeals.letters.render import FIELD

# pyHanko's own stamp font has Latin letters only: the letter itself names the signatory.
SEAL_STAMP = TextStampStyle(stamp_text="Otinish e-seal\n%(ts)s", border_width=0)


class NotTheLetter(Exception):
    """The file is not a letter signed as letters are: why, for the log."""


def server_sign(prepared: bytes) -> bytes:
    """The prepared letter, signed in its field with the server's key (PAdES-B-B)."""
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD, subfilter=fields.SigSeedSubFilter.PADES, md_algorithm="sha256"
    )
    signer = signers.PdfSigner(meta, server_signer(), stamp_style=SEAL_STAMP)
    writer = IncrementalPdfFileWriter(io.BytesIO(prepared))
    output = signer.sign_pdf(writer, existing_fields_only=True)
    return bytes(output.getbuffer())


@dataclass(frozen=True)
class Checked:
    status: PdfSignatureStatus
    signature: EmbeddedPdfSignature

    @property
    def certificate(self) -> asn1_x509.Certificate:
        return self.signature.signer_cert


def signature_checked(
    data: bytes,
    *,
    roots: Sequence[asn1_x509.Certificate] = (),
    others: Sequence[asn1_x509.Certificate] = (),
) -> Checked:
    """The letter's one signature, intact and covering the whole file; NotTheLetter if not.
    Whether it is trusted (up to `roots`) is in the status, for the caller to require."""
    # A parser meets any byte here: whatever it fails on, the file is not one of ours.
    try:
        signatures = PdfFileReader(io.BytesIO(data), strict=False).embedded_signatures
    except Exception as error:
        raise NotTheLetter(f"unreadable: {error!r}") from error
    if len(signatures) != 1 or signatures[0].field_name != FIELD:
        raise NotTheLetter("not one signature, in the letter's field")
    context = ValidationContext(trust_roots=list(roots), other_certs=list(others))
    try:
        status = validate_pdf_signature(signatures[0], context)
    except Exception as error:
        raise NotTheLetter(f"unverifiable: {error!r}") from error
    if not (status.intact and status.valid):
        raise NotTheLetter("the signature does not match the content")
    if status.coverage != SignatureCoverageLevel.ENTIRE_FILE:
        raise NotTheLetter("something was added after the signature")
    return Checked(status, signatures[0])


def only_signed_since(data: bytes, revision: int) -> bool:
    """Whether the revisions after `revision` only fill in signature fields (pyHanko's
    review of each update): no text, page or annotation of the letter changed."""
    reader = PdfFileReader(io.BytesIO(data), strict=False)
    try:
        result = DEFAULT_DIFF_POLICY.review_file(reader, base_revision=revision)
    except Exception:  # a file pyHanko cannot review is not one we take
        return False
    level = getattr(result, "modification_level", None)
    return level is not None and level <= ModificationLevel.FORM_FILLING
