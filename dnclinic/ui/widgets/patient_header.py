"""The chart header: who the patient is and what to watch out for, always in view."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from dnclinic.clinical.demographics import SEX_LABELS
from dnclinic.clinical.vocab import label
from dnclinic.ui.theme import heading_font, set_state
from dnclinic.ui.widgets.flow_layout import FlowLayout

if TYPE_CHECKING:
    from dnclinic.services.chart import PatientHeader


def _chip(text: str, kind: str, tooltip: str = "") -> QLabel:
    chip = QLabel(text)
    chip.setObjectName("flagChip")
    chip.setProperty("kind", kind)
    chip.setToolTip(tooltip)
    return chip


class PatientHeaderWidget(QWidget):
    """Name, age, sex and record number, then flag chips from the latest screening."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("patientHeader")
        self.name = QLabel(self)
        self.name.setObjectName("patientName")
        self.name.setFont(heading_font(self.font(), 1.6))
        self.facts = QLabel(self)
        self.facts.setObjectName("patientFacts")
        self.status = QLabel(self)
        self.status.setObjectName("statusBanner")
        self.status.setWordWrap(True)
        self.status.setVisible(False)
        self.flags = QWidget(self)
        self._flow = FlowLayout(self.flags, spacing=6)
        top = QHBoxLayout()
        top.addWidget(self.name)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 6)
        layout.addLayout(top)
        layout.addWidget(self.facts)
        layout.addWidget(self.status)
        layout.addWidget(self.flags)

    def chip_texts(self) -> list[str]:
        """Return the texts of the flag chips shown now (for tests and accessibility)."""
        return [w.text() for w in self.flags.findChildren(QLabel, "flagChip")]

    def show_header(self, h: PatientHeader) -> None:
        """Show a patient."""
        self.name.setText(h.display_name)
        age = f"{h.age} years" if h.age is not None else "age unknown"
        self.facts.setText(f"{age}  ·  {SEX_LABELS.get(h.sex, h.sex)}  ·  Record no. {h.mrn}")
        withdrawn = h.status == "entered_in_error"
        self.status.setText("This record was marked entered in error." if withdrawn else "")
        self.status.setVisible(withdrawn)
        self._flow.clear()
        chips: list[QLabel] = []
        chips += [
            _chip(f"RED FLAG: {label(c)}", "red_flag", "Refer; do not needle") for c in h.red_flags
        ]
        chips += [
            _chip(f"Contraindication: {label(c)}", "contraindication") for c in h.contraindications
        ]
        chips += [_chip(f"Precaution: {label(c)}", "precaution") for c in h.precautions]
        if not h.screened:
            chips.append(_chip("Not screened yet", "missing", "Record a screening before needling"))
        elif h.consent_type == "none":
            chips.append(_chip("No consent to dry needling", "missing"))
        else:
            chips.append(_chip(f"{h.consent_type.capitalize()} consent on file", "ok"))
        for chip in chips:
            self._flow.addWidget(chip)
            set_state(chip, "kind", chip.property("kind"))
