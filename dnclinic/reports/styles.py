"""One style sheet for every document: fonts, sizes, colours, page size and margins."""

from __future__ import annotations

from functools import cache

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, StyleSheet1, getSampleStyleSheet
from reportlab.lib.units import mm

PAGE_SIZE = A4
MARGIN = 18 * mm
INK = colors.HexColor("#1b2733")
MUTED = colors.HexColor("#5b6670")
RULE = colors.HexColor("#c9d1d9")
HEADER_FILL = colors.HexColor("#eef1f4")
BODY_FONT = "Helvetica"
BOLD_FONT = "Helvetica-Bold"


@cache
def stylesheet() -> StyleSheet1:
    """Return the shared paragraph styles (built once)."""
    sheet = getSampleStyleSheet()
    sheet.add(ParagraphStyle("Body9", parent=sheet["BodyText"], fontName=BODY_FONT, fontSize=9,
                             leading=11.5, textColor=INK))  # fmt: skip
    sheet.add(ParagraphStyle("Small", parent=sheet["BodyText"], fontName=BODY_FONT, fontSize=7.5,
                             leading=9.5, textColor=MUTED))  # fmt: skip
    sheet.add(ParagraphStyle("DocTitle", parent=sheet["Title"], fontName=BOLD_FONT, fontSize=16,
                             leading=20, alignment=0, textColor=INK, spaceAfter=4))  # fmt: skip
    return sheet
