"""The page template shared by every document.

Every page carries the clinic's letterhead (name, address, phone, optional logo), the patient's
name and record number on a patient document, "page X of Y" and the printed-at stamp; an
unsigned note also carries a DRAFT watermark. The stamp is passed in, never read from the clock,
so a document can be rebuilt byte for byte.
"""

from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO
from typing import TYPE_CHECKING, Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import landscape
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate

from dnclinic.reports.styles import (
    BODY_FONT,
    BOLD_FONT,
    MARGIN,
    MUTED,
    PAGE_SIZE,
    RULE,
    register_fonts,
    stylesheet,
    text,
)

if TYPE_CHECKING:
    from datetime import date, datetime

    from reportlab.platypus import Flowable

HEADER_HEIGHT = 17 * mm
LOGO_BOX = (38 * mm, 15 * mm)


@dataclass(frozen=True, slots=True)
class Letterhead:
    """The clinic's details printed at the top of every page (logo: PNG or JPEG bytes)."""

    name: str
    address: str = ""
    phone: str = ""
    logo: bytes | None = None


@dataclass(frozen=True, slots=True)
class PatientBanner:
    """Who a patient document is about, repeated on every page."""

    name: str
    mrn: str
    date_of_birth: date | None = None

    @property
    def line(self) -> str:
        """Return e.g. ``"LOPEZ, Ana · record T-000001 · born 1980-05-21"``."""
        born = f" · born {self.date_of_birth:%Y-%m-%d}" if self.date_of_birth else ""
        return f"{self.name} · record {self.mrn}{born}"


@dataclass(frozen=True, slots=True)
class _Furniture:
    footer: tuple[str, str]
    letterhead: Letterhead | None
    patient: PatientBanner | None
    watermark: str | None


class _NumberedCanvas(Canvas):  # type: ignore[misc]  # ReportLab ships no type hints
    """A canvas that knows the page count when it draws the furniture ("page 2 of 5")."""

    def __init__(self, *args: Any, furniture: _Furniture, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []
        self._furniture = furniture

    def showPage(self) -> None:  # noqa: N802 - ReportLab's API
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            self._draw_furniture(number, total)
            super().showPage()
        super().save()

    def _draw_furniture(self, number: int, total: int) -> None:
        f = self._furniture
        if f.watermark:
            self._draw_watermark(f.watermark)
        if f.letterhead is not None:
            self._draw_letterhead(f.letterhead, f.patient)
        width, _height = self._pagesize
        left, right = f.footer
        self.setFont(BODY_FONT, 7.5)
        self.setFillColor(MUTED)
        self.setStrokeColor(RULE)
        self.setLineWidth(0.5)
        self.line(MARGIN, MARGIN * 0.75, width - MARGIN, MARGIN * 0.75)
        _paragraph(self, left, "Small", MARGIN, MARGIN * 0.7, (width - 2 * MARGIN) * 0.6)
        self.drawRightString(width - MARGIN, MARGIN / 2, f"{right}    page {number} of {total}")

    def _draw_letterhead(self, head: Letterhead, patient: PatientBanner | None) -> None:
        width, height = self._pagesize
        top = height - MARGIN * 0.6
        text_width = width - 2 * MARGIN - (LOGO_BOX[0] + 4 * mm if head.logo else 0)
        y = _paragraph(self, f"<b>{text(head.name, breaks=False)}</b>", "Body10", MARGIN, top,
                       text_width)  # fmt: skip
        details = " · ".join(
            p for p in (" · ".join(head.address.splitlines()), head.phone and f"Tel. {head.phone}")
            if p
        )  # fmt: skip
        if details:
            y = _paragraph(self, text(details, breaks=False), "Small", MARGIN, y, text_width)
        if patient is not None:
            _paragraph(self, f"<b>Patient:</b> {text(patient.line, breaks=False)}", "Body9",
                       MARGIN, y - 1, text_width)  # fmt: skip
        if head.logo:
            logo = ImageReader(BytesIO(head.logo))
            w, h = logo.getSize()
            scale = min(LOGO_BOX[0] / w, LOGO_BOX[1] / h)
            self.drawImage(logo, width - MARGIN - w * scale, top - h * scale, w * scale,
                           h * scale, mask="auto")  # fmt: skip
        self.setStrokeColor(RULE)
        self.setLineWidth(0.6)
        rule_y = height - MARGIN * 0.6 - HEADER_HEIGHT
        self.line(MARGIN, rule_y, width - MARGIN, rule_y)

    def _draw_watermark(self, word: str) -> None:
        width, height = self._pagesize
        self.saveState()
        self.setFillColor(colors.Color(0.85, 0.2, 0.2, alpha=0.16))
        self.setFont(BOLD_FONT, 110)
        self.translate(width / 2, height / 2)
        self.rotate(40)
        self.drawCentredString(0, -40, word)
        self.restoreState()


def _paragraph(canvas: Canvas, markup: str, style: str, x: float, top: float, w: float) -> float:
    """Draw one paragraph with its top at ``top``; return the y just below it."""
    para = Paragraph(markup, stylesheet()[style])
    _w, h = para.wrap(w, 200)
    para.drawOn(canvas, x, top - h)
    return float(top - h)


def build_pdf(
    story: list[Flowable],
    *,
    title: str,
    footer_left: str,
    printed_at: datetime,
    wide: bool = False,
    letterhead: Letterhead | None = None,
    patient: PatientBanner | None = None,
    watermark: str | None = None,
    author: str = "dnclinic",
) -> bytes:
    """Lay out ``story`` on the shared page template and return the PDF bytes.

    Args:
        story: the document's flowables.
        title: the PDF title (document properties).
        footer_left: the footer's left text (escaped here).
        printed_at: the printed-at stamp (never read from the clock), so a document can be
            rebuilt byte for byte.
        wide: landscape pages.
        letterhead: the clinic's letterhead at the top of every page (None: no header).
        patient: the patient's name and record number under the letterhead on every page.
        watermark: a word printed across every page, e.g. ``"DRAFT"``.
        author: the PDF author property.
    """
    register_fonts()
    out = BytesIO()
    pagesize = landscape(PAGE_SIZE) if wide else PAGE_SIZE
    top = MARGIN * 0.6 + HEADER_HEIGHT + 5 * mm if letterhead is not None else MARGIN
    doc = SimpleDocTemplate(
        out, pagesize=pagesize, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=top,
        bottomMargin=MARGIN, title=title, author=author, creator="dnclinic",
        invariant=True,  # no embedded creation time or random ids: reproducible bytes
    )  # fmt: skip
    stamp = f"printed {printed_at:%Y-%m-%d %H:%M} UTC"
    furniture = _Furniture((text(footer_left, breaks=False), stamp), letterhead, patient, watermark)

    def canvas_maker(*args: Any, **kwargs: Any) -> _NumberedCanvas:
        canvas = _NumberedCanvas(*args, furniture=furniture, **kwargs)
        canvas.setCreator("dnclinic")
        return canvas

    doc.build(story, canvasmaker=canvas_maker)
    return out.getvalue()
