"""Log in to the clinic: the password unlocks the (encrypted) database."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from dnclinic.app_context import (
    AppContext,
    ClinicNotFoundError,
    Credentials,
    open_clinic,
    recover_clinic,
)
from dnclinic.clinical.validation import Issue, Severity
from dnclinic.model.migrate import SchemaError
from dnclinic.services.context import Clock, system_clock
from dnclinic.services.errors import ServiceError, ValidationFailed
from dnclinic.ui.theme import heading_font
from dnclinic.ui.widgets.validated_form import ValidatedForm

if TYPE_CHECKING:
    from pathlib import Path

    from dnclinic.model.keyring import KdfParams


class LoginDialog(QDialog):
    """Username and password; emits ``logged_in(AppContext)`` when the clinic is open."""

    logged_in = Signal(object)

    def __init__(
        self,
        target: str | Path | None,
        *,
        clinic_name: str = "",
        config_dir: Path | None = None,
        clock: Clock = system_clock,
        kdf: KdfParams | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._target = target
        self._config_dir = config_dir
        self._clock = clock
        self._kdf = kdf
        self.context: AppContext | None = None
        self.setObjectName("loginDialog")
        self.setWindowTitle("Log in — dnclinic")
        self.setMinimumWidth(440)
        title = QLabel(clinic_name or "dnclinic", self)
        title.setFont(heading_font(self.font(), 1.4))
        title.setWordWrap(True)
        self.form = ValidatedForm(self)
        self.username = self.form.add_row("username", "Username", QLineEdit(self))
        self.password = self.form.add_row("password", "Password", QLineEdit(self))
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.recover = QPushButton("Forgot the password? Use the recovery key…", self)
        self.recover.setFlat(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Log in")
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.form)
        layout.addWidget(self.recover, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        self.recover.clicked.connect(self._on_recover_clicked)
        self.username.setFocus()

    def _on_buttons_accepted(self) -> None:
        if not self.username.text().strip():
            self.form.show_issues([Issue("username", "Enter your username.", Severity.ERROR)])
            return
        login = Credentials(self.username.text().strip(), self.password.text())
        try:
            ctx = open_clinic(
                self._target, login, config_dir=self._config_dir, clock=self._clock, kdf=self._kdf
            )
        except (ServiceError, SchemaError, ClinicNotFoundError) as exc:
            self.password.clear()  # never keep a wrong password around; the username stays
            self.form.show_issues([Issue("password", str(exc), Severity.ERROR)])
            return
        self.context = ctx
        self.logged_in.emit(ctx)
        self.accept()

    def _on_recover_clicked(self) -> None:
        dialog = RecoveryLoginDialog(self._target, self._config_dir, self._clock, self._kdf, self)
        dialog.logged_in.connect(self._on_recovered)
        dialog.open()

    def _on_recovered(self, ctx: AppContext) -> None:
        self.context = ctx
        self.logged_in.emit(ctx)
        self.accept()


class RecoveryLoginDialog(QDialog):
    """Open the clinic with the printed recovery key and set a new password for an account."""

    logged_in = Signal(object)

    def __init__(
        self,
        target: str | Path | None,
        config_dir: Path | None,
        clock: Clock,
        kdf: KdfParams | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._target = target
        self._config_dir = config_dir
        self._clock = clock
        self._kdf = kdf
        self.setWindowTitle("Recover access")
        self.setMinimumWidth(520)
        self.form = ValidatedForm(self)
        self.key = self.form.add_row("recovery_key", "Recovery key", QLineEdit(self))
        self.key.setPlaceholderText("ABCDE-FGHJK-…")
        self.username = self.form.add_row("username", "Account", QLineEdit(self))
        self.password = self.form.add_row("password", "New password", QLineEdit(self))
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("The recovery key is the one printed when the clinic was set up."))
        layout.addWidget(self.form)
        layout.addWidget(buttons)
        buttons.accepted.connect(self._on_accepted)
        buttons.rejected.connect(self.reject)

    def _on_accepted(self) -> None:
        if self._target is None:
            from dnclinic import paths

            target: str | Path = paths.default_database_path()
        else:
            target = self._target
        try:
            ctx = recover_clinic(
                target, self.key.text(), self.username.text().strip(), self.password.text(),
                config_dir=self._config_dir, clock=self._clock, kdf=self._kdf,
            )  # fmt: skip
        except ValidationFailed as exc:
            self.form.show_issues(exc.issues)
            return
        except (ServiceError, ClinicNotFoundError) as exc:
            self.form.show_issues([Issue("recovery_key", str(exc), Severity.ERROR)])
            return
        self.logged_in.emit(ctx)
        self.accept()
