"""First run (and later edits): the clinic's name, address, jurisdiction and training threshold.

Issue 6 adds the letterhead logo and, when the training service is given, the clinic's own
copy of its jurisdiction's training rule (minimum hours, supervised sessions, adverse-event
reporting deadline), seeded from the shipped presets.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from dnclinic.clinical.jurisdictions import jurisdiction_codes, jurisdiction_label
from dnclinic.clinical.training import HOURS_CONFIRMED, HOURS_NONE, TrainingRule
from dnclinic.clinical.validation import Issue
from dnclinic.services.clinic import LOGO_TYPES, ClinicDetails, ClinicRecord, ClinicService
from dnclinic.services.errors import ServiceError, ValidationFailed
from dnclinic.ui.widgets.validated_form import ValidatedForm

if TYPE_CHECKING:
    from dnclinic.services.training import TrainingService

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
        self,
        clinic: ClinicService,
        record: ClinicRecord | None,
        parent: QWidget | None = None,
        *,
        training: TrainingService | None = None,
    ) -> None:
        super().__init__(parent)
        self._clinic = clinic
        self._record = record
        self._training = training  # issue 6: the jurisdiction rule
        self._rule: TrainingRule | None = None
        self._logo: tuple[bytes, str] | None = None
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
        self._add_logo_row()  # --- training (issue 6) ---
        if training is not None:
            self._add_rule_rows()
            self.jurisdiction.currentIndexChanged.connect(self._on_jurisdiction_changed)
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
        if training is not None:  # issue 6: the longer form needs its full height
            self.setMinimumWidth(640)
            layout.activate()
            height = max(layout.totalHeightForWidth(640), self.sizeHint().height())
            self.resize(640, height)

    def _fill(self, d: ClinicDetails) -> None:
        self.name.setText(d.name)
        self.address.setPlainText(d.address)
        self.phone.setText(d.phone)
        self.jurisdiction.setCurrentIndex(max(0, self.jurisdiction.findData(d.jurisdiction)))
        self.threshold.setValue(float(d.training_threshold_hours))
        self._logo = (d.logo, d.logo_media_type) if d.logo else None
        self._show_logo()
        self._load_rule()

    def details(self) -> ClinicDetails:
        """Return what is in the form now."""
        return ClinicDetails(
            name=self.name.text(),
            address=self.address.toPlainText(),
            phone=self.phone.text(),
            jurisdiction=str(self.jurisdiction.currentData()),
            training_threshold_hours=Decimal(str(round(self.threshold.value(), 1))),
            logo=self._logo[0] if self._logo else None,
            logo_media_type=self._logo[1] if self._logo else "",
        )

    def _on_buttons_accepted(self) -> None:
        rule, issues = self.rule()
        if issues:
            self.form.show_issues(issues)
            return
        try:
            saved = self._clinic.save(
                self.details(), version_id=self._record.version_id if self._record else None
            )
            if self._training is not None and rule is not None and rule != self._rule:
                self._training.save_rule(rule)
        except ValidationFailed as exc:
            self.form.show_issues(exc.issues)
            return
        except ServiceError as exc:
            self.banner.setText(str(exc))
            self.banner.setVisible(True)
            return
        self.clinic_saved.emit(saved)
        self.accept()

    # --- logo and jurisdiction rule (issue 6) ------------------------------------------------
    def _add_logo_row(self) -> None:
        box = QWidget(self)
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        self.logo_preview = QLabel(box)
        self.logo_preview.setObjectName("logoPreview")
        self.logo_preview.setFixedSize(180, 64)
        self.logo_preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        choose = QPushButton("C&hoose…", box)
        self.remove_logo = QPushButton("Remove", box)
        row.addWidget(self.logo_preview)
        row.addWidget(choose)
        row.addWidget(self.remove_logo)
        row.addStretch(1)
        choose.clicked.connect(self._on_choose_logo_clicked)
        self.remove_logo.clicked.connect(self._on_remove_logo_clicked)
        self.form.add_row("logo", "Logo", box, "Printed on documents. PNG or JPEG, up to 2 MB.")

    def _add_rule_rows(self) -> None:
        self.minimum_hours = QLineEdit(self)
        self.minimum_hours.setPlaceholderText("none on file")
        self.minimum_hours.setMaximumWidth(140)
        self.supervised = QLineEdit(self)
        self.supervised.setPlaceholderText("none")
        self.supervised.setMaximumWidth(140)
        self.report_days = QLineEdit(self)
        self.report_days.setPlaceholderText("no deadline")
        self.report_days.setMaximumWidth(140)
        self.rule_notes = QLabel(self)
        self.rule_notes.setObjectName("fieldHint")
        self.rule_notes.setWordWrap(True)
        self.form.add_row("minimum_hours", "Legal minimum (hours)", self.minimum_hours)
        self.form.add_row("supervised_sessions", "Supervised sessions", self.supervised)
        self.form.add_row("ae_report_days", "Report adverse events within (days)", self.report_days)
        self.form.add_row("conditions", "Rule in this jurisdiction", self.rule_notes)

    def set_logo(self, path: Path) -> bool:
        """Read a logo image; say so under the field when it is not a PNG or JPEG."""
        try:
            content = path.read_bytes()
        except OSError as exc:
            self.form.show_issues([Issue("logo", f"Cannot read the file: {exc.strerror}")])
            return False
        media = next((t for t, magic in LOGO_TYPES.items() if content.startswith(magic)), None)
        if media is None:
            self.form.show_issues([Issue("logo", "Choose a PNG or JPEG image.")])
            return False
        self._logo = (content, media)
        self._show_logo()
        return True

    def _show_logo(self) -> None:
        self.remove_logo.setEnabled(self._logo is not None)
        if self._logo is None:
            self.logo_preview.setPixmap(QPixmap())
            self.logo_preview.setText("no logo")
            return
        pixmap = QPixmap()
        pixmap.loadFromData(QByteArray(self._logo[0]))
        if pixmap.isNull():
            self.logo_preview.setText("(cannot preview)")
            return
        self.logo_preview.setPixmap(
            pixmap.scaled(
                self.logo_preview.size(),
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )

    def _load_rule(self) -> None:
        if self._training is None:
            return
        try:
            rule = self._training.rule(str(self.jurisdiction.currentData()))
        except ServiceError:
            rule = None
        self._rule = rule
        for edit, value in (
            (self.minimum_hours, rule.minimum_hours if rule else None),
            (self.supervised, rule.supervised_sessions if rule else None),
            (self.report_days, rule.ae_report_days if rule else None),
        ):
            edit.setText("" if value is None else str(value))
        if rule is None or not (rule.conditions or rule.minimum_hours is not None):
            self.rule_notes.setText("No training rule on file for this jurisdiction.")
        else:
            self.rule_notes.setText(
                f"Minimum: {rule.describe_minimum()}. {rule.conditions} "
                f"Source: {rule.source or 'the clinic'}."
            )

    def rule(self) -> tuple[TrainingRule | None, list[Issue]]:
        """Return the jurisdiction rule as edited, and fields that could not be read."""
        if self._training is None or self._rule is None:
            return None, []
        issues: list[Issue] = []

        def number(edit: QLineEdit, field: str, whole: bool) -> Decimal | None:
            text = edit.text().strip().replace(",", ".")
            if not text:
                return None
            try:
                value = Decimal(text)
            except InvalidOperation:
                value = None
            if value is None or (whole and value != value.to_integral_value()):
                issues.append(Issue(field, "Enter a number, or leave it empty."))
                return None
            return value.quantize(Decimal("0.1")) if not whole else value

        minimum = number(self.minimum_hours, "minimum_hours", whole=False)
        supervised = number(self.supervised, "supervised_sessions", whole=True)
        days = number(self.report_days, "ae_report_days", whole=True)
        old = self._rule
        rule = replace(
            old,
            minimum_hours=minimum,
            supervised_sessions=None if supervised is None else int(supervised),
            ae_report_days=None if days is None else int(days),
        )
        if minimum != old.minimum_hours:  # the clinic has checked the figure it enters
            rule = replace(
                rule,
                hours_status=HOURS_CONFIRMED if minimum is not None else HOURS_NONE,
                source=f"{old.source} (minimum set by the clinic)".strip(),
            )
        return rule, issues

    def _on_jurisdiction_changed(self, _index: int) -> None:
        self._load_rule()

    def _on_choose_logo_clicked(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, "Choose a logo", "", "Images (*.png *.jpg *.jpeg)"
        )
        if name:
            self.set_logo(Path(name))

    def _on_remove_logo_clicked(self) -> None:
        self._logo = None
        self._show_logo()
