"""The audit chain: any single edit, deletion, swap or truncation is detected."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from dnclinic.model.audit_chain import GENESIS, ChainAnchor, ChainRow, row_hash, verify_chain

START = datetime(2026, 1, 1, tzinfo=UTC)


def make_chain(events: list[tuple[str, str, int | None]]) -> list[ChainRow]:
    rows, prev = [], GENESIS
    for i, (user, action, patient) in enumerate(events, start=1):
        at = START + timedelta(minutes=i)
        details = f'{{"n": {i}}}'
        digest = row_hash(prev, at, user, action, "patient", patient, patient, details)
        rows.append(
            ChainRow(i, at, user, action, "patient", patient, patient, details, prev, digest)
        )
        prev = digest
    return rows


def anchor_of(rows: list[ChainRow]) -> ChainAnchor:
    return ChainAnchor(rows[-1].id, rows[-1].hash)


events = st.lists(
    st.tuples(
        st.sampled_from(["ana", "ben", "cy"]),
        st.sampled_from(["create", "update", "chart_viewed"]),
        st.none() | st.integers(1, 50),
    ),  # fmt: skip
    min_size=2,
    max_size=25,
)


@settings(max_examples=150, deadline=None)
@given(events)
def test_an_untouched_log_verifies(evts: list[tuple[str, str, int | None]]) -> None:
    rows = make_chain(evts)
    assert verify_chain(rows, anchor_of(rows)).ok


@settings(max_examples=150, deadline=None)
@given(events, st.data())
def test_any_single_edit_is_detected(
    evts: list[tuple[str, str, int | None]], data: st.DataObject
) -> None:
    rows = make_chain(evts)
    anchor = anchor_of(rows)
    i = data.draw(st.integers(0, len(rows) - 1))
    field = data.draw(
        st.sampled_from(["username", "action", "details", "patient_id", "at", "hash"])
    )
    row = rows[i]
    changed: dict[str, Any] = {
        "username": row.username + "x",
        "action": "sign",
        "details": "{}",
        "patient_id": (row.patient_id or 0) + 1,
        "at": row.at + timedelta(seconds=1),
        "hash": "f" * 64,
    }
    rows[i] = row._replace(**{field: changed[field]})
    assert not verify_chain(rows, anchor).ok


@settings(max_examples=150, deadline=None)
@given(events, st.data())
def test_any_deletion_is_detected(
    evts: list[tuple[str, str, int | None]], data: st.DataObject
) -> None:
    rows = make_chain(evts)
    anchor = anchor_of(rows)
    del rows[data.draw(st.integers(0, len(rows) - 1))]
    assert not verify_chain(rows, anchor).ok


@settings(max_examples=150, deadline=None)
@given(events, st.data())
def test_any_swap_is_detected(evts: list[tuple[str, str, int | None]], data: st.DataObject) -> None:
    rows = make_chain(evts)
    anchor = anchor_of(rows)
    i = data.draw(st.integers(0, len(rows) - 2))
    j = data.draw(st.integers(i + 1, len(rows) - 1))
    rows[i], rows[j] = rows[j], rows[i]
    assert not verify_chain(rows, anchor).ok


@settings(max_examples=150, deadline=None)
@given(events, st.data())
def test_any_truncation_is_detected(
    evts: list[tuple[str, str, int | None]], data: st.DataObject
) -> None:
    rows = make_chain(evts)
    anchor = anchor_of(rows)
    keep = data.draw(st.integers(0, len(rows) - 1))
    report = verify_chain(rows[:keep], anchor)
    assert not report.ok
    assert "missing" in report.problem
