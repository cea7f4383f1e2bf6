"""Folding and prefix ranges for indexed, case- and accent-insensitive search.

Names are stored a second time folded (lower case, accents removed); a prefix search becomes a
range ``prefix <= column < prefix + U+10FFFF``, which every database answers from a plain index
(unlike ``LIKE``, whose use of an index depends on collation settings).
"""

from __future__ import annotations

import unicodedata
from datetime import date

_RANGE_END = "\U0010ffff"
# Letters that do not decompose into a base letter plus an accent.
_EXTRA_FOLDS = {ord("ø"): "o", ord("ł"): "l", ord("đ"): "d", ord("ß"): "ss", ord("æ"): "ae"}


def fold(text: str) -> str:
    """Return ``text`` lower-cased with accents removed: ``"Zoë Ørsted"`` -> ``"zoe orsted"``."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.translate(_EXTRA_FOLDS)


def prefix_range(prefix: str) -> tuple[str, str]:
    """Return the half-open range of strings that start with ``prefix``."""
    return prefix, prefix + _RANGE_END


def date_prefix_range(token: str) -> tuple[date, date] | None:
    """Read a year-first date prefix (``1980``, ``1980-05``, ``1980-05-21``) as a date range.

    Returns the inclusive first day and exclusive end, or None when the token is not a date.
    """
    parts = token.split("-")
    if not parts[0].isdigit() or len(parts[0]) != 4 or len(parts) > 3:
        return None
    if any(not p.isdigit() for p in parts[1:] if p):
        return None
    try:
        year = int(parts[0])
        if len(parts) == 1 or not parts[1]:
            return date(year, 1, 1), date(year + 1, 1, 1)
        month = int(parts[1])
        if len(parts) == 2 or not parts[2]:
            start = date(year, month, 1)
            end = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
            return start, end
        day = date(year, month, int(parts[2]))
    except ValueError:
        return None
    return day, date.fromordinal(day.toordinal() + 1)
