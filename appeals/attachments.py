"""Files citizens and agencies attach: judged by their content, never by their name.

PDF, JPEG, PNG and DOCX only. Images are re-encoded, which drops their metadata and
anything hidden after the image data; PDFs and DOCX files with active content, or that
are another kind of file at the same time, are refused. Files are stored under random
names, and each person may attach UPLOADS_PER_HOUR files an hour (counted in Redis).
"""

from __future__ import annotations

import datetime
import io
import re
import uuid
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from core.ratelimit import rate_take

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
    return {"[Content_Types].xml", "word/document.xml"} <= names


# --- Active content: what could run when the file is opened ---------------------------

# PDF features that run something when the file is opened: JavaScript (every script action
# names its type /JavaScript, whatever key holds the code), launching a program, embedded
# media players, XFA forms (which carry their own scripts), and /OpenAction unless it is a
# destination array ([3 0 R /Fit]: the first view, which office suites write). Only names
# long enough not to turn up by chance in 10 MB of compressed bytes are looked for.
_PDF_ACTIVE = re.compile(
    rb"/(?:JavaScript|Launch|RichMedia)(?![A-Za-z0-9])"
    rb"|/OpenAction\s*+(?!\[)"
    rb"|/XFA\s*(?:\[|\d+\s+\d+\s+R)"
)
# Names may spell letters as #xx escapes ("/J#61vaScript"): decoded before looking.
_PDF_NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
# Markup that makes a browser or a mail filter take the file for a web page. Browsers sniff
# the first bytes; scripts and frames are looked for everywhere.
_HTML_ANYWHERE = re.compile(rb"<\s*(?:script|iframe)\b|javascript:", re.I)
_HTML_AT_START = re.compile(rb"<\s*(?:html|body|svg|object|embed|!doctype)\b", re.I)
_SNIFFED_BYTES = 1024
# Compressed streams (object streams above all, which pack dictionaries) are inflated and
# searched too, a piece at a time, up to this much in all: a best effort, not a PDF parser.
_PDF_STREAM = re.compile(rb"stream\r?\n")
_INFLATE_BUDGET = 64 * 1024 * 1024
_INFLATE_PIECE = 1024 * 1024
_FEED_PIECE = 16 * 1024  # compressed bytes fed at a time: most streams are small
_OVERLAP = 256  # a name cut in two by the pieces is found in the next window


def _pdf_names(data: bytes) -> bytes:
    return _PDF_NAME_ESCAPE.sub(lambda match: bytes([int(match.group(1), 16)]), data)


def _runs_something(names: bytes) -> bool:
    """Whether these PDF bytes, their names decoded, hold an action or a script."""
    return bool(_PDF_ACTIVE.search(names) or _HTML_ANYWHERE.search(names))


def _starts_zlib(header: bytes) -> bool:
    """A zlib header (deflate, checksum): anything else is not worth inflating."""
    return len(header) == 2 and header[0] & 0x0F == 8 and int.from_bytes(header) % 31 == 0


def _pdf_streams_run_something(data: bytes) -> bool:
    """Inflates every Flate stream, gathering the output and searching it a piece at a time
    (a search per stream would make a file of many tiny streams slow to check)."""
    view, budget, gathered = memoryview(data), _INFLATE_BUDGET, bytearray()
    for match in _PDF_STREAM.finditer(data):
        position, inflater = match.end(), zlib.decompressobj()
        if not _starts_zlib(data[position : position + 2]):
            continue  # an image, raw bytes (which the plain search covers), or no stream
        while budget > 0 and not inflater.eof:
            feed = inflater.unconsumed_tail or view[position : position + _FEED_PIECE]
            if not inflater.unconsumed_tail:
                position += _FEED_PIECE
            if not feed:
                break
            try:
                piece = inflater.decompress(feed, min(budget, _INFLATE_PIECE))
            except zlib.error:
                break  # damaged: what was inflated so far is searched
            budget -= len(piece)
            gathered += piece
            if len(gathered) >= _INFLATE_PIECE:
                if _runs_something(_pdf_names(bytes(gathered))):
                    return True
                gathered = gathered[-_OVERLAP:]
        gathered += b"\n"  # streams do not run into each other
        if budget <= 0:
            break
    return _runs_something(_pdf_names(bytes(gathered)))


def _pdf_problem(name: str, data: bytes) -> str | None:
    visible = _pdf_names(data)
    if re.search(rb"/Encrypt\b", visible) and re.search(rb"/Type\s*/ObjStm", visible):
        # Its dictionaries are packed in encrypted streams: nothing can be said of them.
        return _(
            "“%(name)s” is encrypted, so its content cannot be checked. Attach a copy without "
            "a password, for example printed to PDF again."
        ) % {"name": name}
    if (
        _HTML_AT_START.search(data[:_SNIFFED_BYTES])
        or _runs_something(visible)
        or _pdf_streams_run_something(data)
    ):
        return _(
            "“%(name)s” contains scripts or actions that run when it is opened. Attach a "
            "plain copy, for example printed to PDF again."
        ) % {"name": name}
    if zipfile.is_zipfile(io.BytesIO(data)):
        return _("“%(name)s” is a PDF and an archive at the same time. Attach a plain PDF.") % {
            "name": name
        }
    return None


# Parts and relationships of a Word file that run code or fetch it from elsewhere: macros
# (.docm content renamed .docx), ActiveX controls, and external templates or OLE objects
# (the "template injection" and "Follina" attacks).
_DOCX_ACTIVE = re.compile(rb"macroEnabled|vbaProject|vbaData|activeX", re.I)
_DOCX_RELATIONSHIP = re.compile(rb"<Relationship\b[^>]*>", re.I)
_DOCX_EXTERNAL_CODE = re.compile(rb"/(?:attachedTemplate|oleObject|subDocument|frame)\"", re.I)
_DOCX_PART_LIMIT = 1024 * 1024  # [Content_Types].xml and relationships are a few KB


def _docx_problem(name: str, data: bytes) -> str | None:
    if b"%PDF-" in data[:1024]:  # a PDF reader would open it as a PDF
        return _("“%(name)s” is a PDF and an archive at the same time. Attach a plain DOCX.") % {
            "name": name
        }
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
            described = [n for n in names if n == "[Content_Types].xml" or n.endswith(".rels")]
            parts = [archive.open(n).read(_DOCX_PART_LIMIT) for n in described]
    except (zipfile.BadZipFile, RuntimeError, NotImplementedError, OSError, zlib.error):
        # RuntimeError: a part is encrypted; NotImplementedError: an unknown compression.
        return _("“%(name)s” is damaged or encrypted, so it cannot be checked.") % {"name": name}
    relationships = [r for part in parts for r in _DOCX_RELATIONSHIP.findall(part)]
    if (
        any(_DOCX_ACTIVE.search(n.encode()) for n in names)
        or any(_DOCX_ACTIVE.search(part) for part in parts)
        or any(b"External" in r and _DOCX_EXTERNAL_CODE.search(r) for r in relationships)
    ):
        return _(
            "“%(name)s” contains macros or other active content. Attach a plain Word document "
            "(in Word: Save As, “Word Document”)."
        ) % {"name": name}
    return None


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
    problem = {PDF: _pdf_problem, DOCX: _docx_problem}.get(content_type, lambda *_: None)
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
