"""Layout of the patient form: public child widgets, no behaviour."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from dnclinic.clinical.demographics import SEX_LABELS, SEXES
from dnclinic.ui.widgets.validated_form import ValidatedForm


def _line(parent: QWidget, name: str, placeholder: str = "") -> QLineEdit:
    edit = QLineEdit(parent)
    edit.setObjectName(name)
    edit.setPlaceholderText(placeholder)
    return edit


def _text(parent: QWidget, name: str, lines: int) -> QPlainTextEdit:
    edit = QPlainTextEdit(parent)
    edit.setObjectName(name)
    edit.setTabChangesFocus(True)  # Tab moves on, as in every other field
    # room for ``lines`` lines plus the stylesheet's padding and frame
    edit.setFixedHeight(edit.fontMetrics().lineSpacing() * lines + 26)
    return edit


class PatientFormView(QWidget):
    """Every field of a patient record, each with room for its own error message."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.banner = QLabel(self)
        self.banner.setObjectName("formBanner")
        self.banner.setWordWrap(True)
        self.banner.setVisible(False)
        self.form = ValidatedForm(self)
        f = self.form
        self.mrn = f.add_row("mrn", "Record no.", _line(self, "mrn", "DN-000123"))
        self.given_name = f.add_row("given_name", "Given name", _line(self, "given_name"))
        self.family_name = f.add_row("family_name", "Family name", _line(self, "family_name"))
        self.date_of_birth = f.add_row(
            "date_of_birth", "Date of birth", _line(self, "date_of_birth", "YYYY-MM-DD")
        )
        self.sex = QComboBox(self)
        self.sex.setObjectName("sex")
        for code in SEXES:
            self.sex.addItem(SEX_LABELS[code], code)
        f.add_row("sex", "Sex", self.sex)
        self.phone = f.add_row("phone", "Phone", _line(self, "phone", "(305) 555-0100"))
        self.email = f.add_row("email", "Email", _line(self, "email", "name@example.com"))
        self.address = f.add_row("address", "Address", _text(self, "address", 3))
        self.emergency_contact_name = f.add_row(
            "emergency_contact_name", "Emergency contact", _line(self, "emergency_contact_name")
        )
        self.emergency_contact_phone = f.add_row(
            "emergency_contact_phone", "Contact's phone", _line(self, "emergency_contact_phone")
        )
        self.notes = f.add_row("notes", "Notes", _text(self, "notes", 3))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.banner)
        layout.addWidget(self.form)
