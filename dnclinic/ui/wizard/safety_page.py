"""Page 1, safety screen: red flags, contraindications and precautions (latest screening)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QVBoxLayout, QWidget

from dnclinic.clinical.vocab import CONTRAINDICATIONS, PRECAUTIONS, RED_FLAGS
from dnclinic.services.decision_draft import Page
from dnclinic.ui.widgets.code_checklist import CodeChecklist
from dnclinic.ui.wizard.base_page import DraftPage

if TYPE_CHECKING:
    from dnclinic.services.decision_draft import DecisionDraft


class SafetyPage(DraftPage):
    """Red flags lead to "refer", contraindications to "contraindicated"; precautions warn."""

    PAGE = Page.SAFETY

    def __init__(self, draft: DecisionDraft, parent: QWidget | None = None) -> None:
        super().__init__(draft, "Safety screen", parent)
        self.setSubTitle(
            "Tick what applies today. A red flag means refer; a contraindication means do not "
            "needle; precautions change how you needle."
        )
        self.red_flags = CodeChecklist(RED_FLAGS, 1, self)
        self.contraindications = CodeChecklist(CONTRAINDICATIONS, 1, self)
        self.precautions = CodeChecklist(PRECAUTIONS, 1, self)
        columns = QHBoxLayout()
        for title, checklist in (
            ("Red flags", self.red_flags),
            ("Contraindications", self.contraindications),
            ("Precautions", self.precautions),
        ):
            box = QGroupBox(title, self)
            QVBoxLayout(box).addWidget(checklist)
            box.layout().addStretch(1)  # type: ignore[union-attr]
            columns.addWidget(box, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.provenance)
        layout.addLayout(columns, 1)
        layout.addWidget(self.banner)
        layout.addWidget(self.make_why())

    def initializePage(self) -> None:
        d = self.draft
        self.red_flags.set_codes(d.red_flags)
        self.contraindications.set_codes(d.contraindications)
        self.precautions.set_codes(d.precautions)
        self.show_provenance("safety")
        first = next(iter(self.red_flags.boxes.values()))
        first.setFocus()

    def validatePage(self) -> bool:
        d = self.draft
        d.red_flags = list(self.red_flags.codes())
        d.contraindications = list(self.contraindications.codes())
        d.precautions = list(self.precautions.codes())
        return self.show_issues(d.issues(self.PAGE))
