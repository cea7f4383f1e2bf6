"""The home-loading plan editor: exercises with sets and reps (or holds), RIR, sessions a week.

Used inside the decision wizard (the plan is part of the draft, stored on Finish) and from the
chart timeline to adjust a stored plan (``PlanService.update``).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from dnclinic.clinical.loading import library
from dnclinic.clinical.vocab import label
from dnclinic.services.errors import ServiceError, ValidationFailed
from dnclinic.services.plans import PlanDetails, PlanExercise, validate_plan
from dnclinic.ui.widgets.form_bits import message_label, show_message

if TYPE_CHECKING:
    from dnclinic.services.plans import HomePlanRecord, PlanService

COLUMNS = ("Exercise", "Sets", "Reps", "Hold (s)")


def _spin(parent: QWidget, low: int, high: int, value: int, none_text: str = "") -> QSpinBox:
    spin = QSpinBox(parent)
    spin.setRange(low, high)
    if none_text:
        spin.setSpecialValueText(none_text)  # shown at the minimum (0 = not used)
    spin.setValue(value)
    return spin


def _buddy(text: str, widget: QWidget) -> QLabel:
    label_ = QLabel(text, widget.parentWidget())
    label_.setBuddy(widget)  # Alt+mnemonic moves the focus to the field
    return label_


class PlanDialog(QDialog):
    """Edit a plan; with ``plans`` and ``record`` it saves the stored plan itself."""

    plan_saved = Signal(object)

    def __init__(
        self,
        details: PlanDetails,
        *,
        plans: PlanService | None = None,
        record: HomePlanRecord | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("planDialog")
        self.setWindowTitle(f"Home-loading plan — {label(details.region)}")
        self._plans, self._record, self._region = plans, record, details.region
        self._ids: list[tuple[str, str]] = []
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setTabKeyNavigation(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.library = QComboBox(self)
        ordered = sorted(library().exercises, key=lambda e: e.region != details.region)
        for e in ordered:
            self.library.addItem(f"{e.name} ({label(e.region).split(' (')[0]})", e.id)
        self.add = QPushButton("A&dd exercise", self)
        self.remove = QPushButton("&Remove selected", self)
        self.rir_min = _spin(self, 0, 10, details.rir_min)
        self.rir_max = _spin(self, 0, 10, details.rir_max)
        self.per_week = _spin(self, 1, 14, details.sessions_per_week)
        self.notes = QPlainTextEdit(details.notes, self)
        self.notes.setTabChangesFocus(True)
        self.notes.setMaximumHeight(70)
        self.error = message_label(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        adding = QHBoxLayout()
        adding.addWidget(_buddy("&Library:", self.library))
        adding.addWidget(self.library, 1)
        adding.addWidget(self.add)
        adding.addWidget(self.remove)
        rir = QHBoxLayout()
        rir.addWidget(self.rir_min)
        rir.addWidget(QLabel("to", self))
        rir.addWidget(self.rir_max)
        rir.addStretch(1)
        form = QFormLayout()
        form.addRow(_buddy("Reps in reser&ve (RIR):", self.rir_min), rir)
        form.addRow(_buddy("Sessions per &week:", self.per_week), self.per_week)
        form.addRow(_buddy("&Notes:", self.notes), self.notes)
        layout = QVBoxLayout(self)
        hint = QLabel("Reps 0 means a hold exercise; hold 0 means a repetition exercise.", self)
        hint.setObjectName("fieldHint")
        layout.addWidget(self.table, 1)
        layout.addWidget(hint)
        layout.addLayout(adding)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        for exercise in details.exercises:
            self._add_row(exercise)
        self.add.clicked.connect(self._on_add_clicked)
        self.remove.clicked.connect(self._on_remove_clicked)
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        self.resize(760, 520)
        self.table.setFocus()

    def _add_row(self, e: PlanExercise) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self._ids.append((e.exercise_id, e.name))
        self.table.setItem(row, 0, QTableWidgetItem(e.name))
        self.table.setCellWidget(row, 1, _spin(self.table, 1, 10, e.sets))
        self.table.setCellWidget(row, 2, _spin(self.table, 0, 100, e.reps or 0, "—"))
        self.table.setCellWidget(row, 3, _spin(self.table, 0, 600, e.hold_seconds or 0, "—"))

    def _value(self, row: int, column: int) -> int:
        widget = self.table.cellWidget(row, column)
        return widget.value() if isinstance(widget, QSpinBox) else 0

    def details(self) -> PlanDetails:
        """Return the plan as edited."""
        exercises = tuple(
            PlanExercise(
                ex_id,
                name,
                self._value(r, 1),
                self._value(r, 2) or None,
                self._value(r, 3) or None,
            )  # fmt: skip
            for r, (ex_id, name) in enumerate(self._ids)
        )
        return PlanDetails(
            self._region, exercises, self.rir_min.value(), self.rir_max.value(),
            self.per_week.value(), self.notes.toPlainText(),
        )  # fmt: skip

    def _on_add_clicked(self) -> None:
        chosen = self.library.currentData()
        e = next((x for x in library().exercises if x.id == chosen), None)
        if e is not None:
            self._add_row(
                PlanExercise(e.id, e.name, e.default_sets, e.default_reps, e.hold_seconds)
            )

    def _on_remove_clicked(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)
            del self._ids[row]

    def _on_buttons_accepted(self) -> None:
        details = self.details()
        issues = validate_plan(details)
        if not issues and self._plans is not None and self._record is not None:
            try:
                saved = self._plans.update(self._record.id, self._record.version_id, details)
            except ValidationFailed as exc:
                issues = list(exc.issues)
            except ServiceError as exc:
                show_message(self.error, str(exc))
                return
            else:
                self._record = replace(self._record, version_id=saved.value.version_id)
                self.plan_saved.emit(saved)
        if issues:
            show_message(self.error, " ".join(dict.fromkeys(i.message for i in issues)))
            return
        self.accept()
