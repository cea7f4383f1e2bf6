"""Record a medical screening: red flags, contraindications, precautions and consent."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from dnclinic.clinical import vocab
from dnclinic.clinical.demographics import parse_date
from dnclinic.services.episodes import EpisodeService, ScreeningDetails, ScreeningRow
from dnclinic.services.errors import ServiceError, ValidationFailed
from dnclinic.ui.widgets.code_checklist import CodeChecklist
from dnclinic.ui.widgets.validated_form import ValidatedForm

if TYPE_CHECKING:
    from dnclinic.services.clinic import PractitionerRow

CONSENT_LABELS = {
    "written": "Written consent",
    "verbal": "Verbal consent",
    "none": "Not yet given",
}


class ScreeningDialog(QDialog):
    """A new screening, prefilled from the previous one so that only changes need typing."""

    screening_saved = Signal(object)

    def __init__(
        self,
        episodes: EpisodeService,
        patient_id: int,
        practitioners: list[PractitionerRow],
        today_iso: str,
        previous: ScreeningRow | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._episodes = episodes
        self._patient_id = patient_id
        self.setObjectName("screeningDialog")
        self.setWindowTitle("Record screening")
        self.setMinimumWidth(720)
        self.form = ValidatedForm(self)
        self.screened_on = QLineEdit(today_iso, self)
        self.red_flags = CodeChecklist(vocab.RED_FLAGS, 2, self)
        self.contraindications = CodeChecklist(vocab.CONTRAINDICATIONS, 2, self)
        self.precautions = CodeChecklist(vocab.PRECAUTIONS, 2, self)
        self.consent_type = QComboBox(self)
        for code in ("written", "verbal", "none"):
            self.consent_type.addItem(CONSENT_LABELS[code], code)
        self.consent_date = QLineEdit(today_iso, self)
        self.consent_by = QComboBox(self)
        self.consent_by.addItem("Choose…", None)
        for p in practitioners:
            self.consent_by.addItem(p.display_name, p.id)
        self.notes = QPlainTextEdit(self)
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(self.notes.fontMetrics().lineSpacing() * 2 + 16)
        f = self.form
        f.add_row("screened_on", "Screening date", self.screened_on)
        f.add_row(
            "red_flags", "Red flags", self.red_flags, "Any red flag means: refer, do not needle."
        )
        f.add_row("contraindications", "Contraindications", self.contraindications)
        f.add_row("precautions", "Precautions", self.precautions)
        f.add_row("consent_type", "Consent to dry needling", self.consent_type)
        f.add_row("consent_date", "Consent date", self.consent_date)
        f.add_row("consent_recorded_by", "Consent recorded by", self.consent_by)
        f.add_row("notes", "Notes", self.notes)
        self.banner = QLabel(self)
        self.banner.setObjectName("formBanner")
        self.banner.setVisible(False)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.form)
        layout.addWidget(self.buttons)
        self.consent_type.currentIndexChanged.connect(self._on_consent_type_changed)
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        if previous is not None:
            self._prefill(previous.details)

    def _prefill(self, d: ScreeningDetails) -> None:
        self.red_flags.set_codes(d.red_flags)
        self.contraindications.set_codes(d.contraindications)
        self.precautions.set_codes(d.precautions)
        self.consent_type.setCurrentIndex(max(0, self.consent_type.findData(d.consent_type)))
        if d.consent_date is not None:
            self.consent_date.setText(d.consent_date.isoformat())
        self.consent_by.setCurrentIndex(max(0, self.consent_by.findData(d.consent_recorded_by_id)))

    def details(self) -> ScreeningDetails:
        """Return what is in the form now."""
        consent = str(self.consent_type.currentData())
        by = self.consent_by.currentData()
        return ScreeningDetails(
            screened_on=parse_date(self.screened_on.text()),
            red_flags=self.red_flags.codes(),
            contraindications=self.contraindications.codes(),
            precautions=self.precautions.codes(),
            consent_type=consent,
            consent_date=parse_date(self.consent_date.text()) if consent != "none" else None,
            consent_recorded_by_id=int(by) if by is not None and consent != "none" else None,
            notes=self.notes.toPlainText(),
        )

    def _on_consent_type_changed(self, _index: int) -> None:
        given = self.consent_type.currentData() != "none"
        self.consent_date.setEnabled(given)
        self.consent_by.setEnabled(given)

    def _on_buttons_accepted(self) -> None:
        try:
            saved = self._episodes.record_screening(self._patient_id, self.details())
        except ValidationFailed as exc:
            self.form.show_issues(exc.issues)
            return
        except ServiceError as exc:
            self.banner.setText(str(exc))
            self.banner.setVisible(True)
            return
        self.screening_saved.emit(saved)
        self.accept()
