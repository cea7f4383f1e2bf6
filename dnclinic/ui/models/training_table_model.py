"""The training dashboard as a Qt table model, and its sort/filter proxy.

A thin adapter (HOUSE_STYLE G4): the rows are the dashboard service's read models and the
columns its declared :data:`~dnclinic.services.training_dashboard.COLUMNS`, so the table, the
CSV export and the command line show the same text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from dnclinic.services.training_dashboard import COLUMNS

if TYPE_CHECKING:
    from collections.abc import Sequence

    from dnclinic.services.training_dashboard import PractitionerTrainingRow

ModelIndex = QModelIndex | QPersistentModelIndex
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2
SHORT = QColor("#b3261e")
OPEN = QColor("#8a5300")
STATUS_FILTERS = ("All practitioners", "Eligible", "Under threshold or minimum", "Paperwork open")


class TrainingTableModel(QAbstractTableModel):
    """One row per practitioner; display text, sort keys and the row itself by role."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[PractitionerTrainingRow] = []

    def set_rows(self, rows: Sequence[PractitionerTrainingRow]) -> None:
        """Replace the rows."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> PractitionerTrainingRow:
        """Return the read model of a source row."""
        return self._rows[row]

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = COLUMNS[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if role == Qt.ItemDataRole.ToolTipRole and column.key == "status":
                return "\n".join(row.eligibility.reasons)
            return column.text(row)
        if role == SORT_ROLE:
            return column.sort(row)
        if role == ROW_ROLE:
            return row.practitioner_id
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = (
                Qt.AlignmentFlag.AlignRight if column.numeric else Qt.AlignmentFlag.AlignLeft
            )
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._colour(row, column.key)
        return None

    @staticmethod
    def _colour(row: PractitionerTrainingRow, key: str) -> QBrush | None:
        e = row.eligibility
        if key in ("status", "total") and not e.eligible:
            return QBrush(SHORT)
        if key == "threshold" and not e.meets_threshold:
            return QBrush(SHORT)
        if key == "minimum" and not e.meets_minimum:
            return QBrush(SHORT)
        if (key == "missing" and row.missing_certificates) or (
            key == "unverified" and row.unverified
        ):
            return QBrush(OPEN)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(COLUMNS)
        ):
            # Two-line headers keep the fourteen columns within a laptop screen.
            return COLUMNS[section].header.replace(" ", "\n", 1).replace("/", "\n/")
        return None


class TrainingFilterProxy(QSortFilterProxyModel):
    """Sorts by each column's sort key; filters by name text and by status."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self._text = ""
        self._status = 0

    def set_text(self, text: str) -> None:
        """Keep practitioners whose name contains ``text`` (any case)."""
        self.beginFilterChange()
        self._text = text.strip().casefold()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_status(self, index: int) -> None:
        """Keep practitioners of one :data:`STATUS_FILTERS` entry (0 = all)."""
        self.beginFilterChange()
        self._status = index
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def describe(self) -> str:
        """Return the filters in words (for the export's audit entry)."""
        parts = [f'name contains "{self._text}"' if self._text else ""]
        parts.append(STATUS_FILTERS[self._status] if self._status else "")
        return ", ".join(p for p in parts if p)

    def rows(self) -> list[PractitionerTrainingRow]:
        """Return the rows as shown: filtered, in the current sort order."""
        source = self.sourceModel()
        assert isinstance(source, TrainingTableModel)
        return [
            source.row_at(self.mapToSource(self.index(r, 0)).row()) for r in range(self.rowCount())
        ]

    def filterAcceptsRow(self, source_row: int, source_parent: ModelIndex) -> bool:
        source = self.sourceModel()
        if not isinstance(source, TrainingTableModel):
            return True
        row = source.row_at(source_row)
        if self._text and self._text not in row.name.casefold():
            return False
        e = row.eligibility
        return {
            0: True,
            1: e.eligible,
            2: not e.eligible,
            3: row.missing_certificates > 0 or row.unverified > 0,
        }[self._status]

    def lessThan(self, left: ModelIndex, right: ModelIndex) -> bool:
        a, b = left.data(SORT_ROLE), right.data(SORT_ROLE)
        try:
            return bool(a < b)
        except TypeError:
            return str(a) < str(b)
