"""Start the GUI: QApplication, theme, first run or login, main window, automatic lock."""

from __future__ import annotations

import logging
import os
import sys
from typing import TYPE_CHECKING

# The Qt-free modules come before PySide6, on purpose: once PySide6.QtCore is imported, it
# inspects the source of every module imported after it (its ``__feature__`` import hook), which
# costs start-up about 0.2 ms per module; the services and SQLAlchemy are hundreds of modules.
from dnclinic import __version__, paths
from dnclinic.app_context import (
    AppContext,
    ClinicNotFoundError,
    Credentials,
    clinic_exists,
    open_clinic,
)
from dnclinic.model.migrate import SchemaError
from dnclinic.services.errors import ServiceError
from dnclinic.services.policy import Permission
from dnclinic.startup import resume_collection

# isort: split
from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QDialog

from dnclinic.ui.audit_check import StartupAuditCheck
from dnclinic.ui.errors import install_excepthook
from dnclinic.ui.main_window import MainWindow
from dnclinic.ui.theme import apply_theme

if TYPE_CHECKING:
    from pathlib import Path

log = logging.getLogger(__name__)
MAINTENANCE_DELAY_MS = 1500  # backups' check and the audit log's check, after the window is up


def make_application(argv: list[str] | None = None) -> QApplication:
    """Return the QApplication (created once), named and themed."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv or sys.argv[:1])
    QCoreApplication.setApplicationName("dnclinic")
    QCoreApplication.setOrganizationName("dnclinic")
    QCoreApplication.setApplicationVersion(__version__)
    apply_theme(app)
    app.setWindowIcon(QIcon(str(paths.resource_path("icons", "dnclinic-256.png"))))
    app.setDesktopFileName("dnclinic")  # matches resources/dnclinic.desktop
    return app


def start_session(target: str | Path | None) -> AppContext | None:
    """Run the first-run setup or the login dialog; return the open clinic or None (cancelled)."""
    from dnclinic.ui.dialogs.first_run_dialog import FirstRunDialog
    from dnclinic.ui.dialogs.login_dialog import LoginDialog
    from dnclinic.ui.dialogs.recovery_key_dialog import RecoveryKeyDialog

    if not clinic_exists(target):
        dialog = FirstRunDialog(target)
        recovery: list[str | None] = []
        dialog.created.connect(lambda _ctx, key: recovery.append(key))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        ctx = dialog.context
        if recovery and recovery[0]:
            RecoveryKeyDialog(recovery[0], ctx.database_label).exec()
        return ctx
    login = LoginDialog(target)
    if login.exec() != QDialog.DialogCode.Accepted or login.context is None:
        return None
    return login.context


def show_main_window(ctx: AppContext) -> MainWindow:
    """Open the main window of a logged-in clinic and start what runs beside it.

    The scheduled backups and the audit log's integrity check start shortly after the window
    is up (``MAINTENANCE_DELAY_MS``): both run off the UI thread, but a Python thread still
    shares the interpreter with the window, and the clinician's first search comes first.
    Garbage collection, paused since the entry point, resumes once the window is up
    (:mod:`dnclinic.startup`).
    """
    window = MainWindow(ctx)
    window.show()
    window.activateWindow()  # keyboard shortcuts work at once, even without a window manager
    audit_check = StartupAuditCheck(window, ctx.audit)  # owned by the window
    QTimer.singleShot(MAINTENANCE_DELAY_MS, window.backups.start)
    QTimer.singleShot(MAINTENANCE_DELAY_MS, audit_check.start)
    resume_collection()
    return window


def run_gui(target: str | Path | None) -> int:
    """Run the desktop application until the main window closes; return the exit code."""
    try:
        return _run(target)
    finally:
        resume_collection()  # when no main window opened (cancelled login, unusable database)


def _run(target: str | Path | None) -> int:
    from dnclinic.ui.dialogs.clinic_setup_dialog import ClinicSetupDialog

    app = make_application()
    install_excepthook()
    try:
        ctx = start_session(target)
    except (SchemaError, ClinicNotFoundError) as exc:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.critical(None, "dnclinic cannot open the database", str(exc))
        return 2
    if ctx is None:
        return 0
    try:
        if ctx.clinic_title.name() is None and ctx.services.actor.can(Permission.CLINIC_SETTINGS):
            ClinicSetupDialog(ctx.clinic, None).exec()
        window = show_main_window(ctx)
        window.idle.logout_requested.connect(app.quit)
        code = app.exec()
        if not window.restart_required:  # after a restore, the restored file stays as it is
            window.backups.run_on_exit()
        return code
    finally:
        ctx.close()


def self_test(target: str | Path | None, credentials: Credentials | None) -> int:
    """Log in, build the main window offscreen, load the patient list, and exit.

    Prints what it checked; returns 0 when all is well, non-zero with the reason otherwise.
    """
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if credentials is None:
        print(
            "self-test failed: no login given (--user NAME and DNCLINIC_PASSWORD)", file=sys.stderr
        )
        return 2
    app = make_application()
    try:
        ctx = open_clinic(target, credentials)
    except (SchemaError, ServiceError, ClinicNotFoundError) as exc:
        print(f"self-test failed: {exc}", file=sys.stderr)
        return 2
    try:
        window = MainWindow(ctx)
        window.show()
        app.processEvents()
        shown = window.patient_list.model.rowCount()
        can_read = ctx.services.actor.can(Permission.PATIENT_READ)
        expected = ctx.patient_search.count() if can_read else 0
        if shown != expected:
            print(
                f"self-test failed: the list shows {shown} of {expected} patients", file=sys.stderr
            )
            return 1
        if shown and not window.patient_list.model.index(0, 1).data():
            print("self-test failed: the first patient row is empty", file=sys.stderr)
            return 1
        charted = shown > 0 and ctx.services.actor.can(Permission.CHART_READ)
        if charted and not _first_chart_opens(window):
            print("self-test failed: the first patient's chart did not open", file=sys.stderr)
            return 1
        report = ctx.audit.verify()
        if not report.ok:
            print(
                f"self-test failed: the audit log does not verify: {report.problem}",
                file=sys.stderr,
            )
            return 1
        window.remember_layout = False
        window.close()
        schema = ctx.migration.to_revision
        if ctx.db.sqlite_path is None:
            state = "clinic server"
        else:
            state = "encrypted" if ctx.encrypted else "NOT encrypted"
        print(
            f"self-test passed: {ctx.database_label} ({state}), schema {schema}, "
            f"{shown} patients listed{', the first chart opened' if charted else ''}, "
            f"audit log verified ({report.rows} entries)"
        )
        return 0
    except Exception as exc:
        log.exception("Self-test failed")
        print(f"self-test failed: {exc}", file=sys.stderr)
        return 1
    finally:
        ctx.close()


def _first_chart_opens(window: MainWindow) -> bool:
    """Select the first patient in the list and check that the chart shows them.

    This loads what start-up leaves for later (the ORM, the chart services, the chart page), so
    a desktop build missing one of those modules fails here rather than in front of a patient.
    """
    window.patient_list.table.selectRow(0)
    QApplication.processEvents()
    chart = window.chart
    return chart.patient_id is not None and bool(chart.header.name.text())
