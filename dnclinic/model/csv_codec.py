"""One database value as one CSV cell and back, chosen by the column's type (docs/CSV.md).

- NULL is an empty cell. In a column that cannot be NULL, an empty cell is the empty string.
- Numbers are Python's round-trip text (``repr`` for floats, so no digit is lost); booleans
  ``true``/``false``; dates ``YYYY-MM-DD``; timestamps ISO 8601 with their UTC offset and
  microseconds; JSON compact JSON text; binary data base64.
- Formula injection: a text, JSON or base64 cell that a spreadsheet could run as a formula
  (it starts with ``= + - @``, a tab, CR or LF) is written with one apostrophe in front, and
  so is a value that itself starts with an apostrophe; the empty string of a column that can
  be NULL is a lone apostrophe. Reading removes exactly one leading apostrophe, so every value
  comes back unchanged. Numbers, dates and booleans are written by dnclinic and never escaped
  (a negative number stays a number in the spreadsheet).
"""

from __future__ import annotations

import base64
import binascii
import json
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Enum,
    Float,
    Integer,
    LargeBinary,
    Numeric,
    String,
    TypeDecorator,
)

if TYPE_CHECKING:
    from sqlalchemy import Column

ESCAPE = "'"
# OWASP's list of characters that make a spreadsheet cell a formula, plus LF and the escape.
_RISKY_START = frozenset("=+-@\t\r\n" + ESCAPE)


class Kind(StrEnum):
    """How a column's values are written as text (named in the manifest)."""

    TEXT = "text"
    INTEGER = "integer"
    FLOAT = "float"
    DECIMAL = "decimal"
    BOOLEAN = "boolean"
    DATE = "date"
    TIMESTAMP = "timestamp"
    JSON = "json"
    BINARY = "binary"


class UnsupportedColumnError(TypeError):
    """A column has a type with no CSV codec yet: add one rather than skip the column."""


# Checked in order: Float is a Numeric, Text a String, DateTime and Date are unrelated.
_KINDS: tuple[tuple[type[Any], Kind], ...] = (
    (JSON, Kind.JSON),
    (Boolean, Kind.BOOLEAN),
    (DateTime, Kind.TIMESTAMP),
    (Date, Kind.DATE),
    (Float, Kind.FLOAT),
    (Numeric, Kind.DECIMAL),
    (Integer, Kind.INTEGER),
    (LargeBinary, Kind.BINARY),
    (String, Kind.TEXT),
)
_PYTHON: dict[Kind, type[Any]] = {
    Kind.TEXT: str, Kind.INTEGER: int, Kind.FLOAT: float, Kind.DECIMAL: Decimal,
    Kind.BOOLEAN: bool, Kind.DATE: date, Kind.TIMESTAMP: datetime, Kind.BINARY: bytes,
}  # fmt: skip
_ESCAPED_KINDS = frozenset({Kind.TEXT, Kind.JSON, Kind.BINARY})


def kind_of(column: Column[Any]) -> Kind:
    """Return how ``column`` is written.

    Raises:
        UnsupportedColumnError: no codec for the column's type.
    """
    declared = column.type
    sql_type = declared.impl_instance if isinstance(declared, TypeDecorator) else declared
    kind = next((kind for base, kind in _KINDS if isinstance(sql_type, base)), None)
    # A decorator that stores one type but means another (Interval is a DateTime underneath),
    # or an Enum of Python enum members, would not come back as it went out.
    means = _python_type(declared) if isinstance(declared, TypeDecorator) else None
    python_enum = isinstance(sql_type, Enum) and sql_type.enum_class is not None
    if kind is None or python_enum or (means is not None and means is not _PYTHON.get(kind)):
        raise UnsupportedColumnError(
            f"Column {column.table.name}.{column.name} has type {declared!r}, which has no CSV "
            "codec"
        )
    return kind


def _python_type(sql_type: TypeDecorator[Any]) -> type[Any] | None:
    """Return what a decorator says its values are; None when it does not say (``object``)."""
    try:
        means = sql_type.python_type
    except NotImplementedError:
        return None
    return None if means is object else means


def escape(text: str) -> str:
    """Return ``text`` as a cell that no spreadsheet runs as a formula (see the module doc).

    The empty string becomes a lone apostrophe, so that it differs from NULL (an empty cell).
    """
    return ESCAPE + text if text == "" or text[0] in _RISKY_START else text


def unescape(cell: str) -> str:
    """Undo :func:`escape` on a non-empty cell: drop one leading apostrophe."""
    return cell[1:] if cell.startswith(ESCAPE) else cell


def _to_text(kind: Kind, value: Any) -> str:
    if kind is Kind.BOOLEAN:
        return "true" if value else "false"
    if kind is Kind.FLOAT:
        return repr(float(value))
    if kind in (Kind.DATE, Kind.TIMESTAMP):
        return str(value.isoformat())
    if kind is Kind.JSON:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    if kind is Kind.BINARY:
        return base64.b64encode(bytes(value)).decode("ascii")
    return str(value)  # text, integer, decimal


def encode(kind: Kind, value: Any, *, nullable: bool) -> str:
    """Return the cell for one value (None is NULL: an empty cell)."""
    if value is None and (nullable or kind is not Kind.JSON):
        return ""
    text = _to_text(kind, value)  # None here is JSON null in a column that cannot be NULL
    if text == "" and kind is Kind.TEXT and not nullable:
        return ""  # cannot be NULL: an empty cell is unambiguous, and keeps spreadsheets clean
    return escape(text) if kind in _ESCAPED_KINDS else text


def _boolean(text: str) -> bool:
    if text not in ("true", "false"):
        raise ValueError("expected true or false")
    return text == "true"


def _binary(text: str) -> bytes:
    try:
        return base64.b64decode(text.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError) as exc:
        raise ValueError("expected base64 data") from exc


def _decimal(text: str) -> Decimal:
    try:
        return Decimal(text)
    except InvalidOperation as exc:
        raise ValueError("expected a decimal number") from exc


_PARSERS: dict[Kind, Any] = {
    Kind.TEXT: str,
    Kind.INTEGER: int,
    Kind.FLOAT: float,
    Kind.DECIMAL: _decimal,
    Kind.BOOLEAN: _boolean,
    Kind.DATE: date.fromisoformat,
    Kind.TIMESTAMP: datetime.fromisoformat,
    Kind.JSON: json.loads,
    Kind.BINARY: _binary,
}


def decode(kind: Kind, cell: str, *, nullable: bool) -> Any:
    """Return the value of one cell (the inverse of :func:`encode`).

    Raises:
        ValueError: the cell is not a valid value of this kind, or empty where NULL is not
            allowed; the message says what was expected.
    """
    if cell == "":
        if nullable:
            return None
        if kind is Kind.TEXT:
            return ""
        raise ValueError("a value is required")
    text = unescape(cell) if kind in _ESCAPED_KINDS else cell
    try:
        return _PARSERS[kind](text)
    except ValueError as exc:  # json.JSONDecodeError is a ValueError too
        raise ValueError(f"not a valid {kind.value} value ({exc})") from exc
