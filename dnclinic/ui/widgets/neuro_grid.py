"""Keyboard-first grids for the neurological exam: type the grade, the cursor moves on.

Each cell holds one grade (sensation 0/1/2/NT, motor 0-5/NT, reflex 0-4/NT). Typing a digit
(or ``n`` for NT) that the column's scale allows stores it and moves to the next cell, left to
right then down; Delete or Backspace clears a cell; arrows move; Tab leaves the grid.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from dnclinic.clinical.levels import (
    LEVEL_TABLE,
    LEVELS,
    MOTOR_SCALE,
    NT,
    REFLEX_SCALE,
    REFLEXES,
    SENSATION_SCALE,
    Grade,
    level_label,
)

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from PySide6.QtWidgets import QWidget

# A cell's address, as in dnclinic.services.exams: (domain, modality, key, side).
Cell = tuple[str, str, str, str]
CHANGED = QBrush(QColor("#ffe7a3"))  # cells that differ from the previous exam
DISABLED = QBrush(QColor("#eef1f4"))
GRADE_ROLE = Qt.ItemDataRole.UserRole

SENSATION_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("light_touch", "left", "Light touch\nleft"),
    ("light_touch", "right", "Light touch\nright"),
    ("pin_prick", "left", "Pin prick\nleft"),
    ("pin_prick", "right", "Pin prick\nright"),
    ("motor", "left", "Motor\nleft"),
    ("motor", "right", "Motor\nright"),
)


def _scale_for(modality: str) -> Mapping[Grade, str]:
    if modality == "motor":
        return MOTOR_SCALE
    if modality == "reflex":
        return REFLEX_SCALE
    return SENSATION_SCALE


def grade_text(modality: str, grade: Grade) -> str:
    """Return how a grade is shown: reflexes as ``2+``, everything else as typed."""
    if modality == "reflex" and isinstance(grade, int) and grade > 0:
        return f"{grade}+"
    return str(grade)


def has_myotome(level: str) -> bool:
    """Whether a level has a key muscle or myotome action to grade (not T2-T12, S3, S4-5)."""
    info = LEVEL_TABLE[level]
    return info.key_muscle is not None and level != "S4_5"


class GradeGrid(QTableWidget):
    """A table of grade cells addressed by :data:`Cell` keys."""

    grades_changed = Signal()

    def __init__(
        self,
        rows: tuple[tuple[str, str], ...],
        columns: tuple[tuple[str, str, str], ...],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(len(rows), len(columns), parent)
        self._read_only = False
        self._rows = rows  # (key, label)
        self._columns = columns  # (modality, side, header)
        self.setHorizontalHeaderLabels([c[2] for c in columns])
        self.setVerticalHeaderLabels([r[1] for r in rows])
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setTabKeyNavigation(False)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setDefaultSectionSize(26)
        for r, (key, _label) in enumerate(rows):
            for c, (modality, _side, _h) in enumerate(columns):
                item = QTableWidgetItem("")
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                scale = _scale_for(modality)
                item.setToolTip("\n".join(f"{g}: {meaning}" for g, meaning in scale.items()))
                if not self._enabled(key, modality):
                    item.setFlags(Qt.ItemFlag.NoItemFlags)
                    item.setBackground(DISABLED)
                self.setItem(r, c, item)

    @staticmethod
    def _enabled(key: str, modality: str) -> bool:
        return modality != "motor" or has_myotome(key)

    def _domain(self, modality: str) -> str:
        return {"motor": "myotome", "reflex": "reflex"}.get(modality, "dermatome")

    def cell_at(self, row: int, column: int) -> Cell:
        """Return the address of a table position."""
        modality, side, _h = self._columns[column]
        return (self._domain(modality), modality, self._rows[row][0], side)

    def position(self, cell: Cell) -> tuple[int, int] | None:
        """Return the table position of ``cell`` (None when this grid does not hold it)."""
        _domain, modality, key, side = cell
        rows = [r for r, (k, _l) in enumerate(self._rows) if k == key]
        cols = [c for c, (m, s, _h) in enumerate(self._columns) if m == modality and s == side]
        return (rows[0], cols[0]) if rows and cols else None

    def grades(self) -> dict[Cell, Grade]:
        """Return every graded cell."""
        out: dict[Cell, Grade] = {}
        for r in range(self.rowCount()):
            for c in range(self.columnCount()):
                item = self.item(r, c)
                value = item.data(GRADE_ROLE) if item is not None else None
                if value is not None:
                    out[self.cell_at(r, c)] = value
        return out

    def set_grade(self, cell: Cell, grade: Grade | None) -> None:
        """Store (or clear, with None) one grade."""
        pos = self.position(cell)
        item = self.item(*pos) if pos else None
        if item is None or not item.flags() & Qt.ItemFlag.ItemIsEnabled:
            return
        item.setData(GRADE_ROLE, grade)
        item.setText("" if grade is None else grade_text(cell[1], grade))
        self.grades_changed.emit()

    def set_grades(self, grades: Mapping[Cell, Grade]) -> None:
        """Store many grades at once (one change signal)."""
        self.blockSignals(True)
        try:
            for cell, grade in grades.items():
                self.set_grade(cell, grade)
        finally:
            self.blockSignals(False)
        self.grades_changed.emit()

    def mark_changed(self, cells: Iterable[Cell], before: Mapping[Cell, Grade]) -> None:
        """Highlight the cells that differ from the previous exam (tooltip: the old grade)."""
        for cell in cells:
            pos = self.position(cell)
            item = self.item(*pos) if pos else None
            if item is not None:
                item.setBackground(CHANGED)
                item.setToolTip(f"Previous exam: {grade_text(cell[1], before[cell])}")

    def set_read_only(self, read_only: bool) -> None:
        """Refuse typing (for viewing a recorded exam)."""
        self._read_only = read_only

    def _advance(self) -> None:
        r, c = self.currentRow(), self.currentColumn()
        total = self.rowCount() * self.columnCount()
        index = r * self.columnCount() + c
        for step in range(1, total):
            nr, nc = divmod((index + step) % total, self.columnCount())
            item = self.item(nr, nc)
            if item is not None and item.flags() & Qt.ItemFlag.ItemIsEnabled:
                self.setCurrentCell(nr, nc)
                return

    def keyPressEvent(self, event: QKeyEvent) -> None:
        text = event.text().upper()
        r, c = self.currentRow(), self.currentColumn()
        if r < 0 or c < 0 or self._read_only:
            super().keyPressEvent(event)
            return
        cell = self.cell_at(r, c)
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.set_grade(cell, None)
            return
        grade: Grade | None = None
        if text.isdigit():
            grade = int(text)
        elif text == "N":
            grade = NT
        if grade is not None:
            item = self.item(r, c)
            enabled = item is not None and bool(item.flags() & Qt.ItemFlag.ItemIsEnabled)
            if enabled and grade in _scale_for(cell[1]):
                self.set_grade(cell, grade)
                self._advance()
            return  # a grade this scale does not have is ignored, never stored
        super().keyPressEvent(event)


def dermatome_grid(parent: QWidget | None = None) -> GradeGrid:
    """Levels C2 to S4-5 by light touch, pin prick and motor, left and right."""
    rows = tuple((lv, level_label(lv)) for lv in LEVELS)
    return GradeGrid(rows, SENSATION_COLUMNS, parent)


def reflex_grid(parent: QWidget | None = None) -> GradeGrid:
    """The six charted reflexes, left and right."""
    rows = tuple((name, name.replace("_", " ").capitalize()) for name in REFLEXES)
    columns = (("reflex", "left", "Left"), ("reflex", "right", "Right"))
    return GradeGrid(rows, columns, parent)
