"""What every page of the decision wizard shares: the draft, branching, "why" and provenance."""

from __future__ import annotations

from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from PySide6.QtWidgets import QLabel, QToolButton, QVBoxLayout, QWidget, QWizardPage

from dnclinic.clinical.evidence import source
from dnclinic.services.decision_draft import DecisionDraft, Page, next_page
from dnclinic.services.decision_guidance import PAGE_WHY
from dnclinic.ui.widgets.form_bits import show_message

if TYPE_CHECKING:
    from collections.abc import Iterable

    from dnclinic.clinical.validation import Issue


def sources_html(source_ids: Iterable[str]) -> str:
    """Return the registry entries as HTML: citation, link and evidence status of each."""
    items = []
    for sid in dict.fromkeys(source_ids):
        item = source(sid)
        link = f" {escape(item.doi_or_url)}" if item.doi_or_url else ""
        items.append(
            f"<li><b>[{escape(item.id)}]</b> {escape(item.citation)}{link}<br>"
            f"<i>Evidence: {escape(item.evidence_status)}</i></li>"
        )
    return "<ul>" + "".join(items) + "</ul>"


class WhyPanel(QWidget):
    """A "Why this matters / Sources" button that shows the explanation only when asked."""

    def __init__(self, text: str, source_ids: Iterable[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.toggle = QToolButton(self)
        self.toggle.setObjectName("whyToggle")
        self.toggle.setText("&Why this matters / Sources")
        self.toggle.setCheckable(True)
        self.body = QLabel(self)
        self.body.setObjectName("whyBody")
        self.body.setWordWrap(True)
        self.body.setOpenExternalLinks(False)
        self.body.setVisible(False)
        self.set_content(text, source_ids)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.toggle)
        layout.addWidget(self.body)
        self.toggle.toggled.connect(self.body.setVisible)

    def set_content(self, text: str, source_ids: Iterable[str]) -> None:
        """Replace the explanation and its sources."""
        self.body.setText(f"<p>{escape(text)}</p>{sources_html(source_ids)}")


class DraftPage(QWizardPage):
    """A thin view over the wizard's draft.

    ``initializePage`` copies draft -> widgets, ``validatePage`` widgets -> draft, then shows the
    draft's own checks next to the fields.
    """

    PAGE: Page

    def __init__(self, draft: DecisionDraft, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.draft = draft
        self.setTitle(title)
        self.setObjectName(f"page_{self.PAGE.name.lower()}")
        self.provenance = QLabel(self)
        self.provenance.setObjectName("fieldHint")
        self.provenance.setWordWrap(True)
        self.why: WhyPanel | None = None
        self.banner = QLabel(self)
        self.banner.setObjectName("fieldError")
        self.banner.setWordWrap(True)
        self.banner.setVisible(False)

    def make_why(self) -> WhyPanel:
        """Create the "why" panel; called last, so it comes last in the tab order."""
        text, ids = PAGE_WHY[self.PAGE]
        self.why = WhyPanel(text, ids, self)
        return self.why

    def show_provenance(self, *keys: str) -> None:
        """Say where the prefilled values came from (or that nothing was charted)."""
        found = [self.draft.provenance[k] for k in keys if k in self.draft.provenance]
        self.provenance.setText(
            "Prefilled from the chart: " + "; ".join(dict.fromkeys(found)) + ". Confirm or correct."
            if found
            else "Nothing charted for this yet: enter it here."
        )

    def show_issues(self, issues: list[Issue]) -> bool:
        """Show the draft's issues in the page banner; True when there are none."""
        show_message(self.banner, " ".join(i.message for i in issues))
        return not issues

    def nextId(self) -> int:
        return next_page(self.draft, self.PAGE)
