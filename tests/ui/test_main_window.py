"""The main window built from the real composition root, driven through its actions."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from conftest import fixed_clock
from factories import PASSWORD, make_patient
from PySide6.QtCore import Qt

from dnclinic.app_context import AppContext, Credentials, open_clinic
from dnclinic.model.keyring import KdfParams
from dnclinic.ui.app import show_main_window
from dnclinic.ui.audit_check import StartupAuditCheck
from dnclinic.ui.dialogs.entered_in_error_dialog import EnteredInErrorDialog
from dnclinic.ui.dialogs.episode_dialog import EpisodeDialog
from dnclinic.ui.dialogs.patient_dialog import PatientDialog
from dnclinic.ui.dialogs.screening_dialog import ScreeningDialog
from dnclinic.ui.main_window import MainWindow

if TYPE_CHECKING:
    from pathlib import Path

    from pytestqt.qtbot import QtBot


def _window(qtbot: QtBot, ctx: AppContext) -> MainWindow:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)  # shortcuts only reach the active window
    return window


def test_ctrl_n_registers_a_patient_and_opens_the_chart(
    qtbot: QtBot, clinic_context: AppContext
) -> None:
    window = _window(qtbot, clinic_context)
    assert window.windowTitle() == "Test Physio — dnclinic"
    assert not window.act_edit_patient.isEnabled()
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = window.dialog
    assert isinstance(dialog, PatientDialog)
    qtbot.keyClicks(dialog.view.given_name, "Lena")
    qtbot.keyClicks(dialog.view.family_name, "Berg")
    qtbot.keyClicks(dialog.view.date_of_birth, "1966-04-02")
    dialog.buttons.accepted.emit()
    assert window.dialog is None
    assert window.chart.header.name.text() == "Berg, Lena"
    assert window.patient_list.current_patient_id() == window.chart.patient_id
    assert window.act_edit_patient.isEnabled()
    assert window.status_count.text() == "1 patient"


def test_ctrl_f_focuses_search(qtbot: QtBot, clinic_context: AppContext) -> None:
    window = _window(qtbot, clinic_context)
    window.chart.setFocus()
    window.act_find.trigger()
    assert window.patient_list.search.hasFocus()


def test_screening_and_episode_appear_in_the_chart(
    qtbot: QtBot, clinic_context: AppContext
) -> None:
    p = make_patient(clinic_context, given_name="Omar", family_name="Haddad")
    window = _window(qtbot, clinic_context)
    window.patient_list.select_patient(p.id)
    assert window.chart.header.chip_texts() == ["Not screened yet"]

    window.act_screening.trigger()
    screening = window.dialog
    assert isinstance(screening, ScreeningDialog)
    screening.precautions.boxes["anticoagulants"].setChecked(True)
    screening.consent_by.setCurrentIndex(1)
    screening.buttons.accepted.emit()
    assert window.chart.header.chip_texts() == [
        "Precaution: Takes anticoagulant or antiplatelet drugs",
        "Written consent on file",
    ]

    window.act_new_episode.trigger()
    episode = window.dialog
    assert isinstance(episode, EpisodeDialog)
    episode.region.setCurrentIndex(episode.region.findData("lumbar"))
    qtbot.keyClicks(episode.onset, "2026-05-01")
    assert episode.chronicity.text() == "Chronic (over 12 weeks)"
    qtbot.keyClicks(episode.diagnosis, "L5 radiculopathy")
    episode.tags.boxes["radiculopathy"].setChecked(True)
    episode.buttons.accepted.emit()
    table = window.chart.episodes
    assert table.rowCount() == 1
    cells = [table.item(0, c) for c in (0, 3)]
    assert [c.text() if c else None for c in cells] == ["Lumbar spine", "Chronic"]
    window.chart.tabs.setCurrentWidget(window.chart.timeline_view)  # drawn when shown
    assert window.chart.timeline.count() == 2


def test_invalid_episode_keeps_the_dialog_open(qtbot: QtBot, clinic_context: AppContext) -> None:
    p = make_patient(clinic_context)
    window = _window(qtbot, clinic_context)
    window.patient_list.select_patient(p.id)
    window.act_new_episode.trigger()
    episode = window.dialog
    assert isinstance(episode, EpisodeDialog)
    qtbot.keyClicks(episode.onset, "next week")
    qtbot.keyClicks(episode.diagnosis, "Something")
    episode.buttons.accepted.emit()
    assert window.dialog is episode
    assert episode.isVisible()
    assert "not a date" in episode.form.error_text("onset_date")
    assert episode.diagnosis.text() == "Something"


def test_mark_entered_in_error_removes_from_list_with_reason(
    qtbot: QtBot, clinic_context: AppContext
) -> None:
    keep = make_patient(clinic_context, family_name="Keep")
    wrong = make_patient(clinic_context, family_name="Wrong")
    window = _window(qtbot, clinic_context)
    window.patient_list.select_patient(wrong.id)
    window.act_in_error.trigger()
    dialog = window.dialog
    assert isinstance(dialog, EnteredInErrorDialog)
    dialog.buttons.accepted.emit()  # no reason yet
    assert "Say why" in dialog.form.error_text("reason")
    dialog.reason.setPlainText("Created twice at the front desk")
    dialog.buttons.accepted.emit()
    assert window.patient_list.model.rowCount() == 1
    assert window.patient_list.model.patient_id(0) == keep.id
    assert (
        clinic_context.patients.get(wrong.id).entered_in_error_reason
        == "Created twice at the front desk"
    )


def test_window_layout_is_remembered(
    qtbot: QtBot, clinic_context: AppContext, tmp_path: Path
) -> None:
    window = _window(qtbot, clinic_context)
    # the offscreen screen is 800 x 600; a restored window is kept on screen
    window.resize(760, 560)
    window.splitter.setSizes([250, 500])
    sizes = window.splitter.sizes()
    window.close()
    again = _window(qtbot, clinic_context)
    qtbot.waitUntil(lambda: again.splitter.sizes() == sizes)
    assert (again.width(), again.height()) == (760, 560)


def test_window_opens_on_an_existing_file_after_restart(
    qtbot: QtBot, app_context: AppContext, db_path: Path, tmp_path: Path
) -> None:
    make_patient(app_context, family_name="Durable", date_of_birth=date(1955, 5, 5))
    app_context.close()
    second = open_clinic(
        db_path, Credentials("tester", PASSWORD), config_dir=tmp_path / "config",
        clock=fixed_clock, kdf=KdfParams.fast(),
    )  # fmt: skip
    try:
        window = _window(qtbot, second)
        assert window.patient_list.model.index(0, 1).data() == "Durable, Ana"
        assert window.status_user.text() == "Tess Tester (practitioner)"
    finally:
        second.close()


def test_show_main_window_starts_the_backups_and_the_audit_check_after_it_is_up(
    qtbot: QtBot, clinic_context: AppContext
) -> None:
    window = show_main_window(clinic_context)
    qtbot.addWidget(window)
    check = window.findChild(StartupAuditCheck)
    assert check is not None
    assert window.isVisible()
    assert not window.backups.timer.isActive()  # not in the first moments: the window comes first
    with qtbot.waitSignal(check.checked, timeout=10_000) as checked:
        pass
    assert checked.args == [True]
    qtbot.waitUntil(window.backups.timer.isActive, timeout=10_000)  # then every ten minutes
    window.idle.stop()
