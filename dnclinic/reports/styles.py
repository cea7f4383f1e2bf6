"""One style sheet for every document: fonts, sizes, colours, page size and margins.

Fonts are TrueType files shipped in ``resources/fonts`` (resolved through ``dnclinic.paths``) and
embedded in every PDF: DejaVu Sans for Latin, Greek, Cyrillic and Arabic letters, and Droid Sans
Fallback for Chinese, Japanese and Korean, used only for the characters DejaVu lacks
(:func:`text` marks those runs). The built-in Helvetica would print "张伟" as black boxes.
"""

from __future__ import annotations

from functools import cache
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, StyleSheet1, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from dnclinic.paths import resource_path

PAGE_SIZE = A4
MARGIN = 18 * mm
INK = colors.HexColor("#1b2733")
MUTED = colors.HexColor("#5b6670")
RULE = colors.HexColor("#c9d1d9")
HEADER_FILL = colors.HexColor("#eef1f4")
ACCENT = colors.HexColor("#1f5f8b")
WARN = colors.HexColor("#9a3412")
BODY_FONT = "DejaVuSans"
BOLD_FONT = "DejaVuSans-Bold"
SHAPED_FONT = "DejaVuSans-Shaped"
FALLBACK_FONT = "DroidSansFallback"
_FILES = {
    BODY_FONT: "DejaVuSans.ttf",
    BOLD_FONT: "DejaVuSans-Bold.ttf",
    SHAPED_FONT: "DejaVuSans.ttf",
    FALLBACK_FONT: "DroidSansFallbackFull.ttf",
}
# Scripts whose letters change shape and run right to left (Hebrew, Arabic): printed through
# HarfBuzz (``uharfbuzz``), which joins the letters and orders them. Latin text is NOT shaped, so
# that "fi" stays two letters a PDF reader can search for.
_COMPLEX = ((0x0590, 0x08FF), (0xFB1D, 0xFDFF), (0xFE70, 0xFEFF))


@cache
def register_fonts() -> None:
    """Register the bundled fonts with ReportLab (once per process).

    Raises:
        FileNotFoundError: the fonts are not shipped.
    """
    for name in (BODY_FONT, BOLD_FONT):
        path = str(resource_path("fonts", _FILES[name]))
        pdfmetrics.registerFont(TTFont(name, path, shapable=False))
    path = str(resource_path("fonts", _FILES[SHAPED_FONT]))
    pdfmetrics.registerFont(TTFont(SHAPED_FONT, path, shapable=True))
    pdfmetrics.registerFontFamily(BODY_FONT, normal=BODY_FONT, bold=BOLD_FONT,
                                  italic=BODY_FONT, boldItalic=BOLD_FONT)  # fmt: skip


@cache
def _fallback() -> str:
    # Parsed only when a document needs it: the CJK font is 4 MB.
    path = resource_path("fonts", _FILES[FALLBACK_FONT])
    pdfmetrics.registerFont(TTFont(FALLBACK_FONT, str(path)))
    return FALLBACK_FONT


@cache
def _covered() -> frozenset[int]:
    register_fonts()
    face = pdfmetrics.getFont(BODY_FONT).face
    return frozenset(face.charToGlyph)


def text(value: str, *, breaks: bool = True) -> str:
    """Return ``value`` as safe Paragraph markup: escaped, with line breaks and font fallback.

    ReportLab reads Paragraph text as markup, so ``<``, ``&`` and ``<b>`` typed by a clinician
    are escaped here; characters the body font lacks are wrapped in the fallback font.

    Args:
        value: free text as the user typed it.
        breaks: turn newlines into line breaks (False for one-line fields).
    """
    covered = _covered()
    out: list[str] = []
    run: list[str] = []
    font = ""
    for ch in value:
        needs = font if ch.isspace() else _font_for(ord(ch), covered)
        if needs != font and run:
            out.append(_chunk("".join(run), font))
            run = []
        font = needs
        run.append(ch)
    if run:
        out.append(_chunk("".join(run), font))
    joined = "".join(out)
    return joined.replace("\n", "<br/>") if breaks else joined.replace("\n", " ")


def _font_for(code: int, covered: frozenset[int]) -> str:
    if code not in covered:
        return _fallback()
    if any(low <= code <= high for low, high in _COMPLEX):
        return SHAPED_FONT
    return ""


# A right-to-left run this short (a name, a few words) is printed as one unbreakable piece.
SHORT_RTL = 48


def _right_to_left(run: str) -> str:
    """Put the words of a short Hebrew or Arabic run in visual order.

    HarfBuzz joins and orders the letters of each word, but ReportLab lays the words of a line
    out left to right: "محمد علي" would print with its first name on the left. The words are
    given in visual order instead, joined by no-break spaces so that the run never wraps (a
    wrapped run would put its last words on the first line). Longer runs (a whole note in
    Arabic) are left in typed order.
    """
    core = run.strip()
    if len(core) > SHORT_RTL or not any(c.isspace() for c in core):
        return run
    lead, trail = run[: len(run) - len(run.lstrip())], run[len(run.rstrip()) :]
    return lead + "\u00a0".join(reversed(core.split())) + trail


def _chunk(chunk: str, font: str) -> str:
    if font == SHAPED_FONT:
        chunk = _right_to_left(chunk)
    safe = escape(chunk)
    return f'<font name="{font}">{safe}</font>' if font else safe


def _style(sheet: StyleSheet1, name: str, size: float, **kw: object) -> None:
    values: dict[str, object] = {"fontName": BODY_FONT, "fontSize": size, "shaping": 1,
                                 "leading": round(size * 1.3, 1), "textColor": INK}  # fmt: skip
    values.update(kw)
    sheet.add(ParagraphStyle(name, parent=sheet["BodyText"], **values))


@cache
def stylesheet() -> StyleSheet1:
    """Return the shared paragraph styles (built once).

    Clinical documents use 9-10 pt; the patient's home plan uses ``Large`` (12.5 pt) body text
    and ``LargeHeading`` (16 pt) headings, as the issue asks for readers with poor eyesight.
    """
    register_fonts()
    sheet = getSampleStyleSheet()
    _style(sheet, "Body9", 9, leading=11.5)
    _style(sheet, "Body10", 10)
    _style(sheet, "Small", 7.5, leading=9.5, textColor=MUTED)
    _style(sheet, "Cell", 8.5, leading=10.5)
    _style(sheet, "CellBold", 8.5, leading=10.5, fontName=BOLD_FONT)
    _style(sheet, "DocTitle", 16, leading=20, fontName=BOLD_FONT, spaceAfter=4)
    _style(sheet, "Section", 11, leading=14, fontName=BOLD_FONT, textColor=ACCENT,
           spaceBefore=8, spaceAfter=3)  # fmt: skip
    _style(sheet, "Warning", 9, leading=11.5, textColor=WARN)
    _style(sheet, "Large", 12.5, leading=17)
    _style(sheet, "LargeBold", 12.5, leading=17, fontName=BOLD_FONT)
    _style(sheet, "LargeHeading", 16, leading=21, fontName=BOLD_FONT, textColor=ACCENT,
           spaceBefore=10, spaceAfter=5)  # fmt: skip
    _style(sheet, "LargeTitle", 22, leading=27, fontName=BOLD_FONT, spaceAfter=6)
    return sheet
