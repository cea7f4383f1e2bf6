"""The patient list as a Qt table model: ids plus a lazily filled row cache.

A 100,000-patient clinic costs one list of ints; rows are fetched a page at a time when the view
first paints them, so scrolling and type-ahead never load the whole clinic.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from dnclinic.clinical.sex_and_age import SEX_LABELS, age_in_years

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from datetime import date

    from dnclinic.model.repositories.patients import PatientRow
from dnclinic.services.errors import ServiceError

PAGE = 200
ModelIndex = QModelIndex | QPersistentModelIndex
# The roles as plain ints: the view asks ``data`` for a dozen roles of every cell it paints, and
# comparing with the enum members (or combining alignment flags) each time goes through Python's
# enum machinery, several times the cost of the lookup itself.
_DISPLAY = int(Qt.ItemDataRole.DisplayRole.value)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole.value)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole.value)
_TEXT_ROLES = frozenset({_DISPLAY, _TOOLTIP})


class Column(NamedTuple):
    """One column: header and how to render a row."""

    header: str
    text: Callable[[PatientRow, date], str]
    align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft


COLUMNS = (
    Column("Record no.", lambda r, _t: r.mrn),
    Column("Name", lambda r, _t: r.display_name),
    Column(
        "Date of birth",
        lambda r, t: f"{r.date_of_birth.isoformat()}  ({age_in_years(r.date_of_birth, t)})",
    ),
    Column("Sex", lambda r, _t: "—" if r.sex == "unknown" else SEX_LABELS.get(r.sex, r.sex)),
    Column("Phone", lambda r, _t: r.phone),
)
_ALIGNMENTS = tuple(int((c.align | Qt.AlignmentFlag.AlignVCenter).value) for c in COLUMNS)


class PatientTableModel(QAbstractTableModel):
    """Patients matching the current search, in list order."""

    ID_ROLE = int(Qt.ItemDataRole.UserRole.value) + 1

    def __init__(
        self,
        fetch_rows: Callable[[Sequence[int]], list[PatientRow]],
        today: Callable[[], date],
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._fetch_rows = fetch_rows
        self._today = today
        self._ids: list[int] = []
        self._cache: dict[int, PatientRow] = {}

    # --- data replacement --------------------------------------------------------------------
    def set_ids(self, ids: list[int], first_rows: Sequence[PatientRow] = ()) -> None:
        """Replace the list (after a search), seeding the cache with rows already fetched."""
        self.beginResetModel()
        self._ids = ids
        self._cache = {row.id: row for row in first_rows}
        self.endResetModel()

    def invalidate(self, patient_ids: frozenset[int]) -> None:
        """Forget cached rows for changed patients and repaint them."""
        for pid in patient_ids:
            self._cache.pop(pid, None)
        for row, pid in enumerate(self._ids):
            if pid in patient_ids:
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    def patient_id(self, row: int) -> int | None:
        """Return the patient id shown on ``row``."""
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, patient_id: int) -> int | None:
        """Return the row showing ``patient_id``."""
        try:
            return self._ids.index(patient_id)
        except ValueError:
            return None

    def _row(self, row: int) -> PatientRow | None:
        pid = self._ids[row]
        cached = self._cache.get(pid)
        if cached is None:
            start = (row // PAGE) * PAGE
            page_ids = [i for i in self._ids[start : start + PAGE] if i not in self._cache]
            try:
                fetched_rows = self._fetch_rows(page_ids)
            except ServiceError:  # e.g. the session was locked meanwhile: paint nothing
                return None
            for fetched in fetched_rows:
                self._cache[fetched.id] = fetched
            cached = self._cache.get(pid)
        return cached

    # --- Qt model interface --------------------------------------------------------------------
    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role not in _TEXT_ROLES:
            if role == _ALIGNMENT:
                return _ALIGNMENTS[index.column()]
            if role == self.ID_ROLE and 0 <= index.row() < len(self._ids):
                return self._ids[index.row()]
            return None
        if not 0 <= index.row() < len(self._ids):
            return None
        row = self._row(index.row())
        if row is None:
            return None
        return COLUMNS[index.column()].text(row, self._today())

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(COLUMNS)
        ):
            return COLUMNS[section].header
        return None
