"""The lock screen: everything else is hidden until the same user's password is entered."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from dnclinic.clinical.validation import Issue, Severity
from dnclinic.services.errors import ServiceError
from dnclinic.ui.theme import heading_font
from dnclinic.ui.widgets.validated_form import ValidatedForm

if TYPE_CHECKING:
    from dnclinic.services.access import AccessService


class LockScreen(QDialog):
    """Asks for the password of the user whose session is locked."""

    unlocked = Signal()
    logout_requested = Signal()

    def __init__(self, access: AccessService, who: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._access = access
        self.setObjectName("lockScreen")
        self.setWindowTitle("dnclinic is locked")
        self.setMinimumSize(460, 260)
        title = QLabel("Locked", self)
        title.setFont(heading_font(self.font(), 1.8))
        explain = QLabel(
            f"Patient data is hidden. {who}, enter your password to carry on where you left off; "
            "nothing you typed has been lost.",
            self,
        )
        explain.setWordWrap(True)
        self.form = ValidatedForm(self)
        self.password = self.form.add_row("password", "Password", QLineEdit(self))
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.unlock_button = QPushButton("Unlock", self)
        self.unlock_button.setDefault(True)
        self.logout_button = QPushButton("Log out and close", self)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(explain)
        layout.addWidget(self.form)
        layout.addWidget(self.unlock_button, 0, Qt.AlignmentFlag.AlignRight)
        layout.addWidget(self.logout_button, 0, Qt.AlignmentFlag.AlignRight)
        self.unlock_button.clicked.connect(self._on_unlock_clicked)
        self.password.returnPressed.connect(self._on_unlock_clicked)
        self.logout_button.clicked.connect(self.logout_requested)

    def reject(self) -> None:
        """Escape does not dismiss the lock screen."""

    def _on_unlock_clicked(self) -> None:
        try:
            self._access.unlock(self.password.text())
        except ServiceError as exc:
            self.password.clear()
            self.form.show_issues([Issue("password", str(exc), Severity.ERROR)])
            return
        self.password.clear()
        self.form.clear_issues()
        self.unlocked.emit()
        self.accept()
