"""Add a signed addendum to a signed session note."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from dnclinic.services.errors import ServiceError, ValidationFailed
from dnclinic.ui.widgets.validated_form import ValidatedForm

if TYPE_CHECKING:
    from dnclinic.services.sessions import SessionService


class AddendumDialog(QDialog):
    """Reason and text; saving signs the addendum as the logged-in user."""

    addendum_saved = Signal(object)

    def __init__(self, sessions: SessionService, session_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self._sessions = sessions
        self._session_id = session_id
        self.setObjectName("addendumDialog")
        self.setWindowTitle("Add an addendum")
        self.setMinimumWidth(520)
        self.form = ValidatedForm(self)
        self.reason = QLineEdit(self)
        self.reason.setPlaceholderText("e.g. late entry, correction of pain score")
        self.text = QPlainTextEdit(self)
        self.text.setTabChangesFocus(True)
        self.form.add_row("reason", "Reason", self.reason)
        self.form.add_row("text", "Addendum", self.text)
        note = QLabel("Saving signs the addendum in your name; it cannot be changed later.", self)
        note.setObjectName("fieldHint")
        self.banner = QLabel(self)
        self.banner.setObjectName("formBanner")
        self.banner.setVisible(False)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.form)
        layout.addWidget(note)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)

    def _on_buttons_accepted(self) -> None:
        try:
            saved = self._sessions.add_addendum(
                self._session_id, self.reason.text(), self.text.toPlainText()
            )
        except ValidationFailed as exc:
            for issue in self.form.show_issues(exc.issues):
                self.banner.setText(issue.message)
                self.banner.setVisible(True)
            return
        except ServiceError as exc:
            self.banner.setText(str(exc))
            self.banner.setVisible(True)
            return
        self.addendum_saved.emit(saved)
        self.accept()
