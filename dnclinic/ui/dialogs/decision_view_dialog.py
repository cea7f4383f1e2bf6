"""A recorded decision, read-only: the case and recommendation exactly as they were stored."""

from __future__ import annotations

from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTextBrowser, QVBoxLayout, QWidget

from dnclinic.clinical.vocab import label
from dnclinic.ui.theme import set_state
from dnclinic.ui.wizard.recommendation_html import recommendation_html, verdict_kind

if TYPE_CHECKING:
    from dnclinic.services.decisions import DecisionRecord


def case_html(case: dict[str, object]) -> str:
    """Return the stored case as a short table of what was decided on."""
    rows = []
    for key, value in case.items():
        if key == "neuro" or value in (None, [], ""):
            continue
        shown = ", ".join(label(str(v)) for v in value) if isinstance(value, list) else value
        rows.append(f"<tr><td><b>{escape(label(key))}</b></td><td>{escape(str(shown))}</td></tr>")
    return "<h3>Case</h3><table cellpadding='2'>" + "".join(rows) + "</table>"


class DecisionViewDialog(QDialog):
    """Shows one stored decision (never re-evaluated with today's rules)."""

    def __init__(self, record: DecisionRecord, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("decisionViewDialog")
        at = record.decided_at.astimezone().strftime("%Y-%m-%d %H:%M")
        self.setWindowTitle(f"Decision of {at}")
        self.verdict = QLabel(f"{label(record.verdict)}  ·  rule set {record.rule_set_version}")
        self.verdict.setObjectName("verdictBanner")
        self.verdict.setWordWrap(True)
        set_state(self.verdict, "kind", verdict_kind(record.verdict))
        who = QLabel(f"Decided {at} by {record.practitioner_name}.", self)
        self.override = QLabel(self)
        self.override.setObjectName("statusBanner")
        self.override.setWordWrap(True)
        self.override.setText(f"Overridden by the practitioner. Reason: {record.override_reason}")
        self.override.setVisible(record.overridden)
        self.body = QTextBrowser(self)
        self.body.setTabChangesFocus(True)
        self.body.setHtml(
            recommendation_html(record.recommendation, record.case) + case_html(record.case)
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (self.verdict, who, self.override, self.body, buttons):
            layout.addWidget(widget)
        self.resize(900, 680)
