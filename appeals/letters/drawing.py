"""The letter's own pieces of drawing: its fonts (DejaVu Sans, vendored: Kazakh letters
included), the QR code of its verification address, and the place for its signature."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import segno
from reportlab.lib.colors import Color
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Flowable

FONTS = Path(__file__).resolve().parent / "fonts"
REGULAR, BOLD = "OtinishDejaVuSans", "OtinishDejaVuSans-Bold"
QUIET_ZONE = 4  # modules of white around the code, as readers expect
FRAME = Color(0.55, 0.55, 0.55)


@cache
def fonts_registered() -> tuple[str, str]:
    """Registered once per process; the PDF embeds the glyphs it uses."""
    pdfmetrics.registerFont(TTFont(REGULAR, str(FONTS / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(BOLD, str(FONTS / "DejaVuSans-Bold.ttf")))
    pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD)
    return REGULAR, BOLD


class QrCode(Flowable):
    """The address as a QR code, drawn as squares: no image, the same bytes every time."""

    def __init__(self, data: str, size: float) -> None:
        super().__init__()
        self.matrix = segno.make(data, error="m", micro=False).matrix
        self.size = size

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        count = len(self.matrix) + 2 * QUIET_ZONE
        module = self.size / count
        self.canv.setFillColorRGB(0, 0, 0)
        for row_index, row in enumerate(self.matrix):
            y = self.size - (row_index + QUIET_ZONE + 1) * module
            for column, dark in enumerate(row):
                if dark:
                    x = (column + QUIET_ZONE) * module
                    self.canv.rect(x, y, module, module, stroke=0, fill=1)


class SignaturePlace(Flowable):
    """An empty frame where the signature field goes; it notes the page and the box it
    was drawn at, in PDF points, for the field to be put there after the layout."""

    def __init__(self, width: float, height: float, spot: dict[str, Any]) -> None:
        super().__init__()
        self.width, self.height, self.spot = width, height, spot

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        left, bottom = self.canv.absolutePosition(0, 0)
        right, top = self.canv.absolutePosition(self.width, self.height)
        self.spot.update(page=self.canv.getPageNumber() - 1, box=(left, bottom, right, top))
        self.canv.setStrokeColor(FRAME)
        self.canv.setDash(2, 2)
        self.canv.rect(0, 0, self.width, self.height, stroke=1, fill=0)
