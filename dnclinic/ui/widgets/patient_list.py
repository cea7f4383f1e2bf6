"""The left pane: a type-ahead search box over the patient list."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelection, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from dnclinic.ui.models.patient_table_model import PatientTableModel

if TYPE_CHECKING:
    from PySide6.QtGui import QKeyEvent

    from dnclinic.services.changes import ChangeSet
    from dnclinic.services.patient_search import PatientSearchService


class _SearchBox(QLineEdit):
    """A search field; Down moves into the results, so the keyboard never leaves home row."""

    down_pressed = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Down:
            self.down_pressed.emit()
            return
        super().keyPressEvent(event)


class PatientList(QWidget):
    """Search box, result count and the patient table; emits the chosen patient."""

    patient_selected = Signal(int)
    patient_activated = Signal(int)

    def __init__(
        self, patients: PatientSearchService, parent: QWidget | None = None, *, enabled: bool = True
    ) -> None:
        super().__init__(parent)
        self._patients = patients
        self._enabled = enabled
        self.search = _SearchBox(self)
        self.search.setObjectName("patientSearch")
        self.search.setPlaceholderText("Search: name, record no. or birth date (YYYY-MM-DD)")
        self.search.setClearButtonEnabled(True)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("resultCount")
        self.model = PatientTableModel(patients.rows, patients.today, self)
        self.table = QTableView(self)
        self.table.setObjectName("patientTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(34)  # comfortable touch targets
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        for column, width in enumerate((112, 180, 138, 72)):
            self.table.setColumnWidth(column, width)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 4, 8)
        layout.addWidget(self.search)
        layout.addWidget(self.count_label)
        layout.addWidget(self.table, 1)

        self.search.textChanged.connect(self._on_search_text_changed)
        self.search.returnPressed.connect(self._on_search_return_pressed)
        self.search.down_pressed.connect(self._on_search_down_pressed)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.table.activated.connect(self._on_table_activated)
        self.refresh()

    # --- public ------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Run the current search again."""
        if not self._enabled:
            self.search.setEnabled(False)
            self.count_label.setText("Your role does not include patient records.")
            return
        found = self._patients.search_page(self.search.text())
        ids = found.ids
        self.model.set_ids(ids, found.rows)
        total = len(ids)
        noun = "patient" if total == 1 else "patients"
        self.count_label.setText(f"{total:,} {noun}" + (" found" if self.search.text() else ""))

    def focus_search(self) -> None:
        """Put the cursor in the search box with its text selected (Ctrl+F)."""
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def select_patient(self, patient_id: int) -> bool:
        """Select a patient in the list if shown; return whether it was."""
        row = self.model.row_of(patient_id)
        if row is None:
            return False
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))
        return True

    def current_patient_id(self) -> int | None:
        """Return the selected patient's id."""
        rows = self.table.selectionModel().selectedRows()
        return self.model.patient_id(rows[0].row()) if rows else None

    def on_changes(self, changes: ChangeSet) -> None:
        """React to saved actions: new or withdrawn patients change the list."""
        if changes.patients:
            selected = self.current_patient_id()
            self.refresh()
            if selected is not None:
                self.select_patient(selected)

    # --- slots -------------------------------------------------------------------------------
    def _on_search_text_changed(self, _text: str) -> None:
        self.refresh()
        if self.model.rowCount() == 1:
            self.table.selectRow(0)

    def _on_search_return_pressed(self) -> None:
        if self.model.rowCount() > 0:
            if not self.table.selectionModel().hasSelection():
                self.table.selectRow(0)
            pid = self.current_patient_id()
            if pid is not None:
                self.patient_activated.emit(pid)

    def _on_search_down_pressed(self) -> None:
        if self.model.rowCount() > 0:
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)
            if not self.table.selectionModel().hasSelection():
                self.table.selectRow(0)

    def _on_selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        pid = self.current_patient_id()
        if pid is not None:
            self.patient_selected.emit(pid)

    def _on_table_activated(self, index: object) -> None:
        pid = self.current_patient_id()
        if pid is not None:
            self.patient_activated.emit(pid)
