"""Page 4, eligibility: conservative care, trigger points, understanding, consent, training."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QCheckBox, QFormLayout, QGroupBox, QLabel, QVBoxLayout, QWidget

from dnclinic.clinical.neuro import interpret
from dnclinic.services.decision_draft import Page
from dnclinic.ui.widgets.form_bits import message_label, number_field, read_number, show_message
from dnclinic.ui.widgets.form_bits import show_number as show_hours
from dnclinic.ui.wizard.base_page import DraftPage

if TYPE_CHECKING:
    from dnclinic.services.decision_draft import DecisionDraft

CRITERIA = (
    ("failed_conservative_care", "Conservative care tried and &failed"),
    ("trigger_points_identified", "&Trigger points identified on palpation"),
    (
        "understands_short_term_benefit",
        "Patient &understands the benefit is short-term (up to 12 weeks)",
    ),
    ("consent_recorded", "Informed &consent for dry needling recorded"),
)


class EligibilityPage(DraftPage):
    """Seed 2's criteria; the training hours come from the ledger, or are typed here."""

    PAGE = Page.ELIGIBILITY

    def __init__(self, draft: DecisionDraft, parent: QWidget | None = None) -> None:
        super().__init__(draft, "Eligibility", parent)
        self.setSubTitle("Every criterion must be met before needling (seed 2, step 2).")
        self.checks: dict[str, QCheckBox] = {}
        box = QGroupBox("Criteria", self)
        box_layout = QVBoxLayout(box)
        for name, text in CRITERIA:
            self.checks[name] = QCheckBox(text, box)
            box_layout.addWidget(self.checks[name])
        self.trigger_hint = QLabel(box)
        self.trigger_hint.setObjectName("fieldHint")
        self.trigger_hint.setWordWrap(True)
        box_layout.addWidget(self.trigger_hint)
        self.hours = number_field(self, "hours")
        self.hours.setAccessibleName("Your hours of formal dry-needling training")
        self.hours_error = message_label(self)
        self.jurisdiction = number_field(self, "none")
        self.jurisdiction.setAccessibleName("Legal minimum hours where the clinic practises")
        self.jurisdiction_error = message_label(self)
        self.threshold = QLabel(self)
        self.hours_source = QLabel(self)
        self.hours_source.setObjectName("fieldHint")
        self.hours_source.setWordWrap(True)
        training = QGroupBox("Practitioner training", self)
        form = QFormLayout(training)
        form.addRow("Your training &hours:", self.hours)
        form.addRow("", self.hours_error)
        form.addRow("", self.hours_source)
        form.addRow("Clinic threshold:", self.threshold)
        form.addRow("&Legal minimum (hours):", self.jurisdiction)
        form.addRow("", self.jurisdiction_error)
        layout = QVBoxLayout(self)
        layout.addWidget(self.provenance)
        layout.addWidget(box)
        layout.addWidget(training)
        layout.addStretch(1)
        layout.addWidget(self.banner)
        layout.addWidget(self.make_why())

    def initializePage(self) -> None:
        d = self.draft
        for name, box in self.checks.items():
            box.setChecked(bool(getattr(d, name)))
        segmental = d.neuro is not None and bool(interpret(d.neuro).implicated_levels)
        self.trigger_hint.setText(
            "Not needed here: the neurological screen implicates a spinal level, so needling "
            "targets the segmental structures (seed 1)."
            if segmental
            else ""
        )
        self.trigger_hint.setVisible(segmental)
        show_hours(self.hours, d.training_hours)
        show_hours(self.jurisdiction, d.jurisdiction_minimum_hours)
        self.threshold.setText(f"more than {d.training_threshold_hours:g} hours (clinic setting)")
        self.hours_source.setText(
            "From your training ledger."
            if "training_hours" in d.provenance
            else "Your training ledger is not available here: enter your total hours of formal "
            "dry-needling training."
        )
        self.show_provenance("consent")
        show_message(self.hours_error, "")
        show_message(self.jurisdiction_error, "")
        self.checks["failed_conservative_care"].setFocus()

    def validatePage(self) -> bool:
        d = self.draft
        for name, box in self.checks.items():
            setattr(d, name, box.isChecked())
        hours_text, legal_text = self.hours.text().strip(), self.jurisdiction.text().strip()
        d.training_hours = read_number(self.hours)
        d.jurisdiction_minimum_hours = read_number(self.jurisdiction)
        issues = d.issues(self.PAGE)
        messages = {i.field: i.message for i in issues}
        if hours_text and d.training_hours is None:
            messages["training_hours"] = "Enter a number of hours, e.g. 80."
        if legal_text and d.jurisdiction_minimum_hours is None:
            messages["jurisdiction_minimum_hours"] = "Enter a number of hours, or leave it empty."
        show_message(self.hours_error, messages.get("training_hours", ""))
        show_message(self.jurisdiction_error, messages.get("jurisdiction_minimum_hours", ""))
        if "training_hours" in messages:
            self.hours.setFocus()
        return not messages
