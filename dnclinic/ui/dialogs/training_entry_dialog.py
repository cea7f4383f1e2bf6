"""Add a course to a practitioner's training ledger, or record a correction of one.

A correction never edits the entry: it is saved as a new entry pointing at the old one, with a
reason. Certificates (PDF, PNG or JPEG) are read from a file and stored in the database.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from dnclinic.clinical.training import CourseDetails
from dnclinic.clinical.validation import Issue
from dnclinic.services.errors import ServiceError, ValidationFailed
from dnclinic.services.training import NewCertificate
from dnclinic.ui.widgets.validated_form import ValidatedForm

if TYPE_CHECKING:
    from dnclinic.services.training import TrainingService
    from dnclinic.services.training_store import TrainingEntryRow

HOURS = ("in_person_hours", "online_hours", "theory_hours", "hands_on_hours")


def _date(text: str) -> date | None:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        return None


def _hours(text: str) -> Decimal | None:
    cleaned = text.strip().replace(",", ".") or "0"
    try:
        return Decimal(cleaned).quantize(Decimal("0.1"))
    except InvalidOperation:
        return None


class TrainingEntryDialog(QDialog):
    """The course form (new entry, or a correction of ``corrects``)."""

    entry_saved = Signal(object)  # Saved[TrainingEntryRow]

    def __init__(
        self,
        training: TrainingService,
        practitioner_id: int,
        practitioner_name: str,
        corrects: TrainingEntryRow | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._training = training
        self._practitioner_id = practitioner_id
        self._corrects = corrects
        self._certificate: NewCertificate | None = None
        self.setObjectName("trainingEntryDialog")
        what = "Correct a course" if corrects else "Add a course"
        self.setWindowTitle(f"{what} — {practitioner_name}")
        self.setMinimumWidth(560)
        self.banner = QLabel(self)
        self.banner.setObjectName("formBanner")
        self.banner.setWordWrap(True)
        self.banner.setVisible(False)
        self.form = ValidatedForm(self)
        f = self.form
        self.title = f.add_row("course_title", "Course title", QLineEdit(self))
        self.provider = f.add_row("provider", "Provider", QLineEdit(self))
        self.approving_body = f.add_row(
            "approving_body", "Approved by", QLineEdit(self), "e.g. APTA or a chapter, FSBPT."
        )
        self.started_on = f.add_row("started_on", "First day", QLineEdit(self))
        self.ended_on = f.add_row("ended_on", "Last day", QLineEdit(self))
        for edit in (self.started_on, self.ended_on):
            edit.setPlaceholderText("YYYY-MM-DD")
        self.hours: dict[str, QLineEdit] = {}
        for name, caption, hint in (
            ("in_person_hours", "Hours in person", ""),
            ("online_hours", "Hours online", ""),
            ("theory_hours", "Theory hours", ""),
            ("hands_on_hours", "Hands-on hours", "Theory plus hands-on = in person plus online."),
        ):
            edit = QLineEdit(self)
            edit.setPlaceholderText("0")
            edit.setMaximumWidth(120)
            self.hours[name] = f.add_row(name, caption, edit, hint)
        self.supervised = QSpinBox(self)
        self.supervised.setRange(0, 10_000)
        f.add_row("supervised_sessions", "Supervised sessions", self.supervised)
        self.regions = f.add_row(
            "regions", "Regions covered", QLineEdit(self), "Separate with commas."
        )
        self.certificate_label = QLabel("No certificate attached.", self)
        self.certificate_label.setWordWrap(True)
        attach = QPushButton("&Attach…", self)
        attach.clicked.connect(self._on_attach_clicked)
        box = QWidget(self)
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.certificate_label, 1)
        row.addWidget(attach)
        f.add_row("certificate", "Certificate", box, "A PDF, PNG or JPEG file, up to 10 MB.")
        self.reason = QLineEdit(self)
        if corrects is not None:
            f.add_row("reason", "What changes, and why", self.reason)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.form)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        if corrects is not None:
            self._fill(corrects)

    def _fill(self, entry: TrainingEntryRow) -> None:
        c = entry.course
        self.title.setText(c.course_title)
        self.provider.setText(c.provider)
        self.approving_body.setText(c.approving_body)
        self.started_on.setText(c.started_on.isoformat() if c.started_on else "")
        self.ended_on.setText(c.ended_on.isoformat() if c.ended_on else "")
        for name, edit in self.hours.items():
            edit.setText(str(getattr(c, name)))
        self.supervised.setValue(c.supervised_sessions)
        self.regions.setText(", ".join(c.regions))
        if entry.certificate is not None:
            self.certificate_label.setText(f"{entry.certificate.filename} (kept unless replaced)")

    def attach(self, path: Path) -> bool:
        """Read a certificate file; say so under the field when it cannot be read."""
        try:
            content = path.read_bytes()
        except OSError as exc:
            self.form.show_issues([Issue("certificate", f"Cannot read the file: {exc.strerror}")])
            return False
        self._certificate = NewCertificate(path.name, content)
        self.certificate_label.setText(f"{path.name} ({len(content) // 1024 + 1} KB)")
        return True

    def course(self) -> tuple[CourseDetails, list[Issue]]:
        """Return the course in the form, and the fields that could not be read."""
        issues: list[Issue] = []
        hours: dict[str, Decimal] = {}
        for name, edit in self.hours.items():
            value = _hours(edit.text())
            if value is None:
                issues.append(Issue(name, "Enter a number of hours, e.g. 28 or 12.5."))
            hours[name] = value or Decimal(0)
        regions = tuple(r.strip() for r in self.regions.text().split(",") if r.strip())
        course = CourseDetails(
            course_title=self.title.text(),
            started_on=_date(self.started_on.text()),
            ended_on=_date(self.ended_on.text()),
            provider=self.provider.text(),
            approving_body=self.approving_body.text(),
            supervised_sessions=self.supervised.value(),
            regions=regions,
            **hours,
        )
        return course, issues

    def _on_attach_clicked(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, "Attach a certificate", "", "Certificates (*.pdf *.png *.jpg *.jpeg)"
        )
        if name:
            self.attach(Path(name))

    def _on_buttons_accepted(self) -> None:
        course, issues = self.course()
        if issues:
            self.form.show_issues(issues)
            return
        try:
            if self._corrects is None:
                saved = self._training.add_entry(self._practitioner_id, course, self._certificate)
            else:
                saved = self._training.correct_entry(
                    self._corrects.id, course, self.reason.text(), self._certificate
                )
        except ValidationFailed as exc:
            left = self.form.show_issues(exc.issues)
            self.banner.setText(" ".join(i.message for i in left))
            self.banner.setVisible(bool(left))
            return
        except ServiceError as exc:
            self.banner.setText(str(exc))
            self.banner.setVisible(True)
            return
        self.entry_saved.emit(saved)
        self.accept()
