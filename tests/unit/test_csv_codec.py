"""The CSV cell codec: every value comes back exactly, and no cell runs as a formula."""

from __future__ import annotations

import enum
import io
import json
import math
from datetime import UTC
from typing import Any

import pytest
from hostile import SPECIMENS, hostile_text, json_values
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import Column, Enum, Interval, MetaData, Table

from dnclinic.model.csv_codec import (
    Kind,
    UnsupportedColumnError,
    decode,
    encode,
    escape,
    kind_of,
    unescape,
)
from dnclinic.model.transfer import column_specs, csv_reader, csv_writer, tables_in_order

FORMULA_START = tuple("=+-@\t\r\n")
VALUES: dict[Kind, st.SearchStrategy[Any]] = {
    Kind.TEXT: hostile_text | st.sampled_from(["", "'", "''=", "=1+1", "-", "@x", "\t", "a,b"]),
    Kind.INTEGER: st.integers(-(2**63), 2**63 - 1),
    Kind.FLOAT: st.floats(allow_nan=True, allow_infinity=True),
    Kind.DECIMAL: st.decimals(allow_nan=False, allow_infinity=False),
    Kind.BOOLEAN: st.booleans(),
    Kind.DATE: st.dates(),
    Kind.TIMESTAMP: st.datetimes(timezones=st.just(UTC)) | st.datetimes(),
    Kind.JSON: json_values,
    Kind.BINARY: st.binary(max_size=64),
}


def through_csv(cells: list[str]) -> list[str]:
    """Write one record with the export's dialect and read it back."""
    out = io.StringIO(newline="")
    csv_writer(out).writerow(cells)
    (back,) = list(csv_reader(io.StringIO(out.getvalue(), newline="")))
    return back


def same(kind: Kind, a: Any, b: Any) -> bool:
    if kind is Kind.FLOAT and a is not None and math.isnan(a):
        return b is not None and math.isnan(b)
    if kind is Kind.JSON:  # NaN inside JSON is not equal to itself
        return json.dumps(a) == json.dumps(b)
    if kind is Kind.DECIMAL and a is not None:
        return str(a) == str(b)  # the same digits, not only the same number
    return bool(a == b) and type(a) is type(b)


@settings(max_examples=300, deadline=None)
@given(data=st.data(), kind=st.sampled_from(list(Kind)), nullable=st.booleans())
def test_every_value_survives_a_csv_round_trip(
    data: st.DataObject, kind: Kind, nullable: bool
) -> None:
    values = [data.draw(VALUES[kind]) for _ in range(3)]
    if nullable:
        values.append(None)
    cells = through_csv([encode(kind, v, nullable=nullable) for v in values])
    back = [decode(kind, c, nullable=nullable) for c in cells]
    assert all(same(kind, a, b) for a, b in zip(values, back, strict=True)), (values, back)


@given(text=hostile_text | st.sampled_from(SPECIMENS), nullable=st.booleans())
def test_no_text_cell_starts_a_formula(text: str, nullable: bool) -> None:
    for kind, value in ((Kind.TEXT, text), (Kind.JSON, text), (Kind.JSON, -1)):
        assert not encode(kind, value, nullable=nullable).startswith(FORMULA_START)
    assert unescape(escape(text)) == text


def test_null_and_the_empty_string_differ_where_both_are_possible() -> None:
    assert encode(Kind.TEXT, None, nullable=True) == ""
    assert encode(Kind.TEXT, "", nullable=True) == "'"
    assert decode(Kind.TEXT, "", nullable=True) is None
    assert decode(Kind.TEXT, "'", nullable=True) == ""
    assert encode(Kind.TEXT, "", nullable=False) == ""  # cannot be NULL: a clean empty cell
    assert decode(Kind.TEXT, "", nullable=False) == ""
    assert encode(Kind.BINARY, b"", nullable=False) == "'"
    assert decode(Kind.BINARY, "'", nullable=False) == b""


def test_numbers_stay_numbers_for_spreadsheets() -> None:
    assert encode(Kind.INTEGER, -3, nullable=False) == "-3"
    assert encode(Kind.FLOAT, -0.5, nullable=False) == "-0.5"
    assert encode(Kind.TEXT, "-0.5", nullable=False) == "'-0.5"


@pytest.mark.parametrize(
    ("kind", "cell", "nullable"),
    [
        (Kind.BOOLEAN, "yes", False),
        (Kind.INTEGER, "1.5", False),
        (Kind.INTEGER, "", False),
        (Kind.DECIMAL, "ten", True),
        (Kind.DATE, "21/05/1980", False),
        (Kind.TIMESTAMP, "yesterday", False),
        (Kind.JSON, "{not json", False),
        (Kind.BINARY, "not*base64", False),
    ],
)
def test_a_bad_cell_is_refused(kind: Kind, cell: str, nullable: bool) -> None:
    with pytest.raises(ValueError, match="value"):
        decode(kind, cell, nullable=nullable)


class Colour(enum.Enum):
    RED = 1


def test_every_column_of_the_model_has_a_codec_and_unknown_types_are_refused() -> None:
    assert sum(len(column_specs(t)) for t in tables_in_order()) > 100
    odd = Table("odd", MetaData(), Column("wait", Interval()), Column("colour", Enum(Colour)))
    for column in odd.columns:
        with pytest.raises(UnsupportedColumnError, match=f"odd.{column.name}"):
            kind_of(column)
