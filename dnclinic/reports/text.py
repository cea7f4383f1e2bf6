"""Free text made safe for ReportLab: what a user typed is printed as typed, never as markup.

ReportLab's ``Paragraph`` parses its text as XML-like markup, so ``<``, ``&`` or a typed
``<para>`` would break the layout or change it. Control characters have no glyph, and a very
long note in one table cell cannot be laid out at all (a row may not be taller than a page).
"""

from __future__ import annotations

import re
from xml.sax.saxutils import escape

# C0 and C1 control characters except tab and newline, and lone surrogates (not encodable).
_UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
_LINE_BREAKS = re.compile("\r\n|\r|\u2028|\u2029")
CELL_CHUNK = 1500  # characters per table row: well under a page at the small type size


def printable(text: str) -> str:
    """Return ``text`` without control characters (tabs become spaces; line breaks stay)."""
    return _UNPRINTABLE.sub(" ", _LINE_BREAKS.sub("\n", text)).replace("\t", " ")


def markup(text: str) -> str:
    """Return free text as Paragraph markup that prints exactly as typed (line breaks kept)."""
    return escape(printable(text)).replace("\n", "<br/>")


def chunks(text: str, size: int = CELL_CHUNK) -> list[str]:
    """Split long text into pieces of at most ``size`` characters, at spaces where possible."""
    pieces: list[str] = []
    while len(text) > size:
        cut = text.rfind(" ", size // 2, size)
        cut = size if cut < 0 else cut + 1
        pieces.append(text[:cut])
        text = text[cut:]
    pieces.append(text)
    return pieces
