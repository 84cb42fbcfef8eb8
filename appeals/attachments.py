"""Files citizens and agencies attach: judged by their content (appeals.file_content),
never by their name.

PDF, JPEG, PNG and DOCX only; images are re-encoded; PDFs and DOCX files with active
content, or that are another kind of file at the same time, are refused. Files are stored
under random names, and each person may attach UPLOADS_PER_HOUR files an hour (in Redis).
"""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from django.utils.translation import gettext as _

from appeals.file_content import (
    DOCX,
    EXTENSIONS,
    JPEG,
    PDF,
    PNG,
    TYPE_OF_EXTENSION,
    detect_type,
    docx_problem,
    pdf_problem,
    reencode_image,
)
from core.ratelimit import rate_take

MAX_FILES = 5
MAX_BYTES = 10 * 1024 * 1024
NAME_LIMIT = 200  # Attachment.original_name holds 255


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
    """The name shown and offered for download: no path, no control or direction
    characters (a right-to-left override would show "cod.exe" as "exe.doc"), at most
    NAME_LIMIT characters with the extension kept."""
    # "../../x.pdf" and "C:\\x.pdf" keep only "x.pdf".
    base = PurePath(filename.replace("\\", "/")).name
    cleaned = "".join(ch for ch in base if ch.isprintable()).strip(". ")
    if len(cleaned) > NAME_LIMIT:
        suffix = PurePath(cleaned).suffix[:10]
        cleaned = cleaned[: NAME_LIMIT - len(suffix)].rstrip(". ") + suffix
    return cleaned or "file"


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
            data = reencode_image(data, content_type)
        except ValidationError as error:
            raise ValidationError(f"“{name}”: {error.messages[0]}", code="image") from None
    if content_type == PDF and b"%%EOF" not in data[-2048:]:
        raise ValidationError(_("“%(name)s” is not a complete PDF.") % {"name": name}, code="pdf")
    problem = {PDF: pdf_problem, DOCX: docx_problem}.get(content_type, lambda *_: None)
    if (message := problem(name, data)) is not None:
        raise ValidationError(message, code="active_content")
    return CleanFile(name, content_type, data)


# --- How many files a person may attach ------------------------------------------------

UPLOAD_WINDOW_SECONDS = 3600


class UploadLimitReached(ValidationError):
    """More than UPLOADS_PER_HOUR files from one person within the clock hour."""

    def __init__(self, limit: int, retry_after: int) -> None:
        self.retry_after = retry_after
        resume = timezone.localtime(timezone.now() + datetime.timedelta(seconds=retry_after))
        super().__init__(
            _(
                "You have attached %(limit)s files within this hour, the most allowed. You can "
                "attach more from %(time)s."
            )
            % {"limit": limit, "time": resume.strftime("%H:%M")},
            code="upload_limit",
        )


def upload_counter(uploader_id: int) -> str:
    return f"uploads:{uploader_id}"


def uploads_count(*, uploader_id: int, files: int) -> None:
    """Counts `files` more files by this person in this clock hour, in Redis for every
    process; past UPLOADS_PER_HOUR refuses them all (and does not count them)."""
    if files == 0:
        return
    limit = settings.UPLOADS_PER_HOUR
    verdict = rate_take(
        upload_counter(uploader_id), amount=files, limit=limit, window=UPLOAD_WINDOW_SECONDS
    )
    if not verdict.allowed:
        raise UploadLimitReached(limit, verdict.retry_after)


def clean_uploads(uploads: list[UploadedFile], *, uploader_id: int) -> list[CleanFile]:
    """The files as they will be stored, once counted against the uploader's hourly limit."""
    if len(uploads) > MAX_FILES:
        raise ValidationError(
            _("Attach at most %(count)s files.") % {"count": MAX_FILES}, code="too_many"
        )
    uploads_count(uploader_id=uploader_id, files=len(uploads))
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
