"""The page template shared by every document: letterhead line, page X of Y, printed-at stamp."""

from __future__ import annotations

from io import BytesIO
from typing import TYPE_CHECKING, Any

from reportlab.lib.pagesizes import landscape
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import SimpleDocTemplate

from dnclinic.reports.styles import BODY_FONT, MARGIN, MUTED, PAGE_SIZE

if TYPE_CHECKING:
    from datetime import datetime

    from reportlab.platypus import Flowable


class _NumberedCanvas(Canvas):  # type: ignore[misc]  # ReportLab ships no type hints
    """A canvas that knows the page count when it draws the footers ("page 2 of 5")."""

    def __init__(self, *args: Any, footer: tuple[str, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []
        self._footer = footer

    def showPage(self) -> None:  # noqa: N802 - ReportLab's API
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            self._draw_footer(number, total)
            super().showPage()
        super().save()

    def _draw_footer(self, number: int, total: int) -> None:
        width, _height = self._pagesize
        left, right = self._footer
        self.setFont(BODY_FONT, 7.5)
        self.setFillColor(MUTED)
        self.drawString(MARGIN, MARGIN / 2, left)
        self.drawRightString(width - MARGIN, MARGIN / 2, f"{right}    page {number} of {total}")


def build_pdf(
    story: list[Flowable],
    *,
    title: str,
    footer_left: str,
    printed_at: datetime,
    wide: bool = False,
) -> bytes:
    """Lay out ``story`` on the shared page template and return the PDF bytes.

    ``printed_at`` is passed in (never read from the clock) so a document can be rebuilt
    byte for byte.
    """
    out = BytesIO()
    pagesize = landscape(PAGE_SIZE) if wide else PAGE_SIZE
    doc = SimpleDocTemplate(
        out, pagesize=pagesize, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
        bottomMargin=MARGIN, title=title, author="dnclinic", creator="dnclinic",
        invariant=True,  # no embedded creation time or random ids: reproducible bytes
    )  # fmt: skip
    stamp = f"printed {printed_at:%Y-%m-%d %H:%M} UTC"

    def canvas_maker(*args: Any, **kwargs: Any) -> _NumberedCanvas:
        canvas = _NumberedCanvas(*args, footer=(footer_left, stamp), **kwargs)
        canvas.setCreator("dnclinic")
        return canvas

    doc.build(story, canvasmaker=canvas_maker)
    return out.getvalue()
