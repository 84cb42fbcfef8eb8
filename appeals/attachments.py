"""Files citizens and agencies attach: judged by their content, never by their name.

Only PDF, JPEG, PNG and DOCX are accepted. Images are decoded and re-encoded, which
drops their metadata (location, camera, author) and anything hidden after the image
data. Every file is stored under a random name.
"""

from __future__ import annotations

import io
import uuid
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

MAX_FILES = 5
MAX_BYTES = 10 * 1024 * 1024
# Refuse decompression bombs: no real scan of a document needs more pixels than this.
Image.MAX_IMAGE_PIXELS = 60_000_000

PDF, JPEG, PNG, DOCX = (
    "application/pdf",
    "image/jpeg",
    "image/png",
    ("application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
)
EXTENSIONS = {PDF: "pdf", JPEG: "jpg", PNG: "png", DOCX: "docx"}
TYPE_OF_EXTENSION = {".pdf": PDF, ".jpg": JPEG, ".jpeg": JPEG, ".png": PNG, ".docx": DOCX}


@dataclass(frozen=True)
class CleanFile:
    name: str  # the citizen's file name, without any path
    content_type: str
    content: bytes


def attachment_path(instance: object, filename: str) -> str:
    """A random name: nothing a visitor could guess, nothing the uploader chose."""
    extension = PurePath(filename).suffix.lower()
    return f"attachments/{uuid.uuid4().hex}{extension}"


def safe_name(filename: str) -> str:
    # "../../x.pdf" and "C:\\x.pdf" keep only "x.pdf"; control characters go.
    base = PurePath(filename.replace("\\", "/")).name
    cleaned = "".join(ch for ch in base if ch.isprintable()).strip(". ")
    return cleaned[:200] or "file"


def _is_docx(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except zipfile.BadZipFile:
        return False
    # A macro-enabled document (vbaProject.bin) is not a plain DOCX.
    return {"[Content_Types].xml", "word/document.xml"} <= names and not any(
        name.lower().endswith("vbaproject.bin") for name in names
    )


def _reencode_image(data: bytes, expected: str) -> bytes:
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            if Image.MIME.get(image.format or "") != expected:
                raise ValidationError(_("The image is damaged or of another type."))
            clean = image.copy()
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as error:
        raise ValidationError(_("The image is damaged or too large to open.")) from error
    output = io.BytesIO()
    if expected == JPEG:
        clean.convert("RGB").save(output, format="JPEG", quality=90)
    else:
        clean.save(output, format="PNG", optimize=True)
    return output.getvalue()


def detect_type(data: bytes) -> str | None:
    if data.startswith(b"%PDF-"):
        return PDF
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if data.startswith(b"\xff\xd8\xff"):
        return JPEG
    if data.startswith(b"PK\x03\x04") and _is_docx(data):
        return DOCX
    return None


def clean_upload(upload: UploadedFile) -> CleanFile:
    """The file as it will be stored, or a ValidationError saying what is wrong with it."""
    name = safe_name(upload.name or "")
    if upload.size is None or upload.size > MAX_BYTES:
        raise ValidationError(
            _("“%(name)s” is larger than 10 MB.") % {"name": name}, code="too_large"
        )
    data = upload.read()
    content_type = detect_type(data)
    if content_type is None:
        raise ValidationError(
            _("“%(name)s” is not a PDF, JPEG, PNG or DOCX file (its content was checked).")
            % {"name": name},
            code="type",
        )
    # A name that promises another type than the content is refused: it is a mistake at
    # best and a disguise at worst.
    if TYPE_OF_EXTENSION.get(PurePath(name).suffix.lower()) != content_type:
        raise ValidationError(
            _(
                "“%(name)s” is a %(actual)s file under another name. Attach it with its "
                "right extension (.%(extension)s)."
            )
            % {"name": name, "actual": EXTENSIONS[content_type].upper(),
               "extension": EXTENSIONS[content_type]},
            code="mismatch",
        )  # fmt: skip
    if content_type in (JPEG, PNG):
        try:
            data = _reencode_image(data, content_type)
        except ValidationError as error:
            raise ValidationError(f"“{name}”: {error.messages[0]}", code="image") from None
    if content_type == PDF and b"%%EOF" not in data[-2048:]:
        raise ValidationError(_("“%(name)s” is not a complete PDF.") % {"name": name}, code="pdf")
    return CleanFile(name, content_type, data)


def clean_uploads(uploads: list[UploadedFile]) -> list[CleanFile]:
    if len(uploads) > MAX_FILES:
        raise ValidationError(
            _("Attach at most %(count)s files.") % {"count": MAX_FILES}, code="too_many"
        )
    cleaned, errors = [], []
    for upload in uploads:
        try:
            cleaned.append(clean_upload(upload))
        except ValidationError as error:
            errors.extend(error.messages)
    if errors:
        raise ValidationError(errors)
    return cleaned


def as_content_file(clean: CleanFile) -> ContentFile[bytes]:
    return ContentFile(clean.content, name=clean.name)
