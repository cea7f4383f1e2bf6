"""Electrical stimulation settings with the live checks of DECISION_RULES section 6.

Each message appears under the field it concerns as the clinician types: an error (red) blocks
adding the setting, a warning (amber) is shown and saved with it.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from dnclinic.clinical import charting
from dnclinic.clinical.stimulation import ELECTRODE_REGIONS, ELECTRODE_SIDES, StimulationFinding
from dnclinic.services.session_content import (
    FINDING_FIELDS,
    PairEntry,
    StimulationEntry,
    stimulation_findings,
)
from dnclinic.ui.widgets.form_bits import (
    code_combo,
    message_label,
    number_field,
    read_number,
    select_code,
    show_message,
    show_number,
)

FIELDS = ("frequency_hz", "pulse_width_us", "intensity_ma", "duration_min", "pairs")


class StimulationPanel(QGroupBox):
    """The setting being entered, its live findings, and the settings added to the session."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Electrical stimulation", parent)
        self.setObjectName("stimulationPanel")
        self._settings: list[StimulationEntry] = []
        self._segmental = False
        self._precautions: tuple[str, ...] = ()
        self.frequency_hz = number_field(self, "Hz")
        self.frequency_hz.setAccessibleName("Frequency (Hz)")
        self.pulse_width_us = number_field(self, "µs")
        self.intensity_ma = number_field(self, "mA")
        self.duration_min = number_field(self, "min")
        self.waveform = code_combo(charting.WAVEFORMS, self)
        self.a_region = code_combo(ELECTRODE_REGIONS, self)
        self.a_side = code_combo(ELECTRODE_SIDES, self)
        self.b_region = code_combo(ELECTRODE_REGIONS, self)
        self.b_side = code_combo(ELECTRODE_SIDES, self)
        select_code(self.a_region, "lumbar")
        select_code(self.b_region, "gluteal")
        self.messages = {name: message_label(self) for name in FIELDS}
        form = QFormLayout()
        for name, caption, widget in (
            ("frequency_hz", "&Frequency (Hz)", self.frequency_hz),
            ("pulse_width_us", "Pulse &width (µs)", self.pulse_width_us),
            ("intensity_ma", "&Intensity (mA)", self.intensity_ma),
            ("duration_min", "&Duration (min)", self.duration_min),
        ):
            form.addRow(caption, _with_message(self, widget, self.messages[name]))
        form.addRow("Waveform", self.waveform)
        leads = QWidget(self)
        grid = QGridLayout(leads)
        grid.setContentsMargins(0, 0, 0, 0)
        for r, (region, side, caption) in enumerate(
            ((self.a_region, self.a_side, "Lead A"), (self.b_region, self.b_side, "Lead B"))
        ):
            grid.addWidget(QLabel(caption, leads), r, 0)
            grid.addWidget(region, r, 1)
            grid.addWidget(side, r, 2)
        grid.setColumnStretch(1, 1)
        form.addRow("Electrode pair", _with_message(self, leads, self.messages["pairs"]))
        self.add = QPushButton("Add &setting", self)
        self.remove = QPushButton("Remove setting", self)
        self.refused = QLabel(self)
        self.refused.setObjectName("fieldError")
        self.refused.setWordWrap(True)
        self.refused.setVisible(False)
        self.list = QListWidget(self)
        self.list.setObjectName("stimulationList")
        self.list.setMaximumHeight(90)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add)
        buttons.addWidget(self.remove)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.refused)
        layout.addLayout(buttons)
        layout.addWidget(self.list)
        for field in (self.frequency_hz, self.pulse_width_us, self.intensity_ma, self.duration_min):
            field.textChanged.connect(self._on_field_changed)
        for combo in (self.waveform, self.a_region, self.a_side, self.b_region, self.b_side):
            combo.currentIndexChanged.connect(self._on_field_changed)
        self.add.clicked.connect(self._on_add_clicked)
        self.remove.clicked.connect(self._on_remove_clicked)
        self._on_field_changed()

    # --- public ------------------------------------------------------------------------------
    def entry(self) -> StimulationEntry:
        """Return the setting being entered."""
        pair = PairEntry(
            str(self.a_region.currentData()),
            str(self.a_side.currentData()),
            str(self.b_region.currentData()),
            str(self.b_side.currentData()),
        )
        return StimulationEntry(
            read_number(self.frequency_hz),
            read_number(self.pulse_width_us),
            read_number(self.intensity_ma),
            read_number(self.duration_min),
            str(self.waveform.currentData()),
            (pair,),
        )

    def settings(self) -> tuple[StimulationEntry, ...]:
        """Return the settings added to the session."""
        return tuple(self._settings)

    def set_settings(self, settings: tuple[StimulationEntry, ...]) -> None:
        """Replace the settings (a draft, a saved note, "repeat last session")."""
        self._settings = list(settings)
        self._refresh()

    def set_context(self, *, segmental: bool, precautions: tuple[str, ...]) -> None:
        """Tell the checks whether the session is segmental, and the patient's precautions."""
        self._segmental = segmental
        self._precautions = precautions
        self._on_field_changed()
        self._refresh(emit=False)

    def findings(self, entry: StimulationEntry | None = None) -> list[StimulationFinding]:
        """Return the checks' findings for ``entry`` (default: the setting being entered)."""
        return stimulation_findings(
            entry or self.entry(), segmental_session=self._segmental, precautions=self._precautions
        )

    def set_read_only(self, read_only: bool) -> None:
        """Lock entry (a signed note)."""
        for w in (
            self.frequency_hz, self.pulse_width_us, self.intensity_ma, self.duration_min,
            self.waveform, self.a_region, self.a_side, self.b_region, self.b_side, self.add,
            self.remove,
        ):  # fmt: skip
            w.setEnabled(not read_only)

    def load_entry(self, entry: StimulationEntry) -> None:
        """Put a setting into the entry fields."""
        show_number(self.frequency_hz, entry.frequency_hz)
        show_number(self.pulse_width_us, entry.pulse_width_us)
        show_number(self.intensity_ma, entry.intensity_ma)
        show_number(self.duration_min, entry.duration_min)
        select_code(self.waveform, entry.waveform)

    # --- slots -------------------------------------------------------------------------------
    def _on_field_changed(self, *_args: object) -> None:
        by_field: dict[str, list[StimulationFinding]] = {}
        for f in self.findings():
            by_field.setdefault(FINDING_FIELDS.get(f.code, "pairs"), []).append(f)
        blank = all(
            not w.text().strip()
            for w in (self.frequency_hz, self.pulse_width_us, self.intensity_ma, self.duration_min)
        )
        for name, message in self.messages.items():
            found = [] if blank else by_field.get(name, [])
            level = "error" if any(f.level == "error" for f in found) else "warning"
            text = " ".join(
                ("Warning: " if f.level == "warning" else "") + f.message for f in found
            )
            show_message(message, text, level)
        errors = not blank and any(f.level == "error" for f in self.findings())
        self.add.setEnabled(not blank and not errors)
        self.refused.setVisible(errors)
        self.refused.setText("Refused: this setting cannot be used until the errors are fixed.")

    def _on_add_clicked(self) -> None:
        entry = self.entry()
        if any(f.level == "error" for f in self.findings(entry)):
            return
        self._settings.append(entry)
        self._refresh()

    def _on_remove_clicked(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self._settings):
            del self._settings[row]
            self._refresh()

    def _refresh(self, *, emit: bool = True) -> None:
        self.list.clear()
        for s in self._settings:
            pairs = "; ".join(f"{p.a_region} {p.a_side} – {p.b_region} {p.b_side}" for p in s.pairs)
            text = (
                f"{s.frequency_hz or 0:g} Hz, {s.pulse_width_us or 0:g} µs, "
                f"{s.intensity_ma or 0:g} mA, {s.waveform}, {s.duration_min or 0:g} min ({pairs})"
            )
            warnings = [f.message for f in self.findings(s) if f.level == "warning"]
            if warnings:
                text += "\n   ⚠ " + " ".join(warnings)
            self.list.addItem(text)
        if emit:
            self.changed.emit()


def _with_message(parent: QWidget, widget: QWidget, message: QLabel) -> QWidget:
    box = QWidget(parent)
    column = QVBoxLayout(box)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(2)
    column.addWidget(widget)
    column.addWidget(message)
    return box
