"""User administration (admins) and changing one's own password (everyone)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from dnclinic.clinical.validation import Issue, Severity
from dnclinic.model.entities import ROLES
from dnclinic.services.errors import ServiceError, ValidationFailed
from dnclinic.services.users import ROLE_LABELS, NewUser, UserService
from dnclinic.ui.widgets.validated_form import ValidatedForm

if TYPE_CHECKING:
    from dnclinic.services.authentication import UserRow
    from dnclinic.services.clinic import PractitionerRow

COLUMNS = ("Username", "Name", "Role", "Practitioner", "Status")


def _password_edit(parent: QWidget) -> QLineEdit:
    edit = QLineEdit(parent)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


class AddUserDialog(QDialog):
    """A new account; the admin tells the person their first password."""

    user_added = Signal(object)

    def __init__(
        self,
        users: UserService,
        practitioners: list[PractitionerRow],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._users = users
        self.setWindowTitle("Add user")
        self.setMinimumWidth(520)
        self.form = ValidatedForm(self)
        self.username = self.form.add_row("username", "Username", QLineEdit(self))
        self.display_name = self.form.add_row("display_name", "Name", QLineEdit(self))
        self.role = QComboBox(self)
        for role in ROLES:
            self.role.addItem(ROLE_LABELS[role], role)
        self.form.add_row("role", "Role", self.role)
        self.practitioner = QComboBox(self)
        self.practitioner.addItem("Not a practitioner", None)
        for p in practitioners:
            self.practitioner.addItem(p.display_name, p.id)
        self.form.add_row(
            "practitioner", "Practitioner", self.practitioner,
            "Link practitioners so that they can chart and sign their own sessions.",
        )  # fmt: skip
        self.password = self.form.add_row("password", "First password", _password_edit(self))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(buttons)
        buttons.accepted.connect(self._on_accepted)
        buttons.rejected.connect(self.reject)

    def _on_accepted(self) -> None:
        practitioner = self.practitioner.currentData()
        new = NewUser(
            self.username.text(), self.display_name.text(), str(self.role.currentData()),
            self.password.text(), int(practitioner) if practitioner is not None else None,
        )  # fmt: skip
        try:
            saved = self._users.create_user(new)
        except ValidationFailed as exc:
            self.form.show_issues(exc.issues)
            return
        self.user_added.emit(saved)
        self.accept()


class UsersDialog(QDialog):
    """The clinic's accounts with add, role, enable/disable and password reset."""

    users_changed = Signal(object)

    def __init__(
        self,
        users: UserService,
        practitioners: list[PractitionerRow],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._users = users
        self._practitioners = practitioners
        self._rows: list[UserRow] = []
        self.setObjectName("usersDialog")
        self.setWindowTitle("Users and roles")
        self.resize(780, 460)
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.banner = QLabel(self)
        self.banner.setObjectName("formBanner")
        self.banner.setWordWrap(True)
        self.banner.setVisible(False)
        self.add_button = QPushButton("Add user…", self)
        self.role = QComboBox(self)
        for role in ROLES:
            self.role.addItem(ROLE_LABELS[role], role)
        self.role_button = QPushButton("Set role", self)
        self.toggle_button = QPushButton("Disable", self)
        self.new_password = _password_edit(self)
        self.new_password.setPlaceholderText("new password")
        self.reset_button = QPushButton("Reset password", self)
        row = QHBoxLayout()
        for widget in (self.add_button, self.role, self.role_button, self.toggle_button,
                       self.new_password, self.reset_button):  # fmt: skip
            row.addWidget(widget)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.table)
        layout.addLayout(row)
        layout.addWidget(close)
        close.rejected.connect(self.reject)
        self.add_button.clicked.connect(self._on_add_clicked)
        self.role_button.clicked.connect(self._on_role_clicked)
        self.toggle_button.clicked.connect(self._on_toggle_clicked)
        self.reset_button.clicked.connect(self._on_reset_clicked)
        self.table.itemSelectionChanged.connect(self._on_selection_changed)
        self.reload()

    def reload(self) -> None:
        """Read the accounts again."""
        self._rows = self._users.list_users()
        self.table.setRowCount(len(self._rows))
        for r, u in enumerate(self._rows):
            values = (u.username, u.display_name, ROLE_LABELS.get(u.role, u.role),
                      u.practitioner_name or "—", "Active" if u.active else "Disabled")  # fmt: skip
            for c, text in enumerate(values):
                self.table.setItem(r, c, QTableWidgetItem(text))
        self._on_selection_changed()

    def selected(self) -> UserRow | None:
        """Return the selected account."""
        rows = self.table.selectionModel().selectedRows()
        return self._rows[rows[0].row()] if rows else None

    def _run(self, action: str) -> None:
        user = self.selected()
        if user is None:
            return
        try:
            if action == "role":
                saved = self._users.set_role(user.id, str(self.role.currentData()))
            elif action == "toggle":
                saved = self._users.set_active(user.id, not user.active)
            else:
                saved = self._users.reset_password(user.id, self.new_password.text())
                self.new_password.clear()
        except ServiceError as exc:
            issues = (
                exc.issues
                if isinstance(exc, ValidationFailed)
                else [Issue("", str(exc), Severity.ERROR)]
            )
            self.banner.setText(" ".join(i.message for i in issues))
            self.banner.setVisible(True)
            return
        enabled_again = action == "toggle" and saved.value.active
        self.banner.setText(
            f"{saved.value.display_name} is enabled again. Set a new password for them "
            "(Reset password) so that they can log in."
            if enabled_again
            else ""
        )
        self.banner.setVisible(enabled_again)
        self.reload()
        self.users_changed.emit(saved)

    def _on_add_clicked(self) -> None:
        dialog = AddUserDialog(self._users, self._practitioners, self)
        dialog.user_added.connect(lambda _saved: self.reload())
        dialog.open()

    def _on_role_clicked(self) -> None:
        self._run("role")

    def _on_toggle_clicked(self) -> None:
        self._run("toggle")

    def _on_reset_clicked(self) -> None:
        self._run("reset")

    def _on_selection_changed(self) -> None:
        user = self.selected()
        for widget in (self.role_button, self.toggle_button, self.reset_button):
            widget.setEnabled(user is not None)
        if user is not None:
            self.toggle_button.setText("Disable" if user.active else "Enable")
            self.role.setCurrentIndex(max(0, self.role.findData(user.role)))


class ChangePasswordDialog(QDialog):
    """The logged-in user's own password; the database key is rewrapped with the new one."""

    password_changed = Signal(object)

    def __init__(self, users: UserService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._users = users
        self.setWindowTitle("Change my password")
        self.setMinimumWidth(480)
        self.form = ValidatedForm(self)
        self.old = self.form.add_row("old", "Current password", _password_edit(self))
        self.new = self.form.add_row("password", "New password", _password_edit(self))
        self.confirm = self.form.add_row("confirm", "Repeat new password", _password_edit(self))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(buttons)
        buttons.accepted.connect(self._on_accepted)
        buttons.rejected.connect(self.reject)

    def _on_accepted(self) -> None:
        if self.new.text() != self.confirm.text():
            self.form.show_issues([Issue("confirm", "The two passwords differ.", Severity.ERROR)])
            return
        try:
            saved = self._users.change_own_password(self.old.text(), self.new.text())
        except ValidationFailed as exc:
            self.form.show_issues(exc.issues)
            return
        except ServiceError as exc:
            self.old.clear()
            self.form.show_issues([Issue("old", str(exc), Severity.ERROR)])
            return
        self.password_changed.emit(saved)
        self.accept()
