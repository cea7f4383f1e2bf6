"""The decision wizard: five thin pages over one draft; Finish records it in one transaction.

``nextId`` of every page is :func:`dnclinic.services.decision_draft.next_page` (a pure function
of the draft). Only :meth:`DecisionWizard.accept` writes, with one call to
``DecisionService.record``; cancelling writes nothing (HOUSE_STYLE G9).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget, QWizard

from dnclinic.services.decisions import command_from_draft
from dnclinic.services.errors import ServiceError, ValidationFailed
from dnclinic.ui.widgets.form_bits import show_message
from dnclinic.ui.wizard.condition_page import ConditionPage
from dnclinic.ui.wizard.eligibility_page import EligibilityPage
from dnclinic.ui.wizard.neuro_page import NeuroPage
from dnclinic.ui.wizard.recommendation_page import RecommendationPage
from dnclinic.ui.wizard.safety_page import SafetyPage

if TYPE_CHECKING:
    from dnclinic.services.changes import Saved
    from dnclinic.services.decision_draft import DecisionDraft
    from dnclinic.services.decisions import DecisionRecord, DecisionService
    from dnclinic.ui.wizard.base_page import DraftPage

PAGES = (SafetyPage, ConditionPage, NeuroPage, EligibilityPage, RecommendationPage)
BUTTONS = (
    (QWizard.WizardButton.BackButton, "< &Back"),
    (QWizard.WizardButton.NextButton, "&Next >"),
    (QWizard.WizardButton.FinishButton, "&Finish"),
    (QWizard.WizardButton.CancelButton, "Cancel"),
)


class DecisionWizard(QWizard):
    """Safety -> condition -> neurological screen -> eligibility -> recommendation."""

    decision_recorded = Signal(object)  # Saved[DecisionRecord]

    def __init__(
        self, decisions: DecisionService, draft: DecisionDraft, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._decisions = decisions
        self.draft = draft
        self.saved: Saved[DecisionRecord] | None = None
        self.setObjectName("decisionWizard")
        self.setWindowTitle(f"Decide whether to needle — {draft.patient_name}")
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        for button, text in BUTTONS:
            self.setButtonText(button, text)
        self.pages: list[DraftPage] = []
        for page_class in PAGES:
            page = page_class(draft, self)
            self.setPage(int(page.PAGE), page)
            self.pages.append(page)
        self.resize(1120, 700)

    def accept(self) -> None:
        # QWizard validates the page in done(), i.e. after accept(): check first, then write
        if not self.validateCurrentPage():
            return
        try:
            saved = self._decisions.record(command_from_draft(self.draft))
        except ValidationFailed as exc:
            self._say(" ".join(i.message for i in exc.issues))
            return
        except ServiceError as exc:
            self._say(str(exc))
            return
        self.saved = saved
        self.decision_recorded.emit(saved)
        super().accept()

    def _say(self, text: str) -> None:
        page = self.currentPage()
        banner = getattr(page, "banner", None)
        if banner is not None:
            show_message(banner, text)
