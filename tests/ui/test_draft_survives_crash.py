"""A crash in the middle of typing loses at most the last seconds: the draft is offered back."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from charting_factories import screened_patient
from draft_crash_child import FIRST
from factories import PASSWORD

from dnclinic.app_context import Credentials, open_clinic
from dnclinic.model.keyring import KdfParams
from dnclinic.ui.dialogs.session_dialog import SessionDialog
from dnclinic.ui.main_window import MainWindow

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from dnclinic.app_context import AppContext

CHILD = Path(__file__).parent.parent / "draft_crash_child.py"


def test_a_note_typed_when_the_process_is_killed_comes_back(
    qtbot: QtBot, clinic_context: AppContext, tmp_path: Path
) -> None:
    patient = screened_patient(clinic_context)
    db = clinic_context.db.sqlite_path
    assert db is not None
    clinic_context.close()

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(CHILD.parent)}
    with subprocess.Popen(
        [sys.executable, str(CHILD), str(db), str(tmp_path / "child-config"),
         str(patient.id)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    ) as child:  # fmt: skip
        try:
            assert child.stdout is not None
            line = child.stdout.readline()  # blocks until the autosave was committed
            assert line.strip() == "AUTOSAVED", child.stderr.read() if child.stderr else line
            child.send_signal(signal.SIGKILL)  # a power cut while the clinician is still typing
            assert child.wait(timeout=30) == -signal.SIGKILL
        finally:
            if child.poll() is None:
                child.kill()
                child.wait()

    login = Credentials("tester", PASSWORD)
    ctx = open_clinic(db, login, config_dir=tmp_path / "config", kdf=KdfParams.fast())
    try:
        drafts = ctx.drafts.pending(patient.id)
        assert len(drafts) == 1
        assert drafts[0].payload["subjective"] == FIRST
        window = MainWindow(ctx)
        qtbot.addWidget(window)
        window.show()
        window.patient_list.select_patient(patient.id)
        assert window.charting.draft_banner.isVisibleTo(window)
        assert "unsaved session note" in window.charting.draft_text.text()
        window.charting.restore_draft.click()
        dialog = window.charting.dialog
        assert isinstance(dialog, SessionDialog)
        assert dialog.view.subjective.toPlainText() == FIRST
        assert "Restored" in dialog.view.status.text()
        dialog.view.consent.setChecked(True)
        assert dialog.save()
        assert ctx.drafts.pending(patient.id) == []  # saved for real: the draft is gone
        dialog.close()
    finally:
        ctx.close()
