"""Scheduled backups: daily while dnclinic runs (checked by a timer), and on exit.

The work runs as the system on behalf of whoever is logged in (any role) and is audited; the
daily one runs off the UI thread. The schedule itself is the pure ``backup_due`` rule; the
newest backup in the folder is what counts, so several workstations share one schedule.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from dnclinic.ui.workers import run_task

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from dnclinic.app_context import AppContext
    from dnclinic.services.backup import BackupResult
    from dnclinic.settings import Settings

log = logging.getLogger(__name__)
CHECK_EVERY_MS = 10 * 60_000  # a due backup starts at most ten minutes late


def backup_folder(settings: Settings, db_file: Path) -> Path:
    """Return the chosen backup folder, or the default one beside the database."""
    # The backup files' module (manifests, digests) loads when the first check runs.
    from dnclinic.services.backup_files import default_backup_folder

    return (
        Path(settings.backup_folder).expanduser()
        if settings.backup_folder
        else (default_backup_folder(db_file))
    )


class BackupScheduler(QObject):
    """Starts due backups; emits ``backup_finished(BackupResult)`` or ``backup_failed(str)``."""

    backup_finished = Signal(object)
    backup_failed = Signal(str)

    def __init__(self, app: AppContext, parent: QWidget) -> None:
        super().__init__(parent)
        self._app = app
        self._widget = parent
        self.settings = app.settings
        self._running = False
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_EVERY_MS)
        self.timer.timeout.connect(self.check)

    @property
    def enabled(self) -> bool:
        """Whether this clinic is backed up here (an SQLite file) at all."""
        return self._app.db.sqlite_path is not None

    def folder(self) -> Path | None:
        """Return where backups go now (None for a server database)."""
        db_file = self._app.db.sqlite_path
        return None if db_file is None else backup_folder(self.settings, db_file)

    def start(self) -> None:
        """Check now and then every ten minutes (:func:`show_main_window` starts it)."""
        if self.enabled:
            self.timer.start()
            QTimer.singleShot(0, self.check)

    def apply(self, settings: Settings) -> None:
        """Use changed settings from now on."""
        self.settings = settings

    def check(self) -> None:
        """Start the daily backup when it is due (at most one at a time)."""
        folder, db_file = self.folder(), self._app.db.sqlite_path
        hours = self.settings.backup_interval_hours
        if folder is None or db_file is None or hours <= 0 or self._running:
            return
        from dnclinic.services.backup_files import backup_due, last_backup_at

        # Reading the folder's manifests is cheap and needs no ORM: at start-up nothing heavy
        # loads unless a backup is due.
        if not backup_due(last_backup_at(folder, db_file), self._app.services.now(), hours):
            return
        self._running = True
        keep = self.settings.backup_keep
        # The service (and the ORM it loads) is built here on the UI thread, not on the worker:
        # a module imported by two threads at once can fail (Python's import deadlock check).
        backups = self._app.backups
        run_task(
            self._widget,
            lambda: backups.back_up_scheduled(folder, keep=keep, reason="daily"),
            self._on_done,
            self._on_failed,
        )

    def run_on_exit(self) -> BackupResult | None:
        """Back up now, on the calling thread, if backups on exit are on; never raises."""
        folder = self.folder()
        if folder is None or not self.settings.backup_on_exit:
            return None
        try:
            return self._app.backups.back_up_scheduled(
                folder, keep=self.settings.backup_keep, reason="on exit"
            )
        except Exception:  # exiting must not fail because of a backup; it is logged
            log.exception("The backup on exit failed")
            return None

    def _on_done(self, result: BackupResult) -> None:
        self._running = False
        self.backup_finished.emit(result)

    def _on_failed(self, exc: Exception) -> None:
        self._running = False
        self.backup_failed.emit(str(exc))
