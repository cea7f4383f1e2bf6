"""Page 5, recommendation: verdict, reasons with sources, plan, prognosis, override, next steps."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from dnclinic.clinical.vocab import label
from dnclinic.services.decision_draft import Page
from dnclinic.services.plans import plan_from_loading
from dnclinic.ui.dialogs.plan_dialog import PlanDialog
from dnclinic.ui.theme import set_state
from dnclinic.ui.widgets.form_bits import message_label, show_message
from dnclinic.ui.wizard.base_page import DraftPage
from dnclinic.ui.wizard.recommendation_html import guidance_html, recommendation_html, verdict_kind

if TYPE_CHECKING:
    from dnclinic.clinical.decision import Recommendation
    from dnclinic.services.decision_draft import DecisionDraft

NO_OVERRIDE = (
    "This recommendation cannot be overridden. Resolve the red flag or contraindication in the "
    "chart (for example, record medical clearance in a new screening), then decide again."
)


class RecommendationPage(DraftPage):
    """The engine's answer for the draft; Finish records it with any override and plan."""

    PAGE = Page.RECOMMENDATION

    def __init__(self, draft: DecisionDraft, parent: QWidget | None = None) -> None:
        super().__init__(draft, "Recommendation", parent)
        self.rec: Recommendation | None = None
        self.verdict = QLabel(self)
        self.verdict.setObjectName("verdictBanner")
        self.verdict.setWordWrap(True)
        self.body = QTextBrowser(self)
        self.body.setObjectName("recommendationText")
        self.body.setTabChangesFocus(True)
        self.body.setOpenLinks(False)
        self.no_override = QLabel(NO_OVERRIDE, self)
        self.no_override.setObjectName("fieldHint")
        self.no_override.setWordWrap(True)
        self.override_box = QGroupBox("Override", self)
        self.override = QCheckBox("&Override this recommendation (a written reason is required)")
        self.reason = QPlainTextEdit(self.override_box)
        self.reason.setTabChangesFocus(True)
        self.reason.setPlaceholderText("Why you override the recommendation (stored and audited)")
        self.reason.setAccessibleName("Reason for the override")
        self.reason.setMaximumHeight(60)
        self.reason_error = message_label(self.override_box)
        o_layout = QVBoxLayout(self.override_box)
        o_layout.addWidget(self.override)
        o_layout.addWidget(self.reason)
        o_layout.addWidget(self.reason_error)
        self.actions_box = QGroupBox("When I finish", self)
        self.create_plan = QCheckBox("Create a home-loading &plan", self.actions_box)
        self.adjust_plan = QPushButton("&Adjust plan…", self.actions_box)
        self.start_session = QCheckBox("&Start a session note from this plan", self.actions_box)
        a_layout = QHBoxLayout(self.actions_box)
        a_layout.addWidget(self.create_plan)
        a_layout.addWidget(self.adjust_plan)
        a_layout.addSpacing(24)
        a_layout.addWidget(self.start_session)
        a_layout.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.verdict)
        layout.addWidget(self.body, 1)
        layout.addWidget(self.no_override)
        layout.addWidget(self.override_box)
        layout.addWidget(self.actions_box)
        layout.addWidget(self.banner)
        layout.addWidget(self.make_why())
        self.override.toggled.connect(self._on_override_toggled)
        self.adjust_plan.clicked.connect(self._on_adjust_plan_clicked)
        self.plan_dialog: PlanDialog | None = None

    def initializePage(self) -> None:
        d = self.draft
        rec = self.rec = d.recommendation()
        case = d.case()
        self.verdict.setText(f"{label(rec.verdict)}  ·  rule set {rec.rule_set_version}")
        set_state(self.verdict, "kind", verdict_kind(rec.verdict))
        html = recommendation_html(rec.to_dict(), case.to_dict(), guidance_html(rec, case))
        self.body.setHtml(html)
        assert self.why is not None
        self.why.set_content(
            "Every fired rule with the sources it rests on and how well each was checked. "
            "Statuses other than 'confirmed' are not settled fact.",
            [s for r in rec.reasons for s in r.sources],
        )
        self.no_override.setVisible(not rec.overridable and rec.verdict != "needle")
        self.override_box.setVisible(rec.overridable)
        if not rec.overridable:
            d.override, d.override_reason = False, ""
        self.override.setChecked(d.override)
        self.reason.setPlainText(d.override_reason)
        if d.plan is None or d.plan.region != d.region:
            d.plan = plan_from_loading(case.region)
            d.create_plan = True
        self.create_plan.setChecked(d.create_plan)
        self.start_session.setChecked(d.start_session)
        show_message(self.reason_error, "")
        self._on_override_toggled(d.override)
        self.body.setFocus()

    def validatePage(self) -> bool:
        d = self.draft
        d.override = self.override.isChecked() and self.override_box.isVisible()
        d.override_reason = self.reason.toPlainText()
        d.create_plan = self.create_plan.isChecked()
        d.start_session = self.start_session.isChecked()
        issues = d.issues(self.PAGE)
        show_message(self.reason_error, " ".join(i.message for i in issues))
        if issues:
            self.reason.setFocus()
        return not issues

    def _on_override_toggled(self, checked: bool) -> None:
        self.reason.setEnabled(checked)
        rec = self.rec
        needle = rec is not None and (rec.verdict == "needle" or (checked and rec.overridable))
        self.actions_box.setVisible(needle)
        if checked:
            self.reason.setFocus()

    def _on_adjust_plan_clicked(self) -> None:
        plan = self.draft.plan
        if plan is None:
            return
        self.plan_dialog = PlanDialog(plan, parent=self)
        self.plan_dialog.accepted.connect(self._on_plan_dialog_accepted)
        self.plan_dialog.open()

    def _on_plan_dialog_accepted(self) -> None:
        if self.plan_dialog is not None:
            self.draft.plan = self.plan_dialog.details()
            self.create_plan.setChecked(True)
