"""What a file's content is, judged by its bytes, never its name: its type, the active
content of PDF and Word files (what could run when it is opened), and images decoded and
written again, which drops their metadata and anything hidden after them. Every check has
a budget: whatever the file, it holds a bounded amount in memory for a bounded time."""

from __future__ import annotations

import io
import re
import zipfile
import zlib

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

# No real scan or photo of a document needs more (a 300 dpi A4 scan has 9 million): the
# decoded image stays some hundreds of MB at most. Pillow's own cap, for any other use.
MAX_IMAGE_PIXELS = 40_000_000
Image.MAX_IMAGE_PIXELS = MAX_IMAGE_PIXELS

PDF, JPEG, PNG, DOCX = (
    "application/pdf",
    "image/jpeg",
    "image/png",
    ("application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
)
EXTENSIONS = {PDF: "pdf", JPEG: "jpg", PNG: "png", DOCX: "docx"}
TYPE_OF_EXTENSION = {".pdf": PDF, ".jpg": JPEG, ".jpeg": JPEG, ".png": PNG, ".docx": DOCX}


def _zip_entries(data: bytes) -> int | None:
    """The number of entries the archive's end record declares, read before any parsing:
    zipfile would build an object for each of them. None: no end record, or a ZIP64 one,
    which no Word file under MAX_BYTES needs."""
    end = data.rfind(b"PK\x05\x06", max(0, len(data) - 65_557))
    if end < 0 or len(data) < end + 22:
        return None
    entries = int.from_bytes(data[end + 10 : end + 12], "little")
    return None if entries == 0xFFFF else entries


def _is_docx(data: bytes) -> bool:
    entries = _zip_entries(data)
    if entries is None or entries > _DOCX_MAX_ENTRIES:
        return False
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


def pdf_problem(name: str, data: bytes) -> str | None:
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
# What a check may inflate in all, whatever the file: a Word file's relationships are a few
# KB, and a "zip bomb" of a thousand parts of zeros stops here, having held one piece.
_DOCX_SCAN_BUDGET = 4 * 1024 * 1024
_DOCX_MAX_ENTRIES = 2000  # a long report with many images has some hundreds
_DOCX_MAX_INFLATED = 256 * 1024 * 1024  # declared: what Word would have to inflate to open it
_SCAN_PIECE = 64 * 1024
_RELATIONSHIP_OVERLAP = 4096  # a relationship cut in two by the pieces is whole in the next


def _docx_part_runs_something(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: int) -> bool:
    """Whether one described part names active content, read a piece at a time."""
    carried = b""
    with archive.open(info) as part:
        while budget > 0 and (piece := part.read(min(_SCAN_PIECE, budget))):
            budget -= len(piece)
            window = carried + piece
            if _DOCX_ACTIVE.search(window) or any(
                b"External" in r and _DOCX_EXTERNAL_CODE.search(r)
                for r in _DOCX_RELATIONSHIP.findall(window)
            ):
                return True
            carried = window[-_RELATIONSHIP_OVERLAP:]
    return False


def _docx_scan(data: bytes) -> bool | None:
    """Whether the Word file holds active content; None when it cannot be checked within
    the limits (too many parts, or relationships larger than any real document's)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        infos = archive.infolist()
        if len(infos) > _DOCX_MAX_ENTRIES or sum(i.file_size for i in infos) > _DOCX_MAX_INFLATED:
            return None
        if any(_DOCX_ACTIVE.search(info.filename.encode()) for info in infos):
            return True
        budget = _DOCX_SCAN_BUDGET
        for info in infos:
            if info.filename != "[Content_Types].xml" and not info.filename.endswith(".rels"):
                continue
            if budget <= 0:
                return None
            if _docx_part_runs_something(archive, info, min(budget, _DOCX_PART_LIMIT)):
                return True
            budget -= min(info.file_size, _DOCX_PART_LIMIT)
    return False


def docx_problem(name: str, data: bytes) -> str | None:
    if b"%PDF-" in data[:1024]:  # a PDF reader would open it as a PDF
        return _("“%(name)s” is a PDF and an archive at the same time. Attach a plain DOCX.") % {
            "name": name
        }
    try:
        active = _docx_scan(data)
    except (zipfile.BadZipFile, RuntimeError, NotImplementedError, OSError, zlib.error):
        # RuntimeError: a part is encrypted; NotImplementedError: an unknown compression.
        return _("“%(name)s” is damaged or encrypted, so it cannot be checked.") % {"name": name}
    if active is None:
        return _(
            "“%(name)s” has more parts, or larger ones, than a Word document has, so it cannot "
            "be checked. Save it again from Word, or attach it as PDF."
        ) % {"name": name}
    if active:
        return _(
            "“%(name)s” contains macros or other active content. Attach a plain Word document "
            "(in Word: Save As, “Word Document”)."
        ) % {"name": name}
    return None


def reencode_image(data: bytes, expected: str) -> bytes:
    """The image decoded and written again, once its size is known to fit: Pillow reads the
    size from the header, and only warns (not refuses) up to twice its own cap."""
    output = io.BytesIO()
    try:
        with Image.open(io.BytesIO(data)) as image:
            if Image.MIME.get(image.format or "") != expected:
                raise ValidationError(_("The image is damaged or of another type."))
            if image.width * image.height > MAX_IMAGE_PIXELS:
                raise ValidationError(
                    _("The image has more than %(megapixels)s million pixels: scan it smaller.")
                    % {"megapixels": MAX_IMAGE_PIXELS // 1_000_000}
                )
            image.load()
            if expected == JPEG:
                image.convert("RGB").save(output, format="JPEG", quality=90)
            else:
                image.save(output, format="PNG", optimize=True)
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as error:
        raise ValidationError(_("The image is damaged or too large to open.")) from error
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
