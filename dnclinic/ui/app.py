"""Start the GUI: QApplication, theme, database, first-run setup, main window."""

from __future__ import annotations

import getpass
import logging
import os
import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from dnclinic import __version__
from dnclinic.app_context import AppContext, open_clinic
from dnclinic.model.migrate import SchemaError
from dnclinic.services.context import Actor
from dnclinic.ui.dialogs.clinic_setup_dialog import ClinicSetupDialog
from dnclinic.ui.errors import install_excepthook
from dnclinic.ui.main_window import MainWindow
from dnclinic.ui.theme import apply_theme

if TYPE_CHECKING:
    from pathlib import Path

log = logging.getLogger(__name__)


def make_application(argv: list[str] | None = None) -> QApplication:
    """Return the QApplication (created once), named and themed."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv or sys.argv[:1])
    QCoreApplication.setApplicationName("dnclinic")
    QCoreApplication.setOrganizationName("dnclinic")
    QCoreApplication.setApplicationVersion(__version__)
    apply_theme(app)
    return app


def _open(target: str | Path | None) -> AppContext | str:
    try:
        # Interim until the login dialog: the workstation user acts as an admin who is also a
        # practitioner. Replaced by the logged-in user in the access-and-privacy work.
        return open_clinic(target, actor=Actor(getpass.getuser(), role="admin", practitioner_id=0))
    except SchemaError as exc:
        return str(exc)
    except Exception as exc:
        log.exception("Could not open the database %s", target)
        return f"The clinic database could not be opened: {exc}"


def run_gui(target: str | Path | None) -> int:
    """Run the desktop application until the main window closes; return the exit code."""
    app = make_application()
    install_excepthook()
    ctx = _open(target)
    if isinstance(ctx, str):
        QMessageBox.critical(None, "dnclinic cannot open the database", ctx)
        return 2
    try:
        if ctx.clinic.get() is None:
            setup = ClinicSetupDialog(ctx.clinic, None)
            if setup.exec() != ClinicSetupDialog.DialogCode.Accepted:
                return 0
        window = MainWindow(ctx)
        window.show()
        return app.exec()
    finally:
        ctx.close()


def self_test(target: str | Path | None) -> int:
    """Open the database offscreen, build the main window, load the patient list, and exit.

    Prints what it checked; returns 0 when all is well, non-zero with the reason otherwise.
    """
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = make_application()
    ctx = _open(target)
    if isinstance(ctx, str):
        print(f"self-test failed: {ctx}", file=sys.stderr)
        return 2
    try:
        window = MainWindow(ctx)
        window.show()
        app.processEvents()
        shown = window.patient_list.model.rowCount()
        expected = ctx.patients.count()
        if shown != expected:
            print(
                f"self-test failed: the list shows {shown} of {expected} patients", file=sys.stderr
            )
            return 1
        if shown:
            first = window.patient_list.model.index(0, 1).data()
            if not first:
                print("self-test failed: the first patient row is empty", file=sys.stderr)
                return 1
        window.close()
        schema = ctx.migration.to_revision
        print(f"self-test passed: {ctx.database_label}, schema {schema}, {shown} patients listed")
        return 0
    except Exception as exc:
        log.exception("Self-test failed")
        print(f"self-test failed: {exc}", file=sys.stderr)
        return 1
    finally:
        ctx.close()
