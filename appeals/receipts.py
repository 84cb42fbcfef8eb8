"""The walk-in's receipt: an A5 PDF the front office prints right after the intake, in the
appeal's language, with the reference, the dates, the body, the lookup code and the status
page's address (and its QR code). Nothing about the person: a receipt may be lost."""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A5
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    HRFlowable,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from appeals.letters.drawing import QrCode, fonts_registered
from appeals.models import Appeal
from appeals.status_lookup import code_shown, status_page_url

MARGIN, QR_SIZE = 12 * mm, 28 * mm


def _styles() -> dict[str, ParagraphStyle]:
    regular, bold = fonts_registered()
    body = ParagraphStyle("body", fontName=regular, fontSize=10, leading=13, spaceAfter=4)
    return {
        "body": body,
        "head": ParagraphStyle("head", body, fontName=bold, fontSize=13, leading=17),
        "small": ParagraphStyle("small", body, fontSize=8, leading=10),
        "code": ParagraphStyle("code", body, fontName=bold, fontSize=20, leading=26),
    }


def _facts(appeal: Appeal, s: dict[str, ParagraphStyle]) -> Table:
    received = date_format(timezone.localtime(appeal.received_at), "DATETIME_FORMAT")
    due = date_format(timezone.localtime(appeal.due_at), "DATE_FORMAT")
    days = appeal.type.deadline_working_days
    rows = [
        (_("Reference number"), appeal.reference),
        (_("Received"), received),
        (_("Addressee"), appeal.agency.name),
        (_("Answer due by"), _("%(date)s (%(days)s working days by law)")
         % {"date": due, "days": days}),
    ]  # fmt: skip
    table = Table(
        [[Paragraph(escape(label), s["small"]), Paragraph(escape(value), s["body"])]
         for label, value in rows],
        colWidths=[35 * mm, None],
    )  # fmt: skip
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    table.hAlign = "LEFT"
    return table


def _lookup(code: str, s: dict[str, ParagraphStyle]) -> list[Flowable]:
    url = status_page_url()
    how = _(
        "To see the status of the appeal without logging in, open %(url)s (or scan the QR "
        "code) and type the reference number and this code. Keep the code: it is printed only "
        "on this receipt and cannot be shown again."
    ) % {"url": url}
    text = [
        Paragraph(escape(_("Status code")), s["small"]),
        Paragraph(escape(code_shown(code)), s["code"]),
        Paragraph(escape(how), s["small"]),
    ]
    table = Table([[QrCode(url, QR_SIZE), text]], colWidths=[QR_SIZE + 4 * mm, None])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
    table.hAlign = "LEFT"
    return [table]


def receipt_pdf(appeal: Appeal, code: str) -> bytes:
    """The receipt of `appeal` (with its type and agency loaded), showing its `code`."""
    s, buffer = _styles(), io.BytesIO()
    with translation.override(appeal.language):
        title = _("Receipt of an appeal")
        document = SimpleDocTemplate(
            buffer, pagesize=A5, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
            bottomMargin=MARGIN, title=f"{title} {appeal.reference}", creator="Otinish",
            producer="Otinish", lang=appeal.language,
        )  # fmt: skip
        document.build([
            Paragraph(escape(title), s["head"]),
            HRFlowable(width="100%", thickness=0.8, spaceBefore=2, spaceAfter=6),
            _facts(appeal, s),
            Spacer(1, 5 * mm),
            *_lookup(code, s),
        ])  # fmt: skip
    return buffer.getvalue()
