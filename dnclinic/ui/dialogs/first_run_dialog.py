"""First run: create the clinic's database and its administrator account."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from dnclinic.app_context import AppContext, create_clinic, is_server
from dnclinic.clinical.validation import Issue, Severity
from dnclinic.services.context import Clock, system_clock
from dnclinic.services.errors import ServiceError, ValidationFailed
from dnclinic.services.users import NewUser, password_issues
from dnclinic.ui.widgets.validated_form import ValidatedForm

if TYPE_CHECKING:
    from pathlib import Path

    from dnclinic.model.keyring import KdfParams

INTRO = (
    "Welcome to dnclinic. First create the administrator account: it manages users and "
    "settings. The clinic's data is encrypted on this computer; your password is what unlocks "
    "it, so choose one you will remember (at least 10 characters)."
)
SERVER_INTRO = (
    "Welcome to dnclinic. This clinic server database has no clinic yet: first create the "
    "administrator account, which manages users and settings (a password of at least 10 "
    "characters). The records are kept on the server, protected by its TLS connection and its "
    "own disk encryption (see docs/SERVER.md)."
)
UNENCRYPTED_WARNING = (
    "Without encryption, anyone who gets hold of this computer or its disk can read every "
    "patient record. This choice is recorded in the audit log."
)


class FirstRunDialog(QDialog):
    """Administrator account and encryption choice; emits ``created(ctx, recovery_key)``."""

    created = Signal(object, object)  # AppContext, str | None

    def __init__(
        self,
        target: str | Path | None,
        *,
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
        self.setObjectName("firstRunDialog")
        self.setWindowTitle("Set up dnclinic")
        self.setMinimumWidth(600)
        server = is_server(target)
        intro = QLabel(SERVER_INTRO if server else INTRO, self)
        intro.setWordWrap(True)
        self.form = ValidatedForm(self)
        self.given_name = self.form.add_row("given_name", "Given name", QLineEdit(self))
        self.family_name = self.form.add_row("family_name", "Family name", QLineEdit(self))
        self.username = self.form.add_row("username", "Username", QLineEdit("admin", self))
        self.password = self.form.add_row("password", "Password", QLineEdit(self))
        self.confirm = self.form.add_row("confirm", "Repeat password", QLineEdit(self))
        for edit in (self.password, self.confirm):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.treats = QCheckBox("I also treat patients here (I chart and needle)", self)
        self.treats.setChecked(True)
        self.form.add_row("treats", "Practitioner", self.treats)
        self.licence = self.form.add_row("licence", "Licence number", QLineEdit(self))
        self.encrypt = QCheckBox("Encrypt the clinic database (strongly recommended)", self)
        self.encrypt.setChecked(True)
        if not server:  # a file is encrypted here; a server protects its own storage
            self.form.add_row("encrypt", "Protection", self.encrypt)
        else:
            self.encrypt.setVisible(False)
        self.warning = QLabel(UNENCRYPTED_WARNING, self)
        self.warning.setObjectName("formBanner")
        self.warning.setWordWrap(True)
        self.warning.setVisible(False)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Create clinic")
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.form)
        layout.addWidget(self.warning)
        layout.addWidget(self.buttons)
        self.encrypt.toggled.connect(self._on_encrypt_toggled)
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        self.treats.toggled.connect(self.licence.setEnabled)
        self.given_name.setFocus()

    def _on_encrypt_toggled(self, checked: bool) -> None:
        self.warning.setVisible(not checked)

    def _issues(self) -> list[Issue]:
        issues = [
            Issue(field, message, Severity.ERROR)
            for field, edit, message in (
                ("given_name", self.given_name, "Enter your given name."),
                ("family_name", self.family_name, "Enter your family name."),
            )
            if not edit.text().strip()
        ]
        issues += password_issues(self.password.text())
        if self.password.text() != self.confirm.text():
            issues.append(Issue("confirm", "The two passwords differ.", Severity.ERROR))
        return issues

    def _on_buttons_accepted(self) -> None:
        issues = self._issues()
        name = f"{self.given_name.text().strip()} {self.family_name.text().strip()}"
        admin = NewUser(self.username.text().strip(), name, "admin", self.password.text())
        if issues:
            self.form.show_issues(issues)
            return
        try:
            ctx, recovery = create_clinic(
                self._target, admin, encrypted=self.encrypt.isChecked(),
                config_dir=self._config_dir, clock=self._clock, kdf=self._kdf,
            )  # fmt: skip
        except ValidationFailed as exc:
            self.form.show_issues(exc.issues)
            return
        except (ServiceError, OSError) as exc:
            self.form.show_issues([Issue("username", str(exc), Severity.ERROR)])
            return
        if self.treats.isChecked():  # the owner of a small clinic usually needles too
            me = ctx.clinic.add_practitioner(
                self.given_name.text().strip(), self.family_name.text().strip(), self.licence.text()
            ).value
            actor_id = ctx.services.actor.user_id
            assert actor_id is not None
            ctx.access.become(ctx.users.set_practitioner(actor_id, me.id).value)
        self.context: AppContext = ctx
        self.created.emit(ctx, recovery)
        self.accept()
