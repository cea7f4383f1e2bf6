"""Backups in the GUI: the admin's dialog, the scheduler, restore, and a full disk while editing."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from durability_support import disk_full
from factories import PASSWORD

from dnclinic.ui.dialogs.backup_dialog import BackupDialog
from dnclinic.ui.dialogs.patient_dialog import PatientDialog
from dnclinic.ui.main_window import MainWindow

if TYPE_CHECKING:
    from pathlib import Path

    from pytestqt.qtbot import QtBot

    from dnclinic.app_context import AppContext
    from dnclinic.services.backup import BackupResult

NOTE = "A long history, typed with care. " * 2000


def test_backups_menu_is_for_admins_only(qtbot: QtBot, app_context: AppContext) -> None:
    window = MainWindow(app_context)
    qtbot.addWidget(window)
    assert not window.act_backups.isVisible()  # practitioner
    app_context.access.login("admin", PASSWORD)
    admin_window = MainWindow(app_context)
    qtbot.addWidget(admin_window)
    assert admin_window.act_backups.isVisible()


def test_dialog_backs_up_verifies_saves_settings_and_restores(
    qtbot: QtBot, app_context: AppContext, tmp_path: Path
) -> None:
    app_context.access.login("admin", PASSWORD)
    window = MainWindow(app_context)
    qtbot.addWidget(window)
    window.manage_backups()
    dialog = window.dialog
    assert isinstance(dialog, BackupDialog)
    dialog.folder.setText(str(tmp_path / "usb"))
    dialog.refresh()
    assert dialog.table.rowCount() == 0
    with qtbot.waitSignal(dialog.backup_made, timeout=20_000) as made:
        dialog.back_up_now.click()
    result: BackupResult = made.args[0]
    assert result.verified
    assert dialog.table.rowCount() == 1
    assert "verified" in dialog.banner.text()
    with qtbot.waitSignal(dialog.verified, timeout=20_000):
        dialog.verify_button.click()
    assert dialog.banner.text().count("ok") == 4  # integrity, keys, audit chain, signed notes

    dialog.table.selectRow(0)
    assert dialog.selected_backup() == result.folder
    with qtbot.waitSignal(dialog.restored) as restored:
        dialog.restore(result.folder)
    assert restored.args[0].set_aside is not None
    assert window.restart_required


def test_backup_settings_are_saved_and_used(
    qtbot: QtBot, app_context: AppContext, tmp_path: Path
) -> None:
    app_context.access.login("admin", PASSWORD)
    window = MainWindow(app_context)
    qtbot.addWidget(window)
    window.manage_backups()
    dialog = window.dialog
    assert isinstance(dialog, BackupDialog)
    dialog.folder.setText(str(tmp_path / "elsewhere"))
    dialog.keep.setValue(5)
    dialog.on_exit.setChecked(False)
    dialog.save()
    stored = json.loads((app_context.config_dir / "settings.json").read_text())
    assert stored["backup_keep"] == 5
    assert stored["backup_on_exit"] is False
    assert stored["schema_version"] == 2
    assert window.backups.settings.backup_folder == str(tmp_path / "elsewhere")
    assert window.backups.run_on_exit() is None  # turned off


def test_the_scheduler_backs_up_daily_and_on_exit_for_any_user(
    qtbot: QtBot, app_context: AppContext, db_path: Path
) -> None:
    window = MainWindow(app_context)  # a practitioner is logged in
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.backups.backup_finished, timeout=20_000) as done:
        window.backups.check()  # no backup yet: due
    assert done.args[0].manifest.reason == "daily"
    assert done.args[0].folder.parent == db_path.parent / "backups"
    with qtbot.assertNotEmitted(window.backups.backup_finished, wait=100):
        window.backups.check()  # made a moment ago: not due
    on_exit = window.backups.run_on_exit()
    assert on_exit is not None
    assert on_exit.manifest.reason == "on exit"
    assert on_exit.manifest.created_by == "system:tester"


def test_a_full_disk_keeps_the_patient_form_and_says_why(
    qtbot: QtBot, app_context: AppContext
) -> None:
    dialog = PatientDialog(app_context.patients)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.view.given_name.setText("Ana")
    dialog.view.family_name.setText("Lopez")
    dialog.view.date_of_birth.setText("1980-05-21")
    dialog.view.notes.setPlainText(NOTE)
    with disk_full(app_context.db.engine), qtbot.assertNotEmitted(dialog.patient_saved):
        dialog.buttons.accepted.emit()
    assert dialog.isVisible()
    assert "full" in dialog.view.banner.text()
    assert dialog.view.notes.toPlainText() == NOTE
    assert dialog.view.family_name.text() == "Lopez"
    with qtbot.waitSignal(dialog.patient_saved):  # room again: the same form saves
        dialog.buttons.accepted.emit()
