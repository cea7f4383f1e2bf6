"""The chart says when the patient's chart is open in an editor on another workstation.

Two workstations on one clinic file: the main window here, and a second composition root (another
running dnclinic) that opens the session editor. Opening and closing an editor here keeps this
workstation's lease, which the other one sees.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from charting_factories import as_practitioner, screened_patient
from conftest import FIXED_NOW, fixed_clock
from factories import PASSWORD

from dnclinic.app_context import Credentials, open_clinic
from dnclinic.model.keyring import KdfParams
from dnclinic.ui.main_window import MainWindow

if TYPE_CHECKING:
    from pathlib import Path

    from pytestqt.qtbot import QtBot

    from dnclinic.app_context import AppContext


def _window(qtbot: QtBot, ctx: AppContext, patient_id: int) -> MainWindow:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.resize(1200, 800)
    window.show()
    window.patient_list.select_patient(patient_id)
    return window


@pytest.mark.qt_log_ignore("does not support raise", "does not support grabbing the keyboard")
def test_the_chart_shows_an_editor_open_elsewhere(
    qtbot: QtBot, clinic_context: AppContext, tmp_path: Path
) -> None:
    as_practitioner(clinic_context)
    p = screened_patient(clinic_context)
    clinic_file = clinic_context.db.sqlite_path
    assert clinic_file is not None
    login = Credentials("tester", PASSWORD)
    room2 = open_clinic(
        clinic_file, login, clock=fixed_clock, kdf=KdfParams.fast(), config_dir=tmp_path / "r2"
    )
    try:
        window = _window(qtbot, clinic_context, p.id)
        banner = window.presence.banner
        assert not banner.isVisible()
        room2.presence.hold(p.id)  # the other workstation opens its session editor
        window.presence.refresh()  # what the 30-second timer does
        since = FIXED_NOW.astimezone().strftime("%H:%M")
        host = room2.presence.workstation.host
        assert banner.isVisible()
        assert banner.text() == f"Open on another workstation: tester on {host} since {since}"
        window.grab().save(str(tmp_path / "presence.png"))
        assert (tmp_path / "presence.png").stat().st_size > 0
        room2.presence.release(p.id)
        window.presence.refresh()
        assert not banner.isVisible()
        # An editor opened here is seen there, and no longer once it is closed.
        window.charting.new_session()  # Ctrl+Shift+N
        dialog = window.charting.dialog
        assert dialog is not None
        assert [r.username for r in room2.presence.others(p.id)] == ["tester"]
        dialog.reject()
        qtbot.waitUntil(lambda: room2.presence.others(p.id) == [])
    finally:
        room2.close()
