"""Page 2, condition: region, chronicity and kind of pain (open episode), baseline pain, age."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFormLayout, QGroupBox, QSpinBox, QVBoxLayout, QWidget

from dnclinic.clinical.vocab import CHRONICITIES, REGIONS, TAGS
from dnclinic.services.decision_draft import Page
from dnclinic.ui.widgets.code_checklist import CodeChecklist
from dnclinic.ui.widgets.form_bits import code_combo, select_code
from dnclinic.ui.wizard.base_page import DraftPage

if TYPE_CHECKING:
    from dnclinic.services.decision_draft import DecisionDraft

NOT_RECORDED = "not recorded"


def _optional_spin(parent: QWidget, maximum: int) -> QSpinBox:
    spin = QSpinBox(parent)
    spin.setRange(-1, maximum)
    spin.setSpecialValueText(NOT_RECORDED)  # shown for -1
    spin.setMaximumWidth(160)
    return spin


class ConditionPage(DraftPage):
    """Chronic degenerative low back pain, facet-mediated pain and headache branch here."""

    PAGE = Page.CONDITION

    def __init__(self, draft: DecisionDraft, parent: QWidget | None = None) -> None:
        super().__init__(draft, "Condition", parent)
        self.setSubTitle("Where is the problem, how long has it lasted, and what kind is it?")
        self.region = code_combo(REGIONS, self, blank="— choose —")
        self.chronicity = code_combo(CHRONICITIES, self, blank="— choose —")
        self.baseline_pain = _optional_spin(self, 10)
        self.baseline_pain.setAccessibleName("Baseline pain, NPRS 0 to 10")
        self.age = _optional_spin(self, 130)
        self.tags = CodeChecklist(TAGS, 2, self)
        form = QFormLayout()
        form.addRow("&Region:", self.region)
        form.addRow("&Chronicity:", self.chronicity)
        form.addRow("Baseline &pain (NPRS 0-10):", self.baseline_pain)
        form.addRow("&Age:", self.age)
        tags_box = QGroupBox("Kind of problem (tick all that apply)", self)
        QVBoxLayout(tags_box).addWidget(self.tags)
        layout = QVBoxLayout(self)
        layout.addWidget(self.provenance)
        layout.addLayout(form)
        layout.addWidget(tags_box)
        layout.addStretch(1)
        layout.addWidget(self.banner)
        layout.addWidget(self.make_why())

    def initializePage(self) -> None:
        d = self.draft
        select_code(self.region, d.region)
        select_code(self.chronicity, d.chronicity)
        self.tags.set_codes(d.tags)
        self.baseline_pain.setValue(-1 if d.baseline_pain is None else d.baseline_pain)
        self.age.setValue(-1 if d.age is None else d.age)
        self.show_provenance("condition", "baseline_pain")
        self.region.setFocus()

    def validatePage(self) -> bool:
        d = self.draft
        d.region = self.region.currentData()
        d.chronicity = self.chronicity.currentData()
        d.tags = list(self.tags.codes())
        pain, age = self.baseline_pain.value(), self.age.value()
        d.baseline_pain = None if pain < 0 else pain
        d.age = None if age < 0 else age
        return self.show_issues(d.issues(self.PAGE))
