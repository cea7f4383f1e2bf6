"""The patient table model: a correct Qt model, and lazy (pages fetched only when shown)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

from dnclinic.model.repositories.patients import PatientRow
from dnclinic.ui.models.patient_table_model import PAGE, PatientTableModel

if TYPE_CHECKING:
    from collections.abc import Sequence

    from pytestqt.modeltest import ModelTester


class FakeRows:
    """Counts how many rows the model asked for (the data itself is plain values)."""

    def __init__(self) -> None:
        self.requested: list[int] = []

    def __call__(self, ids: Sequence[int]) -> list[PatientRow]:
        self.requested.extend(ids)
        return [
            PatientRow(
                i,
                f"DN-{i:06d}",
                f"Family{i}",
                "Given",
                date(1980, 1, 1),
                "female",
                "555-0100",
                "active",
            )
            for i in ids
        ]


def test_model_passes_qtmodeltester(qtmodeltester: ModelTester) -> None:
    model = PatientTableModel(FakeRows(), lambda: date(2026, 11, 23))
    model.set_ids(list(range(1, 40)))
    qtmodeltester.check(model)
    model.set_ids([])
    qtmodeltester.check(model)


def test_rows_are_fetched_a_page_at_a_time() -> None:
    fetch = FakeRows()
    model = PatientTableModel(fetch, lambda: date(2026, 11, 23))
    model.set_ids(list(range(1, 100_001)))
    assert model.rowCount() == 100_000
    assert fetch.requested == []
    assert model.index(0, 1).data() == "Family1, Given"
    assert len(fetch.requested) == PAGE
    assert model.index(PAGE - 1, 0).data() == f"DN-{PAGE:06d}"
    assert len(fetch.requested) == PAGE  # same page: no new query
    assert model.index(99_999, 2).data() == "1980-01-01  (46)"
    assert len(fetch.requested) == 2 * PAGE
    assert model.index(5, 0).data(PatientTableModel.ID_ROLE) == 6


def test_invalidate_refetches_changed_rows(qtbot: object) -> None:
    fetch = FakeRows()
    model = PatientTableModel(fetch, lambda: date(2026, 11, 23))
    model.set_ids([1, 2, 3])
    model.index(0, 0).data()
    changed: list[int] = []
    model.dataChanged.connect(lambda top, _bottom, _roles=(): changed.append(top.row()))
    model.invalidate(frozenset({2}))
    assert changed == [1]
    before = len(fetch.requested)
    model.index(1, 0).data(Qt.ItemDataRole.DisplayRole)
    assert fetch.requested[before:] == [2]
