"""The head's own signature in the letter's field, in place of the portal's seal: the head
downloads the letter prepared for them (its field empty), signs that field with their
digital signature and uploads the file, which must be that letter with that one signature."""

from __future__ import annotations

import hashlib
import io
from functools import cache
from pathlib import Path

from asn1crypto import pem
from asn1crypto import x509 as asn1_x509
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _
from pyhanko.pdf_utils.reader import PdfFileReader

from accounts.models import Membership, User, Visitor
from appeals.letters.content import letter_content
from appeals.letters.render import letter_prepared
from appeals.letters.signing import NotTheLetter, only_signed_since, signature_checked
from appeals.models import Appeal, Letter
from appeals.selectors import staff_memberships
from core.refusals import ActionRefused


def identity_authorities() -> tuple[list[asn1_x509.Certificate], list[asn1_x509.Certificate]]:
    """The national CA's roots and issuing CAs (IDENTITY_CA_FILES), as pyHanko takes them."""
    certificates = _authorities(tuple(settings.IDENTITY_CA_FILES))
    roots = [c for c in certificates if c.self_issued]
    return roots, [c for c in certificates if not c.self_issued]


@cache
def _authorities(files: tuple[str, ...]) -> tuple[asn1_x509.Certificate, ...]:
    loaded = []
    for name in files:
        data = Path(name).read_bytes()
        if pem.detect(data):
            loaded += [asn1_x509.Certificate.load(der) for _t, _h, der in pem.unarmor(data, True)]
        else:
            loaded.append(asn1_x509.Certificate.load(data))
    return tuple(loaded)


def is_head_of(user: Visitor, agency_id: int) -> bool:
    """An active head of the body (who alone may sign its letters)."""
    return any(
        m.role == Membership.Role.HEAD and m.agency_id == agency_id for m in staff_memberships(user)
    )


def letter_for_head(letter: Letter, head: User) -> bytes:
    """The letter as the head signs it: naming them, its signature field empty. Only the
    current answer's letter: an earlier answer's text is no longer the appeal's."""
    appeal = Appeal.objects.select_related("agency", "applicant", "executor").get(
        pk=letter.appeal_id
    )
    if appeal.status != Appeal.Status.ANSWERED or appeal.answered_at != letter.issued_at:
        raise ActionRefused(
            _("This letter's answer has been replaced: it can no longer be signed.")
        )
    return letter_prepared(letter_content(appeal, letter.code).signed_by(head))


def _signer_iin(certificate: asn1_x509.Certificate) -> str:
    """The national CA writes the person's IIN as the subject's serialNumber "IIN…"."""
    serial = certificate.subject.native.get("serial_number", "")
    return str(serial).removeprefix("IIN")


def _check_signed(data: bytes, prepared: bytes, actor: User) -> None:
    if len(data) <= len(prepared) or not data.startswith(prepared):
        raise ActionRefused(
            _("This is not the letter prepared for your signature: download it again, sign "
              "its signature field and upload the file as your signing program saved it.")
        )  # fmt: skip
    roots, others = identity_authorities()
    try:
        checked = signature_checked(data, roots=roots, others=others)
    except NotTheLetter as error:
        raise ActionRefused(
            _("The file carries no intact signature in the letter's signature field.")
        ) from error
    usage = checked.certificate.key_usage_value
    if usage is None or "non_repudiation" not in usage.native:
        raise ActionRefused(
            _("Sign with your signing key (its name begins with RSA), not the one you log in with.")
        )
    if not checked.status.trusted:
        raise ActionRefused(
            _("The certificate was not issued by the National Certification Authority.")
        )
    base = PdfFileReader(io.BytesIO(prepared), strict=False).xrefs.total_revisions - 1
    if not only_signed_since(data, base):
        raise ActionRefused(_("Something besides the signature was changed in the letter."))
    if not actor.iin_proven or _signer_iin(checked.certificate) != actor.iin_bin:
        raise ActionRefused(_("The signature is not yours: its certificate names another IIN."))


def letter_sign_by_head(*, letter_id: int, actor: User, data: bytes) -> Letter:
    """Takes the head's signed letter in place of the sealed one; the sealed version's
    fingerprint stays, and verifies as replaced."""
    with transaction.atomic():
        letter = Letter.objects.select_for_update().get(pk=letter_id)
        if not is_head_of(actor, letter.agency_id):
            raise ActionRefused(_("Only the head of the body signs its letters."), forbidden=True)
        if letter.signer == Letter.Signer.HEAD:
            raise ActionRefused(_("The head has already signed this letter."))
        if not actor.iin_proven:
            raise ActionRefused(_("Prove your IIN first: the signature must be yours."))
        _check_signed(data, letter_for_head(letter, actor), actor)
        letter.replaced_sha256, letter.sha256 = letter.sha256, hashlib.sha256(data).hexdigest()
        letter.signer, letter.signer_name = Letter.Signer.HEAD, actor.full_name
        letter.file.save(f"{letter.code}-head.pdf", ContentFile(data), save=False)
        letter.save(update_fields=["replaced_sha256", "sha256", "signer", "signer_name", "file"])
    return letter
