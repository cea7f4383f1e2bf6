"""Saving a session note when the disk is full or failing: a clear message, nothing lost.

The note stays on screen as typed, its autosaved draft stays in the database, the database still
verifies, and the same Save works once the disk is fine again (issue 9, faults).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from charting_factories import as_practitioner, screened_patient
from durability_support import disk_full, io_error_on

from dnclinic.services.drafts import SESSION_DRAFT
from dnclinic.ui.dialogs.session_dialog import SessionDialog
from dnclinic.ui.main_window import MainWindow

if TYPE_CHECKING:
    from collections.abc import Callable
    from contextlib import AbstractContextManager

    from pytestqt.qtbot import QtBot
    from sqlalchemy import Engine

    from dnclinic.app_context import AppContext

NOTE = "Sharp pain L buttock since Tuesday; worse sitting. " * 2000  # needs new pages


def _full(engine: Engine) -> AbstractContextManager[None]:
    return disk_full(engine)


def _failing(engine: Engine) -> AbstractContextManager[None]:
    return io_error_on(engine, "INSERT")


@pytest.mark.parametrize(("fault", "said"), [(_full, "disk that holds the database is full"),
                                             (_failing, "disk error")])  # fmt: skip
def test_a_session_note_survives_a_failing_save_and_saves_once_the_disk_is_fine(
    qtbot: QtBot,
    clinic_context: AppContext,
    fault: Callable[[Engine], AbstractContextManager[None]],
    said: str,
) -> None:
    as_practitioner(clinic_context)
    p = screened_patient(clinic_context)
    window = MainWindow(clinic_context)
    qtbot.addWidget(window)
    window.show()
    window.patient_list.select_patient(p.id)
    window.charting.act_session.trigger()  # New session note (Ctrl+Shift+N)
    dialog = window.charting.dialog
    assert isinstance(dialog, SessionDialog)
    subjective = dialog.view.soap["subjective"]
    subjective.setPlainText(NOTE)
    dialog.flush_draft()  # the autosave has written a draft before the disk fails
    drafts = [d.kind for d in clinic_context.drafts.pending(p.id)]
    assert drafts == [SESSION_DRAFT]
    with fault(clinic_context.db.engine):
        assert not dialog.save()
    assert said in dialog.view.banner.text()
    assert "Traceback" not in dialog.view.banner.text()
    assert dialog.isVisible()
    assert subjective.toPlainText() == NOTE  # what was typed is still there
    assert [d.kind for d in clinic_context.drafts.pending(p.id)] == drafts  # and its draft
    assert clinic_context.sessions.sessions(p.id) == []  # nothing half-written
    assert all(c.ok for c in clinic_context.backups.verify())
    assert dialog.save()  # the disk is fine again: the same Save works
    (saved,) = clinic_context.sessions.sessions(p.id)
    assert clinic_context.sessions.get(saved.id).content.subjective == NOTE.strip()
    assert clinic_context.drafts.pending(p.id) == []
