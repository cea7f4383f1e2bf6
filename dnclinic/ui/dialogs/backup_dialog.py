"""Clinic ▸ Backups (admins): where and how often to back up, back up now, verify, restore."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from dnclinic.services.errors import ServiceError
from dnclinic.settings import save_settings
from dnclinic.ui.backup_scheduler import backup_folder
from dnclinic.ui.workers import run_task

if TYPE_CHECKING:
    from dnclinic.app_context import AppContext
    from dnclinic.model.verify import CheckResult
    from dnclinic.services.backup import BackupResult
    from dnclinic.settings import Settings

COLUMNS = ("Made (UTC)", "Why", "By", "Checks", "Folder")
ADVICE = (
    "Choose a folder on another drive (a USB disk or a second disk): a backup next to the "
    "database does not survive the disk. Backups stay encrypted; the users' passwords and the "
    "recovery key open them."
)


class BackupDialog(QDialog):
    """Backup settings and the list of backups, with back up now, verify and restore."""

    settings_saved = Signal(object)  # Settings
    backup_made = Signal(object)  # BackupResult
    restored = Signal(object)  # RestoreOutcome: the clinic must be opened again
    verified = Signal(object)  # list[CheckResult]

    def __init__(self, app: AppContext, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._app = app
        self._settings = settings
        self.setObjectName("backupDialog")
        self.setWindowTitle("Backups")
        self.setMinimumWidth(720)
        db_file = app.db.sqlite_path
        self.folder = QLineEdit(str(backup_folder(settings, db_file)) if db_file else "", self)
        choose = QPushButton("Choose…", self)
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(choose)
        self.keep = QSpinBox(self)
        self.keep.setRange(1, 365)
        self.keep.setValue(settings.backup_keep)
        self.daily = QCheckBox("Back up every day while dnclinic is open", self)
        self.daily.setChecked(settings.backup_interval_hours > 0)
        self.on_exit = QCheckBox("Back up when dnclinic closes", self)
        self.on_exit.setChecked(settings.backup_on_exit)
        form = QFormLayout()
        form.addRow("Folder", row)
        form.addRow("", QLabel(ADVICE, self, wordWrap=True))
        form.addRow("Keep the newest", self.keep)
        form.addRow("", self.daily)
        form.addRow("", self.on_exit)
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.banner = QLabel(self, wordWrap=True)
        self.banner.setObjectName("banner")
        self.back_up_now = QPushButton("Back up now", self)
        self.verify_button = QPushButton("Verify database", self)
        self.restore_button = QPushButton("Restore selected…", self)
        actions = QHBoxLayout()
        for button in (self.back_up_now, self.verify_button, self.restore_button):
            actions.addWidget(button)
        actions.addStretch(1)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close, self
        )
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)
        layout.addWidget(self.banner)
        layout.addWidget(buttons)
        choose.clicked.connect(self._on_choose_clicked)
        self.back_up_now.clicked.connect(self.back_up)
        self.verify_button.clicked.connect(self.verify)
        self.restore_button.clicked.connect(self._on_restore_clicked)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.refresh()

    # --- what the buttons do (public: tests drive them without dialogs) ------------------------
    def refresh(self) -> None:
        """List the backups in the chosen folder, newest first."""
        self._sets: list[Path] = []
        self.table.setRowCount(0)
        try:
            sets = self._app.backups.backups(Path(self.folder.text()).expanduser())
        except (ServiceError, OSError) as exc:
            self._say(str(exc))
            return
        for path, manifest in sets:
            checks = "all passed" if manifest.verified else "FAILED"
            cells = (f"{manifest.created_at:%Y-%m-%d %H:%M}", manifest.reason,
                     manifest.created_by, checks, path.name)  # fmt: skip
            row = self.table.rowCount()
            self.table.insertRow(row)
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
            self._sets.append(path)

    def settings(self) -> Settings:
        """Return the settings as the form shows them."""
        return self._settings.with_changes(
            backup_folder=self.folder.text().strip(),
            backup_keep=self.keep.value(),
            backup_interval_hours=24 if self.daily.isChecked() else 0,
            backup_on_exit=self.on_exit.isChecked(),
        )

    def save(self) -> None:
        """Save the backup settings and close."""
        self._settings = self.settings()
        save_settings(self._app.config_dir, self._settings)
        self.settings_saved.emit(self._settings)
        self.accept()

    def back_up(self) -> None:
        """Make a backup now, off the UI thread."""
        folder, keep = Path(self.folder.text()).expanduser(), self.keep.value()
        self._busy("Backing up…")
        run_task(self, lambda: self._app.backups.back_up(folder, keep=keep),
                 self._on_backup_done, self._on_failed)  # fmt: skip

    def verify(self) -> None:
        """Run every check on the database, off the UI thread."""
        self._busy("Checking the database…")
        run_task(self, self._app.backups.verify, self._on_verified, self._on_failed)

    def selected_backup(self) -> Path | None:
        """Return the backup chosen in the list."""
        rows = self.table.selectionModel().selectedRows()
        return self._sets[rows[0].row()] if rows else None

    def restore(self, backup: Path) -> None:
        """Put ``backup`` in place of the open database (after the user confirmed)."""
        try:
            outcome = self._app.backups.restore(backup)
        except ServiceError as exc:
            self._say(str(exc))
            return
        self.restored.emit(outcome)
        self.accept()

    # --- slots ---------------------------------------------------------------------------------
    def _on_choose_clicked(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, "Backup folder", self.folder.text())
        if chosen:
            self.folder.setText(chosen)
            self.refresh()

    def _on_restore_clicked(self) -> None:
        backup = self.selected_backup()
        if backup is None:
            self._say("Choose a backup in the list first.")
            return
        answer = QMessageBox.question(
            self, "Restore this backup?",
            f"Put the backup {backup.name} in place of the current database?\n\nEverything "
            "saved since then is no longer shown (the current file is kept beside it, renamed). "
            "dnclinic closes afterwards; open it again and log in.",
        )  # fmt: skip
        if answer == QMessageBox.StandardButton.Yes:
            self.restore(backup)

    def _on_backup_done(self, result: BackupResult) -> None:
        self._idle()
        verdict = "verified" if result.verified else "written, but it FAILED a check"
        self._say(f"Backup {verdict}: {result.folder}")
        self.refresh()
        self.backup_made.emit(result)

    def _on_verified(self, results: list[CheckResult]) -> None:
        self._idle()
        self._say("\n".join(r.line() for r in results))
        self.verified.emit(results)

    def _on_failed(self, exc: Exception) -> None:
        self._idle()
        self._say(str(exc) if isinstance(exc, ServiceError) else f"That did not work: {exc}")

    # --- helpers -------------------------------------------------------------------------------
    def _say(self, text: str) -> None:
        self.banner.setText(text)

    def _busy(self, text: str) -> None:
        self._say(text)
        for button in (self.back_up_now, self.verify_button, self.restore_button):
            button.setEnabled(False)

    def _idle(self) -> None:
        for button in (self.back_up_now, self.verify_button, self.restore_button):
            button.setEnabled(True)
