"""Adverse events of a session (classification: CLINICAL_REFERENCE section 4.5)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from dnclinic.clinical import charting
from dnclinic.clinical.demographics import parse_date
from dnclinic.clinical.vocab import label
from dnclinic.services.session_content import AdverseEventEntry
from dnclinic.ui.widgets.form_bits import code_combo, message_label, show_message


class AdverseEventsPanel(QGroupBox):
    """Type, severity, onset, action taken and date reported; the events listed below."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Adverse events", parent)
        self.setObjectName("adverseEventsPanel")
        self._events: list[AdverseEventEntry] = []
        self.event_type = code_combo(charting.AE_TYPES, self)
        self.severity = code_combo(charting.AE_SEVERITIES, self)
        for i, code in enumerate(charting.AE_SEVERITIES):
            self.severity.setItemData(i, charting.AE_SEVERITY_TEXT[code], 3)  # tooltip role
        self.onset = code_combo(charting.AE_ONSETS, self)
        self.action = QLineEdit(self)
        self.action.setPlaceholderText("Action taken (e.g. pressure 2 min, advice)")
        self.reported = QLineEdit(self)
        self.reported.setPlaceholderText("Reported to regulator (YYYY-MM-DD)")
        self.add = QPushButton("Add e&vent", self)
        self.remove = QPushButton("Remove event", self)
        self.message = message_label(self)
        self.list = QListWidget(self)
        self.list.setObjectName("adverseEventList")
        self.list.setMaximumHeight(70)
        grid = QGridLayout()
        grid.addWidget(QLabel("Type", self), 0, 0)
        grid.addWidget(self.event_type, 0, 1)
        grid.addWidget(QLabel("Severity", self), 0, 2)
        grid.addWidget(self.severity, 0, 3)
        grid.addWidget(QLabel("Onset", self), 0, 4)
        grid.addWidget(self.onset, 0, 5)
        grid.addWidget(self.action, 1, 0, 1, 4)
        grid.addWidget(self.reported, 1, 4, 1, 2)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add)
        buttons.addWidget(self.remove)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        layout.addWidget(self.list)
        self.add.clicked.connect(self._on_add_clicked)
        self.remove.clicked.connect(self._on_remove_clicked)

    def events(self) -> tuple[AdverseEventEntry, ...]:
        """Return the events recorded for the session."""
        return tuple(self._events)

    def set_events(self, events: tuple[AdverseEventEntry, ...]) -> None:
        """Replace the list."""
        self._events = list(events)
        self._refresh()

    def set_read_only(self, read_only: bool) -> None:
        """Lock entry (a signed note)."""
        for w in (self.event_type, self.severity, self.onset, self.action, self.reported):
            w.setEnabled(not read_only)
        self.add.setEnabled(not read_only)
        self.remove.setEnabled(not read_only)

    def _on_add_clicked(self) -> None:
        typed = self.reported.text().strip()
        reported = parse_date(typed) if typed else None
        if typed and reported is None:
            show_message(self.message, f"“{typed}” is not a date; use YYYY-MM-DD.")
            return
        show_message(self.message, "")
        self._events.append(
            AdverseEventEntry(
                str(self.event_type.currentData()),
                str(self.severity.currentData()),
                str(self.onset.currentData()),
                self.action.text().strip(),
                reported,
            )
        )
        self.action.clear()
        self.reported.clear()
        self._refresh()

    def _on_remove_clicked(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self._events):
            del self._events[row]
            self._refresh()

    def _refresh(self) -> None:
        self.list.clear()
        for e in self._events:
            text = f"{label(e.event_type)} — {e.severity}, {label(e.onset).lower()}"
            if e.action_taken:
                text += f"; {e.action_taken}"
            if e.reported_to_regulator_on:
                text += f"; reported {e.reported_to_regulator_on.isoformat()}"
            self.list.addItem(text)
        self.changed.emit()
