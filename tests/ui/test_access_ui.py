"""Login, first run, automatic lock, users and the audit viewer, driven as a user would."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from conftest import fixed_clock
from factories import PASSWORD, make_patient
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from dnclinic.model.keyring import KdfParams
from dnclinic.services.errors import PermissionDenied
from dnclinic.services.users import NewUser
from dnclinic.ui.dialogs.audit_log_dialog import AuditLogDialog
from dnclinic.ui.dialogs.first_run_dialog import FirstRunDialog
from dnclinic.ui.dialogs.login_dialog import LoginDialog
from dnclinic.ui.dialogs.patient_dialog import PatientDialog
from dnclinic.ui.dialogs.users_dialog import UsersDialog
from dnclinic.ui.main_window import RESTRICTED_TEXT, MainWindow

if TYPE_CHECKING:
    from pathlib import Path

    from pytestqt.qtbot import QtBot

    from dnclinic.app_context import AppContext

FAST = KdfParams.fast()


def test_idle_timeout_locks_hides_data_and_keeps_the_draft(
    qtbot: QtBot, clinic_context: AppContext
) -> None:
    make_patient(clinic_context, family_name="Private")
    window = MainWindow(clinic_context, idle_ms=300)
    qtbot.addWidget(window)
    window.show()
    window.new_patient()
    dialog = window.dialog
    assert isinstance(dialog, PatientDialog)
    qtbot.keyClicks(dialog.view.family_name, "Half-typed")
    dialog.view.notes.setPlainText("Unsaved note about the knee")

    with qtbot.waitSignal(window.idle.locked, timeout=5000):
        pass  # no input: the idle timer runs out
    assert not window.isVisible()
    assert not dialog.isVisible()
    visible = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
    assert visible == [window.idle.screen]  # nothing but the lock screen shows
    with pytest.raises(PermissionDenied):
        clinic_context.patients.search_ids("")

    screen = window.idle.screen
    assert screen is not None
    qtbot.keyClicks(screen.password, "wrong password")
    screen.unlock_button.click()
    assert "Wrong username or password" in screen.form.error_text("password")
    assert window.idle.is_locked
    with qtbot.waitSignal(window.idle.unlocked):
        qtbot.keyClicks(screen.password, PASSWORD)
        screen.unlock_button.click()
    assert window.isVisible()
    assert dialog.isVisible()
    assert dialog.view.family_name.text() == "Half-typed"
    assert dialog.view.notes.toPlainText() == "Unsaved note about the knee"
    window.idle.stop()


def test_input_in_the_window_or_a_dialog_restarts_the_idle_timer(
    qtbot: QtBot, clinic_context: AppContext
) -> None:
    window = MainWindow(clinic_context, idle_ms=60_000)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: QApplication.focusWindow() is window.windowHandle())
    timer = window.idle.timer
    timer.stop()
    # Input as the window system delivers it: to the top-level window, then to the widget.
    QTest.keyClick(window.windowHandle(), Qt.Key.Key_Shift)
    assert timer.isActive()

    window.new_patient()
    dialog = window.dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: QApplication.focusWindow() is dialog.windowHandle())
    timer.stop()
    assert isinstance(dialog, PatientDialog)
    dialog.view.given_name.setFocus()
    QTest.keyClick(dialog.windowHandle(), Qt.Key.Key_A)  # typing into the editor counts too
    assert timer.isActive()
    assert dialog.view.given_name.text() == "a"  # and still reaches the field

    timer.stop()
    window.idle.lock()
    screen = window.idle.screen
    assert screen is not None
    qtbot.waitUntil(lambda: QApplication.focusWindow() is screen.windowHandle())
    QTest.keyClick(screen.windowHandle(), Qt.Key.Key_Shift)
    assert not timer.isActive()  # typing on the lock screen is not activity of the session
    window.idle.stop()


def test_lock_and_unlock_are_audited(qtbot: QtBot, clinic_context: AppContext) -> None:
    window = MainWindow(clinic_context, idle_ms=60_000)
    qtbot.addWidget(window)
    window.show()
    window.act_lock.trigger()
    assert window.idle.is_locked
    screen = window.idle.screen
    assert screen is not None
    qtbot.keyClicks(screen.password, PASSWORD)
    screen.unlock_button.click()
    clinic_context.access.login("admin", PASSWORD)
    actions = [e.action for e in clinic_context.audit.entries()][:3]  # newest first
    assert actions == ["login", "unlock", "lock"]
    window.idle.stop()


def test_login_dialog_keeps_the_username_and_says_why(
    qtbot: QtBot, app_context: AppContext, db_path: Path, tmp_path: Path
) -> None:
    app_context.close()
    dialog = LoginDialog(db_path, config_dir=tmp_path / "config", clock=fixed_clock, kdf=FAST)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.username, "tester")
    qtbot.keyClicks(dialog.password, "not it")
    dialog.buttons.accepted.emit()
    assert dialog.form.error_text("password") == "Wrong username or password."
    assert dialog.username.text() == "tester"
    assert dialog.password.text() == ""
    qtbot.keyClicks(dialog.password, PASSWORD)
    with qtbot.waitSignal(dialog.logged_in) as blocker:
        dialog.buttons.accepted.emit()
    ctx = blocker.args[0]
    try:
        assert ctx.services.actor.username == "tester"
        assert ctx.encrypted
    finally:
        ctx.close()


def test_first_run_creates_an_encrypted_clinic(qtbot: QtBot, tmp_path: Path) -> None:
    db = tmp_path / "new.db"
    dialog = FirstRunDialog(db, config_dir=tmp_path, clock=fixed_clock, kdf=FAST)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.given_name, "Ruth")
    qtbot.keyClicks(dialog.family_name, "Owner")
    qtbot.keyClicks(dialog.password, "short")
    qtbot.keyClicks(dialog.confirm, "different")
    dialog.buttons.accepted.emit()
    assert "at least 10" in dialog.form.error_text("password")
    assert dialog.form.error_text("confirm") == "The two passwords differ."
    assert not db.exists()
    dialog.password.clear()
    dialog.confirm.clear()
    qtbot.keyClicks(dialog.password, PASSWORD)
    qtbot.keyClicks(dialog.confirm, PASSWORD)
    dialog.encrypt.setChecked(False)
    assert dialog.warning.isVisibleTo(dialog)
    dialog.encrypt.setChecked(True)
    with qtbot.waitSignal(dialog.created) as blocker:
        dialog.buttons.accepted.emit()
    ctx, recovery = blocker.args
    try:
        assert ctx.encrypted
        assert len(recovery) == 47
        assert ctx.services.actor.role == "admin"
        # the owner also treats patients: linked to a new practitioner record, so may chart
        assert ctx.services.actor.practitioner_id is not None
        assert [p.display_name for p in ctx.clinic.practitioners()] == ["Ruth Owner"]
        assert ctx.patients.count() == 0
    finally:
        ctx.close()
    assert not db.read_bytes().startswith(b"SQLite format 3")


def test_manager_sees_no_clinical_chart(qtbot: QtBot, clinic_context: AppContext) -> None:
    p = make_patient(clinic_context)
    clinic_context.access.login("admin", PASSWORD)
    clinic_context.users.create_user(NewUser("mgr", "Mo Manager", "manager", PASSWORD))
    clinic_context.access.login("mgr", PASSWORD)
    window = MainWindow(clinic_context, idle_ms=60_000)
    qtbot.addWidget(window)
    window.show()
    assert window.patient_list.model.rowCount() == 1  # demographics only
    window.patient_list.select_patient(p.id)
    assert window.chart.empty.text() == RESTRICTED_TEXT
    assert not window.act_new_episode.isVisible()
    assert not window.act_users.isVisible()
    window.idle.stop()


def test_users_dialog_adds_and_disables(qtbot: QtBot, clinic_context: AppContext) -> None:
    clinic_context.access.login("admin", PASSWORD)
    dialog = UsersDialog(clinic_context.users, clinic_context.clinic.practitioners())
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.table.rowCount() == 2
    dialog.table.selectRow([u.username for u in dialog._rows].index("tester"))
    dialog.toggle_button.click()
    assert [u.active for u in dialog._rows if u.username == "tester"] == [False]
    admin_row = [u.username for u in dialog._rows].index("admin")
    dialog.table.selectRow(admin_row)
    dialog.toggle_button.click()
    assert "at least one active admin" in dialog.banner.text()


def test_audit_viewer_filters_verifies_and_exports(
    qtbot: QtBot, clinic_context: AppContext, tmp_path: Path
) -> None:
    make_patient(clinic_context, mrn="DN-000042")
    clinic_context.access.login("admin", PASSWORD)
    dialog = AuditLogDialog(clinic_context.audit, clinic_name="Test Physio")
    qtbot.addWidget(dialog)
    dialog.show()
    assert "intact" in dialog.status.text()
    qtbot.keyClicks(dialog.patient, "dn-000042")
    dialog.apply.click()
    assert dialog.table.rowCount() == 1
    assert dialog.table.item(0, 2).text() == "create"  # type: ignore[union-attr]
    out = tmp_path / "audit.pdf"
    with qtbot.waitSignal(dialog.exported):
        dialog.export_pdf_to(out)
    text = "".join(page.extract_text() for page in PdfReader(out).pages)
    assert "patient DN-000042" in text
    assert "create" in text
