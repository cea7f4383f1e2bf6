"""A clinic's tables as CSV files and back, generic over the model's metadata.

Every table of ``Base.metadata`` is covered, in foreign-key order (a table comes after the
tables it points at), rows in primary-key order (so a row that points at an older row of its
own table, like a corrected training entry, comes after it). A new table or column is exported
and imported with no change here; a column type without a codec is refused, never skipped.
Values are converted by :mod:`dnclinic.model.csv_codec`. Nothing here is specific to SQLite.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TextIO

from sqlalchemy import select

from dnclinic.errors import ServiceError
from dnclinic.model import entities  # noqa: F401  (registers every table)
from dnclinic.model.base import Base
from dnclinic.model.csv_codec import Kind, decode, encode, kind_of

if TYPE_CHECKING:
    from _csv import _reader, _writer
    from collections.abc import Iterator, Sequence
    from pathlib import Path

    from sqlalchemy import Connection, Table

# RFC 4180: comma, double quotes around a cell only when needed, CRLF between records.
_DIALECT: dict[str, Any] = {"delimiter": ",", "quotechar": '"', "lineterminator": "\r\n"}
ENCODING = "utf-8"
# A cell may hold a whole archived PDF (base64): lift the csv module's 128 KiB default cap.
_MAX_CELL = 2**31 - 1  # the largest limit every platform's C long accepts


class TransferError(ServiceError):
    """An export folder cannot be imported (or written); the message says why, in plain words."""


@dataclass(frozen=True, slots=True)
class ColumnSpec:
    """One column of an exported table: its name, how it is written, and whether it may be NULL."""

    name: str
    kind: Kind
    nullable: bool


def tables_in_order() -> list[Table]:
    """Return every table of the model, each after the tables its foreign keys point at."""
    return list(Base.metadata.sorted_tables)


def file_name(table: Table) -> str:
    """Return the CSV file a table is written to (``patients.csv``)."""
    return f"{table.name}.csv"


def column_specs(table: Table) -> tuple[ColumnSpec, ...]:
    """Return the table's columns, in the model's order, with their codecs."""
    return tuple(ColumnSpec(c.name, kind_of(c), bool(c.nullable)) for c in table.columns)


def csv_writer(fh: TextIO) -> _writer:
    """Return a CSV writer with the export's dialect (RFC 4180) on a text file."""
    return csv.writer(fh, **_DIALECT)


def csv_reader(fh: TextIO) -> _reader:
    """Return a CSV reader with the export's dialect, for cells of any size."""
    if csv.field_size_limit() < _MAX_CELL:
        csv.field_size_limit(_MAX_CELL)
    return csv.reader(fh, **_DIALECT)


def write_table(conn: Connection, table: Table, path: Path) -> int:
    """Write every row of ``table`` to ``path`` (UTF-8, header first); return the row count."""
    specs = column_specs(table)
    order = list(table.primary_key.columns) or list(table.columns)
    rows = 0
    with path.open("w", encoding=ENCODING, newline="") as fh:
        writer = csv_writer(fh)
        writer.writerow([spec.name for spec in specs])
        for row in conn.execute(select(table).order_by(*order)).mappings():
            writer.writerow([encode(s.kind, row[s.name], nullable=s.nullable) for s in specs])
            rows += 1
    return rows


def read_table(table: Table, path: Path) -> Iterator[dict[str, Any]]:
    """Yield the rows of a CSV file written by :func:`write_table`, as column-to-value dicts.

    Raises:
        TransferError: the header is not the table's columns, or a row or cell is invalid;
            the message names the file, the line and the column.
    """
    specs = column_specs(table)
    expected = [spec.name for spec in specs]
    with path.open(encoding=ENCODING, newline="") as fh:
        reader = csv_reader(fh)
        header = next(reader, None)
        if header != expected:
            raise TransferError(
                f"{path.name}: the header is not the columns of {table.name} in this version "
                f"(expected {', '.join(expected)})."
            )
        for cells in reader:
            yield _decode_row(specs, cells, path.name, reader.line_num)


def _decode_row(
    specs: Sequence[ColumnSpec], cells: Sequence[str], name: str, line: int
) -> dict[str, Any]:
    if len(cells) != len(specs):
        raise TransferError(
            f"{name}, line {line}: {len(cells)} cells where there should be {len(specs)}."
        )
    row: dict[str, Any] = {}
    for spec, cell in zip(specs, cells, strict=True):
        try:
            row[spec.name] = decode(spec.kind, cell, nullable=spec.nullable)
        except ValueError as exc:
            raise TransferError(f"{name}, line {line}, column {spec.name}: {exc}.") from exc
    return row
