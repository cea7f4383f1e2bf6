"""A practitioner's profile: name, licence, jurisdiction, when they started needling, active."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from dnclinic.clinical.jurisdictions import jurisdiction_codes, jurisdiction_label
from dnclinic.clinical.validation import Issue
from dnclinic.services.errors import ServiceError, ValidationFailed
from dnclinic.services.practitioner_profiles import ProfileDetails
from dnclinic.ui.widgets.validated_form import ValidatedForm

if TYPE_CHECKING:
    from dnclinic.services.practitioner_profiles import PractitionerProfile, ProfileService


class PractitionerProfileDialog(QDialog):
    """Register a practitioner (no profile given) or edit a profile."""

    profile_saved = Signal(object)  # Saved[PractitionerProfile]

    def __init__(
        self,
        profiles: ProfileService,
        profile: PractitionerProfile | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._profiles = profiles
        self._profile = profile
        self.setObjectName("practitionerProfileDialog")
        self.setWindowTitle("New practitioner" if profile is None else profile.display_name)
        self.setMinimumWidth(520)
        self.banner = QLabel(self)
        self.banner.setObjectName("formBanner")
        self.banner.setWordWrap(True)
        self.banner.setVisible(False)
        self.form = ValidatedForm(self)
        self.given_name = self.form.add_row("given_name", "Given name", QLineEdit(self))
        self.family_name = self.form.add_row("family_name", "Family name", QLineEdit(self))
        self.licence = self.form.add_row("licence_number", "Licence number", QLineEdit(self))
        self.jurisdiction = QComboBox(self)
        self.jurisdiction.addItem("Where the clinic practises", None)
        for code in jurisdiction_codes():
            self.jurisdiction.addItem(jurisdiction_label(code), code)
        self.form.add_row(
            "jurisdiction", "Licensed in", self.jurisdiction, "Decides the legal minimum hours."
        )
        self.needling_since = QLineEdit(self)
        self.needling_since.setPlaceholderText("YYYY-MM-DD")
        self.form.add_row("needling_since", "Needling since", self.needling_since)
        self.active = QCheckBox("Practising at this clinic", self)
        self.active.setChecked(True)
        self.form.add_row("active", "Active", self.active)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.form)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        if profile is not None:
            d = profile.details
            self.given_name.setText(d.given_name)
            self.family_name.setText(d.family_name)
            self.licence.setText(d.licence_number)
            self.jurisdiction.setCurrentIndex(max(0, self.jurisdiction.findData(d.jurisdiction)))
            self.needling_since.setText(d.needling_since.isoformat() if d.needling_since else "")
            self.active.setChecked(d.active)

    def details(self) -> tuple[ProfileDetails, list[Issue]]:
        """Return the profile in the form, and fields that could not be read."""
        issues: list[Issue] = []
        since: date | None = None
        text = self.needling_since.text().strip()
        if text:
            try:
                since = date.fromisoformat(text)
            except ValueError:
                issues.append(Issue("needling_since", "Write the date as YYYY-MM-DD."))
        details = ProfileDetails(
            self.given_name.text(), self.family_name.text(), self.licence.text(),
            self.jurisdiction.currentData(), since, self.active.isChecked(),
        )  # fmt: skip
        return details, issues

    def _on_buttons_accepted(self) -> None:
        details, issues = self.details()
        if issues:
            self.form.show_issues(issues)
            return
        p = self._profile
        try:
            saved = self._profiles.save_profile(
                details, p.id if p else None, version_id=p.version_id if p else None
            )
        except ValidationFailed as exc:
            self.form.show_issues(exc.issues)
            return
        except ServiceError as exc:
            self.banner.setText(str(exc))
            self.banner.setVisible(True)
            return
        self.profile_saved.emit(saved)
        self.accept()
