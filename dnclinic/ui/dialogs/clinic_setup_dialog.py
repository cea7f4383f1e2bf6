"""First run (and later edits): the clinic's name, address, jurisdiction and training threshold."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from dnclinic.clinical.jurisdictions import jurisdiction_codes, jurisdiction_label
from dnclinic.services.clinic import ClinicDetails, ClinicRecord, ClinicService
from dnclinic.services.errors import ServiceError, ValidationFailed
from dnclinic.ui.widgets.validated_form import ValidatedForm

INTRO = (
    "Welcome to dnclinic. Tell us about your clinic; this appears on every printed document. "
    "You can change it later under Clinic ▸ Clinic details."
)
THRESHOLD_HINT = (
    "The decision wizard asks for more than this many hours of formal dry-needling training "
    "(60 in the clinical algorithm this app follows)."
)


class ClinicSetupDialog(QDialog):
    """Edit the clinic record."""

    clinic_saved = Signal(object)  # Saved[ClinicRecord]

    def __init__(
        self, clinic: ClinicService, record: ClinicRecord | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._clinic = clinic
        self._record = record
        self.setObjectName("clinicSetupDialog")
        self.setWindowTitle("Set up your clinic" if record is None else "Clinic details")
        self.setMinimumWidth(560)
        intro = QLabel(INTRO if record is None else "", self)
        intro.setWordWrap(True)
        intro.setVisible(record is None)
        self.banner = QLabel(self)
        self.banner.setObjectName("formBanner")
        self.banner.setWordWrap(True)
        self.banner.setVisible(False)
        self.form = ValidatedForm(self)
        self.name = QLineEdit(self)
        self.name.setObjectName("clinicName")
        self.address = QPlainTextEdit(self)
        self.address.setTabChangesFocus(True)
        self.address.setFixedHeight(self.address.fontMetrics().lineSpacing() * 3 + 16)
        self.phone = QLineEdit(self)
        self.jurisdiction = QComboBox(self)
        for code in jurisdiction_codes():
            self.jurisdiction.addItem(jurisdiction_label(code), code)
        self.threshold = QDoubleSpinBox(self)
        self.threshold.setRange(0, 1000)
        self.threshold.setDecimals(1)
        self.threshold.setSuffix(" hours")
        self.form.add_row("name", "Clinic name", self.name)
        self.form.add_row("address", "Address", self.address)
        self.form.add_row("phone", "Phone", self.phone)
        self.form.add_row("jurisdiction", "Where you practise", self.jurisdiction)
        self.form.add_row(
            "training_threshold_hours", "Training threshold", self.threshold, THRESHOLD_HINT
        )
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save, self)
        if record is not None:
            self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.banner)
        layout.addWidget(self.form)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        self._fill(record.details if record else ClinicDetails(name=""))

    def _fill(self, d: ClinicDetails) -> None:
        self.name.setText(d.name)
        self.address.setPlainText(d.address)
        self.phone.setText(d.phone)
        self.jurisdiction.setCurrentIndex(max(0, self.jurisdiction.findData(d.jurisdiction)))
        self.threshold.setValue(float(d.training_threshold_hours))

    def details(self) -> ClinicDetails:
        """Return what is in the form now."""
        return ClinicDetails(
            name=self.name.text(),
            address=self.address.toPlainText(),
            phone=self.phone.text(),
            jurisdiction=str(self.jurisdiction.currentData()),
            training_threshold_hours=Decimal(str(round(self.threshold.value(), 1))),
        )

    def _on_buttons_accepted(self) -> None:
        try:
            saved = self._clinic.save(
                self.details(), version_id=self._record.version_id if self._record else None
            )
        except ValidationFailed as exc:
            self.form.show_issues(exc.issues)
            return
        except ServiceError as exc:
            self.banner.setText(str(exc))
            self.banner.setVisible(True)
            return
        self.clinic_saved.emit(saved)
        self.accept()
