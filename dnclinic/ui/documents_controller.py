"""Documents in the main window: preview, export and print patient documents (issue 8).

A Documents menu (session note, home exercise plan, progress report) works on the patient shown;
the session note is the one selected in the timeline, or else the latest signed one. The session
editor gets a "Print…" button. Rendering runs off the UI thread (``ui.workers``); the preview
dialog archives exactly the bytes it shows when they are exported or printed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QPushButton

from dnclinic.services.policy import Permission
from dnclinic.ui.workers import run_query

if TYPE_CHECKING:
    from collections.abc import Callable

    from dnclinic.services.changes import Saved
    from dnclinic.services.documents import DocumentRow, RenderedDocument
    from dnclinic.ui.dialogs.document_preview_dialog import DocumentPreviewDialog
    from dnclinic.ui.dialogs.session_dialog import SessionDialog
    from dnclinic.ui.main_window import MainWindow


class DocumentsController(QObject):
    """Owns the document actions and the preview dialog of one main window."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.app = window.app
        self.dialog: DocumentPreviewDialog | None = None
        self.busy = False
        self.act_note = self._action("Session &note…", "Ctrl+P", self._on_note_triggered)
        self.act_plan = self._action("Home e&xercise plan…", None, self.preview_plan)
        self.act_progress = self._action("&Progress report…", None, self.preview_progress)
        menu = window.menuBar().addMenu("&Documents")
        help_menu = window.menuBar().actions()[-2]  # keep Help last
        window.menuBar().insertMenu(help_menu, menu)
        for action in (self.act_note, self.act_plan, self.act_progress):
            menu.addAction(action)
        window.charting.session_editor_opened.connect(self._on_session_editor_opened)

    def _action(self, text: str, shortcut: str | None, slot: Callable[[], None]) -> QAction:
        action = QAction(text, self.window)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(slot)
        self.window.addAction(action)
        return action

    def update_actions(self, has_patient: bool) -> None:
        """Show the actions to those who may read charts; enable them when a patient is shown."""
        allowed = self.app.services.actor.can(Permission.CHART_READ)
        for action in (self.act_note, self.act_plan, self.act_progress):
            action.setVisible(allowed)
            action.setEnabled(allowed and has_patient)

    # --- actions -----------------------------------------------------------------------------
    def selected_session(self) -> int | None:
        """Return the session selected in the timeline, if a session is selected."""
        ref = self.window.chart.timeline_view.selected_ref()
        return ref[1] if ref is not None and ref[0] == "session" else None

    def preview_note(self, session_id: int | None = None) -> None:
        """Render and preview a session note (the selected one, else the latest signed one)."""
        pid = self.window.chart.patient_id
        if pid is None:
            return
        docs = self.app.documents
        chosen = session_id if session_id is not None else self.selected_session()

        def work() -> tuple[RenderedDocument, DocumentRow | None]:
            sid = chosen if chosen is not None else docs.latest_signed_session(pid)
            doc = docs.render_note(sid)
            return doc, docs.archived_copy("session_note", pid, sid)

        self._render(work)

    def preview_plan(self) -> None:
        """Render and preview the patient's home exercise plan."""
        pid = self.window.chart.patient_id
        if pid is not None:
            docs = self.app.documents
            self._render(lambda: (docs.render_plan(pid), None))

    def preview_progress(self) -> None:
        """Render and preview the patient's progress report."""
        pid = self.window.chart.patient_id
        if pid is not None:
            docs = self.app.documents
            self._render(lambda: (docs.render_progress(pid), None))

    def _render(self, work: Callable[[], tuple[RenderedDocument, DocumentRow | None]]) -> None:
        if self.busy:
            return
        self.busy = True
        self.window.statusBar().showMessage("Preparing the document…")
        run_query(self.window, work, self._on_rendered, self._on_failed)

    # --- slots -------------------------------------------------------------------------------
    def _on_note_triggered(self) -> None:
        self.preview_note()  # not connected directly: triggered() passes "checked"

    def _on_rendered(self, result: object) -> None:
        from dnclinic.ui.dialogs.document_preview_dialog import DocumentPreviewDialog

        self.busy = False
        self.window.statusBar().clearMessage()
        assert isinstance(result, tuple)
        doc, archived = result
        if self.dialog is not None:
            self.dialog.close()
        dialog = DocumentPreviewDialog(self.app.documents, doc, self.app.temp_dir, archived,
                                       self.window)  # fmt: skip
        dialog.exported.connect(self._on_exported)
        dialog.finished.connect(self._on_dialog_finished)
        self.dialog = dialog
        dialog.open()

    def _on_failed(self, exc: Exception) -> None:
        self.busy = False
        self.window.statusBar().showMessage(str(exc), 10000)

    def _on_exported(self, saved: Saved[object]) -> None:
        self.window.bus.publish(saved.changes, self)

    def _on_dialog_finished(self, _result: int) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = None

    def _on_session_editor_opened(self, editor: object) -> None:
        from dnclinic.ui.dialogs.session_dialog import SessionDialog

        if not isinstance(editor, SessionDialog) or editor.record is None:
            return
        close = editor.view.close_button
        button = QPushButton("Print…", editor)
        button.setObjectName("printNoteButton")
        button.clicked.connect(lambda: self._on_editor_print_clicked(editor))
        holder = close.parentWidget()
        row = holder.layout() if holder is not None else None
        for child in row.children() if row is not None else ():
            if isinstance(child, QHBoxLayout) and child.indexOf(close) >= 0:
                child.insertWidget(child.indexOf(close), button)
                return

    def _on_editor_print_clicked(self, editor: SessionDialog) -> None:
        if editor.record is not None:
            self.preview_note(editor.record.id)
