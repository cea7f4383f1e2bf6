"""Documents from the chart and the session editor.

Rendered off the UI thread, previewed, exported (archived and audited) and printed, with
the archived copy offered for a reprint.
"""

from __future__ import annotations

from io import BytesIO
from typing import TYPE_CHECKING

from charting_factories import as_practitioner, screened_patient, three_muscle_content
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QPushButton

from dnclinic.services.episodes import EpisodeDetails
from dnclinic.ui.dialogs.document_preview_dialog import DocumentPreviewDialog
from dnclinic.ui.dialogs.session_dialog import SessionDialog
from dnclinic.ui.main_window import MainWindow
from dnclinic.ui.workers import run_query

if TYPE_CHECKING:
    from pathlib import Path

    from pytestqt.qtbot import QtBot

    from dnclinic.app_context import AppContext


def _signed(ctx: AppContext) -> tuple[int, int]:
    as_practitioner(ctx)
    p = screened_patient(ctx)
    ctx.episodes.add_episode(p.id, EpisodeDetails("knee", ctx.services.today(), "left"))
    rec = ctx.sessions.create(p.id, three_muscle_content()).value
    ctx.sessions.sign(rec.id, rec.version_id)
    return p.id, rec.id


def _window(qtbot: QtBot, ctx: AppContext, patient_id: int) -> MainWindow:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.patient_list.select_patient(patient_id)
    return window


def _preview(qtbot: QtBot, window: MainWindow) -> DocumentPreviewDialog:
    qtbot.waitUntil(lambda: window.documents.dialog is not None, timeout=15000)
    dialog = window.documents.dialog
    assert isinstance(dialog, DocumentPreviewDialog)
    qtbot.waitUntil(lambda: dialog.pdf.pageCount() > 0)
    return dialog


def test_note_preview_export_then_reprint_the_archived_copy(
    qtbot: QtBot, clinic_context: AppContext, tmp_path: Path
) -> None:
    ctx = clinic_context
    pid, sid = _signed(ctx)
    window = _window(qtbot, ctx, pid)
    assert window.documents.act_note.isEnabled()
    qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    dialog = _preview(qtbot, window)
    assert dialog.doc.source_id == sid
    assert not dialog.use_archive.isVisible()
    with qtbot.waitSignal(window.bus.changed):
        out = dialog.export_to(tmp_path / "note.pdf")
    assert "Signed session note" in PdfReader(BytesIO(out.read_bytes())).pages[0].extract_text()
    archived = ctx.documents.documents(pid)
    assert [d.sha256 for d in archived] == [dialog.doc.sha256]
    dialog.close()
    # Asked again: the archived copy is offered and reprinted byte for byte.
    window.documents.preview_note()
    again = _preview(qtbot, window)
    assert again is not dialog
    assert again.archived is not None
    assert again.use_archive.isVisibleTo(again)
    qtbot.mouseClick(again.use_archive, Qt.MouseButton.LeftButton)
    assert again.using_archive
    assert "Archived copy printed" in again.status.text()
    second = again.export_to(tmp_path / "again.pdf")
    assert second.read_bytes() == out.read_bytes()
    assert len(ctx.documents.documents(pid)) == 1  # a reprint is not a new document


def test_plan_and_progress_from_the_menu_and_print(
    qtbot: QtBot, clinic_context: AppContext, tmp_path: Path
) -> None:
    ctx = clinic_context
    pid, _sid = _signed(ctx)
    window = _window(qtbot, ctx, pid)
    window.documents.act_plan.trigger()
    plan = _preview(qtbot, window)
    assert plan.doc.kind == "home_plan"
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    plan.print_on(printer)
    assert len(PdfReader(tmp_path / "printed.pdf").pages) == plan.pdf.pageCount()
    assert ctx.documents.documents(pid)[0].kind == "home_plan"
    plan.close()
    window.documents.act_progress.trigger()
    progress = _preview(qtbot, window)
    assert progress.doc.kind == "progress_report"


def test_session_editor_has_a_print_button(qtbot: QtBot, clinic_context: AppContext) -> None:
    ctx = clinic_context
    pid, sid = _signed(ctx)
    window = _window(qtbot, ctx, pid)
    window.charting.open_session(sid)
    editor = window.charting.dialog
    assert isinstance(editor, SessionDialog)
    button = editor.findChild(QPushButton, "printNoteButton")
    assert button is not None
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert _preview(qtbot, window).doc.source_id == sid


def test_nothing_to_print_is_said_in_the_status_bar(
    qtbot: QtBot, clinic_context: AppContext
) -> None:
    ctx = clinic_context
    p = screened_patient(ctx)
    window = _window(qtbot, ctx, p.id)
    window.documents.preview_note()
    qtbot.waitUntil(lambda: "no signed session" in window.statusBar().currentMessage())
    assert window.documents.dialog is None


def test_run_query_reports_failures_on_the_main_thread(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QWidget

    parent = QWidget()
    qtbot.addWidget(parent)
    got: list[object] = []

    def boom() -> int:
        raise ValueError("nope")

    run_query(parent, lambda: 41 + 1, got.append)
    run_query(parent, boom, got.append, got.append)
    qtbot.waitUntil(lambda: len(got) == 2)
    assert 42 in got
    assert any(isinstance(g, ValueError) for g in got)
