"""The letter as an A4 PDF in the appeal's language, with an empty signature field at the
head's signature place. Rendered without dates or random ids: the same content gives the
same bytes, which the head's signature relies on (head.py)."""

from __future__ import annotations

import hashlib
import io
from typing import Any
from xml.sax.saxutils import escape

from django.utils import translation
from django.utils.translation import gettext as _
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    HRFlowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from appeals.letters.content import LetterContent
from appeals.letters.drawing import QrCode, SignaturePlace, fonts_registered

FIELD = "Signature1"
MARGIN = 20 * mm
SIGNATURE_BOX = (70 * mm, 22 * mm)
QR_SIZE = 30 * mm


def _styles() -> dict[str, ParagraphStyle]:
    regular, bold = fonts_registered()
    body = ParagraphStyle("body", fontName=regular, fontSize=10.5, leading=14, spaceAfter=6)
    return {
        "body": body,
        "head": ParagraphStyle("head", body, fontName=bold, fontSize=14, leading=18),
        "small": ParagraphStyle("small", body, fontSize=8.5, leading=11, spaceAfter=2),
        "right": ParagraphStyle("right", body, alignment=2),
        "strong": ParagraphStyle("strong", body, fontName=bold),
    }


def _text(text: str, style: ParagraphStyle) -> list[Paragraph]:
    """Plain text as paragraphs: a blank line parts them, a line break stays one."""
    parts = [p.strip("\n") for p in text.replace("\r\n", "\n").split("\n\n")]
    return [Paragraph(escape(p).replace("\n", "<br/>"), style) for p in parts if p.strip()]


def _letterhead(content: LetterContent, s: dict[str, ParagraphStyle]) -> list[Flowable]:
    dates = _("Outgoing No. %(reference)s of %(date)s") % {
        "reference": content.reference, "date": f"{content.answered:%d.%m.%Y}",
    }  # fmt: skip
    received = _("In reply to the appeal received on %(date)s") % {
        "date": f"{content.received:%d.%m.%Y}"
    }
    return [
        Paragraph(escape(content.agency), s["head"]),
        HRFlowable(width="100%", thickness=0.8, spaceBefore=2, spaceAfter=8),
        Paragraph(escape(dates), s["body"]),
        Paragraph(escape(received), s["small"]),
        Paragraph(escape(_("To: %(name)s") % {"name": content.addressee}), s["right"]),
        Spacer(1, 4 * mm),
        Paragraph(escape(_("Subject: %(subject)s") % {"subject": content.subject}), s["body"]),
        Paragraph(escape(content.kind), s["strong"]),
    ]


def _signatures(
    content: LetterContent, s: dict[str, ParagraphStyle], spot: dict[str, Any]
) -> Flowable:
    executor = _("Executor: %(name)s") % {"name": content.executor or "—"}
    if content.head:
        head = _("Head of the body: %(name)s") % {"name": content.head}
    else:
        head = _("Head of the body: not named on the portal")
    place = SignaturePlace(*SIGNATURE_BOX, spot)
    table = Table(
        [[Paragraph(escape(head), s["strong"]), place],
         [Paragraph(escape(executor), s["small"]), ""]],
        colWidths=[None, SIGNATURE_BOX[0]],
    )  # fmt: skip
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("SPAN", (1, 0), (1, 1))]))
    table.hAlign = "LEFT"
    return table


def _verification(content: LetterContent, s: dict[str, ParagraphStyle]) -> Flowable:
    code = _("Verification code: %(code)s") % {"code": content.code}
    how = _(
        "Scan the QR code or open %(url)s to check this letter: the page confirms its "
        "fingerprint, the body and the date, and checks a copy you upload."
    ) % {"url": content.verify_url}
    text = [Paragraph(escape(code), s["strong"]), Paragraph(escape(how), s["small"])]
    table = Table([[QrCode(content.verify_url, QR_SIZE), text]], colWidths=[QR_SIZE + 4 * mm, None])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
    table.hAlign = "LEFT"
    return table


def _footer(content: LetterContent) -> Any:
    regular, _bold = fonts_registered()
    line = _("%(reference)s · verification code %(code)s · page %(page)s")

    def draw(canvas: Canvas, document: Any) -> None:
        canvas.setFont(regular, 7.5)
        values = {"reference": content.reference, "code": content.code, "page": document.page}
        canvas.drawString(MARGIN, 10 * mm, line % values)

    return draw


def letter_pdf(content: LetterContent) -> tuple[bytes, int, tuple[float, float, float, float]]:
    """The rendered letter, and the page and box of its signature place."""
    s, spot = _styles(), dict[str, Any]()
    buffer = io.BytesIO()
    with translation.override(content.language):
        document = SimpleDocTemplate(
            buffer, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
            bottomMargin=MARGIN, title=content.reference, author=content.agency,
            subject=content.subject, creator="Otinish", producer="Otinish", invariant=1,
            lang=content.language,
        )  # fmt: skip
        story = [
            *_letterhead(content, s),
            *_text(content.text, s["body"]),
            Spacer(1, 6 * mm),
            KeepTogether([_signatures(content, s, spot), Spacer(1, 6 * mm),
                          _verification(content, s)]),
        ]  # fmt: skip
        document.build(story, onFirstPage=_footer(content), onLaterPages=_footer(content))
    return buffer.getvalue(), spot["page"], spot["box"]


class _TimelessWriter(IncrementalPdfFileWriter):
    """pyHanko's writer without the modification time and the random id it adds on each
    write: the prepared letter must come out the same every time."""

    def __init__(self, data: bytes) -> None:
        super().__init__(io.BytesIO(data))
        second = generic.ByteStringObject(hashlib.sha256(data).digest()[:16])
        self._document_id = generic.ArrayObject([self._document_id[0], second])

    def _update_meta(self) -> None:
        return None


def letter_prepared(content: LetterContent) -> bytes:
    """The letter with its empty signature field: what the server or the head signs."""
    rendered, page, (left, bottom, right, top) = letter_pdf(content)
    writer = _TimelessWriter(rendered)
    fields.append_signature_field(
        writer,
        fields.SigFieldSpec(
            FIELD, on_page=page, box=(round(left), round(bottom), round(right), round(top))
        ),
    )
    # "Signatures exist, append only", as a signer sets it: a signature then changes no flag.
    writer.root["/AcroForm"]["/SigFlags"] = generic.NumberObject(3)
    writer.update_container(writer.root["/AcroForm"])
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()
