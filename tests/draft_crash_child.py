"""Child process of the draft-survives-a-crash test: types a note until it is killed.

Run as ``python draft_crash_child.py DB CONFIG PATIENT``. It logs in as the test
practitioner, opens the main window on the database, opens a new session note, types the first
sentence, prints ``AUTOSAVED`` once
the autosave has been committed, then keeps typing (one key every 50 ms) until the test kills
it with SIGKILL: a crash in the middle of typing.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = "offscreen"

from factories import PASSWORD  # noqa: E402
from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402

from dnclinic.app_context import Credentials, open_clinic  # noqa: E402
from dnclinic.model.keyring import KdfParams  # noqa: E402
from dnclinic.ui.app import make_application  # noqa: E402
from dnclinic.ui.dialogs.session_dialog import SessionDialog  # noqa: E402
from dnclinic.ui.main_window import MainWindow  # noqa: E402

FIRST = "Pain eased after the first session; sitting tolerance 40 min."


def main() -> int:
    """Type, autosave, keep typing; never returns normally."""
    db, config, patient = sys.argv[1:4]
    app = make_application()
    login = Credentials("tester", PASSWORD)
    ctx = open_clinic(Path(db), login, config_dir=Path(config), kdf=KdfParams.fast())
    window = MainWindow(ctx)
    window.show()
    window.patient_list.select_patient(int(patient))
    window.charting.new_session()
    dialog = window.charting.dialog
    assert isinstance(dialog, SessionDialog)
    editor = dialog.view.subjective

    def type_more() -> None:
        QTest.keyClicks(editor, "x")

    typist = QTimer()
    typist.setInterval(50)
    typist.timeout.connect(type_more)

    def on_saved() -> None:
        sys.stdout.write("AUTOSAVED\n")  # the parent kills us now, mid-typing
        sys.stdout.flush()
        typist.start()

    dialog.draft_saved.connect(on_saved)
    QTest.keyClicks(editor, FIRST)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
