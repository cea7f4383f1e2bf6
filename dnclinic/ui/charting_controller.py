"""Charting in the main window: actions, menu, timeline and outcome tabs, drafts, editors.

The Charting menu and toolbar entries, the filterable timeline, the outcome trends tab, the
offer to restore an autosaved draft, and the editors (exam, session, outcome). Kept apart
from ``main_window.py`` so that the window only composes (HOUSE_STYLE G18).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from dnclinic.services.errors import NotFoundError, ServiceError
from dnclinic.services.policy import Permission
from dnclinic.ui.withdraw_controller import WithdrawController

if TYPE_CHECKING:
    from dnclinic.services.changes import Saved
    from dnclinic.services.drafts import DraftRow
    from dnclinic.services.session_content import SessionContent
    from dnclinic.services.sessions import SessionRecord
    from dnclinic.ui.dialogs.session_dialog import SessionDialog
    from dnclinic.ui.main_window import MainWindow
    from dnclinic.ui.widgets.chart_timeline import ChartTimeline
    from dnclinic.ui.widgets.outcome_chart import OutcomeTrends, TrendChart


class ChartingController(QObject):
    """Owns the charting actions and editors of one main window."""

    session_editor_opened = Signal(object)  # the SessionDialog (documents add Print, issue 8)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.app = window.app
        self.dialog: QDialog | None = None
        self.patient_id: int | None = None
        self.pending_draft: DraftRow | None = None
        self.act_session = self._action("New &session note…", "Ctrl+Shift+N", self.new_session)
        self.act_exam = self._action("New &neuro exam…", "Ctrl+Shift+X", self.new_exam)
        self.act_outcome = self._action("Record &outcome score…", "Ctrl+Shift+O", self.new_outcome)
        self.menu = menu = window.menuBar().addMenu("C&harting")
        help_menu = window.menuBar().actions()[-2]  # keep Help last
        window.menuBar().insertMenu(help_menu, menu)
        for action in (self.act_session, self.act_exam, self.act_outcome):
            menu.addAction(action)
        toolbar = window.findChild(QToolBar, "mainToolbar")
        if toolbar is not None:
            toolbar.addSeparator()
            for action in (self.act_session, self.act_exam, self.act_outcome):
                toolbar.addAction(action)
        self._trends: OutcomeTrends | None = None
        self._stale: set[str] = set()  # tabs to refresh when they are next shown
        self._pain_code: str | None = None
        self._function_code: str | None = None
        self.withdrawal = WithdrawController(self)  # entered in error, from the timeline
        # The Outcomes tab and the draft banner join the chart page when it is built (when the
        # first patient is shown).
        self.outcomes_tab: QWidget
        self.draft_banner: QWidget
        window.chart.when_built(self._on_chart_built)

    def _on_chart_built(self) -> None:
        chart = self.window.chart
        self.timeline.item_opened.connect(self._on_timeline_item_opened)
        self.timeline.filter_changed.connect(self._refresh_timeline)
        # The trend charts (QtCharts) are built when a patient is first shown, not at start-up.
        self.outcomes_tab = QWidget(chart)
        QVBoxLayout(self.outcomes_tab).setContentsMargins(0, 0, 0, 0)
        chart.tabs.addTab(self.outcomes_tab, "Outcomes")
        chart.tabs.currentChanged.connect(self._on_tabs_current_changed)
        self.withdrawal.watch_timeline()
        self.draft_banner = self._draft_banner(chart.chart)
        column = chart.chart.layout()
        if column is not None and hasattr(column, "insertWidget"):
            column.insertWidget(1, self.draft_banner)

    # --- construction ------------------------------------------------------------------------
    @property
    def timeline(self) -> ChartTimeline:
        """The chart's timeline (reading it builds the chart page if it is not yet)."""
        return self.window.chart.timeline_view

    @property
    def trends(self) -> OutcomeTrends:
        """The pain and function trend charts on the Outcomes tab (built on first use)."""
        if self._trends is None:
            from dnclinic.ui.widgets.outcome_chart import OutcomeTrends

            trends = OutcomeTrends(self.outcomes_tab)
            layout = self.outcomes_tab.layout()
            assert layout is not None
            layout.addWidget(trends)
            trends.pain.instrument_chosen.connect(self._on_pain_instrument_chosen)
            trends.function.instrument_chosen.connect(self._on_function_instrument_chosen)
            self._trends = trends
        return self._trends

    def _action(self, text: str, shortcut: str, slot: object) -> QAction:
        action = QAction(text, self.window)
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(slot)
        self.window.addAction(action)
        return action

    def _draft_banner(self, parent: QWidget) -> QWidget:
        banner = QWidget(parent)
        banner.setObjectName("draftBanner")
        self.draft_text = QLabel(banner)
        self.draft_text.setObjectName("statusBanner")
        self.draft_text.setWordWrap(True)
        self.restore_draft = QPushButton("&Restore draft", banner)
        self.discard_draft = QPushButton("Discard", banner)
        row = QHBoxLayout(banner)
        row.setContentsMargins(8, 4, 8, 4)
        row.addWidget(self.draft_text, 1)
        row.addWidget(self.restore_draft)
        row.addWidget(self.discard_draft)
        self.restore_draft.clicked.connect(self.restore_pending_draft)
        self.discard_draft.clicked.connect(self._on_discard_draft_clicked)
        banner.setVisible(False)
        return banner

    # --- window hooks ------------------------------------------------------------------------
    def update_actions(self, has_patient: bool) -> None:
        """Show the charting actions to those who may chart; enable them when a patient is shown."""
        allowed = self.app.services.actor.can(Permission.CHART_WRITE)
        for action in (self.act_session, self.act_exam, self.act_outcome):
            action.setVisible(allowed)
            action.setEnabled(allowed and has_patient)

    def show_patient(self, patient_id: int | None) -> None:
        """Refresh the timeline, the trends and the draft offer for the patient shown."""
        from dnclinic.services.drafts import SESSION_DRAFT
        from dnclinic.ui.dialogs.session_dialog import SessionDialog

        self.patient_id = patient_id
        if patient_id is None:
            if self.window.chart.built:  # else there is no banner yet
                self.draft_banner.setVisible(False)
            return
        self._stale = {"timeline", "trends"}
        self._refresh_shown()
        drafts = [d for d in self.app.drafts.pending(patient_id) if d.kind == SESSION_DRAFT]
        self.pending_draft = drafts[0] if drafts else None
        editing = isinstance(self.dialog, SessionDialog) and self.dialog.isVisible()
        if self.pending_draft is not None and not editing:
            at = self.pending_draft.saved_at.astimezone().strftime("%Y-%m-%d %H:%M")
            self.draft_text.setText(
                f"You have an unsaved session note for this patient, autosaved {at}. "
                "Restore it to carry on where you left off."
            )
            self.draft_banner.setVisible(True)
        else:
            self.draft_banner.setVisible(False)

    def _refresh_shown(self) -> None:
        """Bring the tab on screen up to date; the others follow when they are shown.

        A long chart (hundreds of sessions and scores) opens faster when only what is visible
        is read and drawn (benchmarks/charting.py).
        """
        current = self.window.chart.tabs.currentWidget()
        if current is self.timeline and "timeline" in self._stale:
            self._stale.discard("timeline")
            self._refresh_timeline()
        elif current is self.outcomes_tab and "trends" in self._stale:
            self._stale.discard("trends")
            self._refresh_trends()

    def _on_tabs_current_changed(self, _index: int) -> None:
        self._refresh_shown()

    def _refresh_timeline(self) -> None:
        if self.patient_id is not None:
            items = self.app.timeline.timeline(self.patient_id, self.timeline.kinds())
            self.timeline.show_items(items)

    def _refresh_trends(self) -> None:
        from dnclinic.services.outcomes import FUNCTION_INSTRUMENTS, PAIN_INSTRUMENTS

        if self.patient_id is None:
            return
        used = self.app.outcomes.instruments_used(self.patient_id)
        for chart, family, attr in (
            (self.trends.pain, PAIN_INSTRUMENTS, "_pain_code"),
            (self.trends.function, FUNCTION_INSTRUMENTS, "_function_code"),
        ):
            codes = [c for c in used if c in family]
            chosen = getattr(self, attr)
            code = chosen if chosen in codes else (codes[0] if codes else None)
            chart.set_instruments(codes, code)
            self._draw(chart, code)

    def _draw(self, chart: TrendChart, code: str | None) -> None:
        assert self.patient_id is not None
        trend = self.app.outcomes.trend(self.patient_id, code) if code else None
        chart.show_trend(trend, "No scores yet: record one with Ctrl+Shift+O.")

    def _on_pain_instrument_chosen(self, code: str) -> None:
        self._pain_code = code
        self._draw(self.trends.pain, code)

    def _on_function_instrument_chosen(self, code: str) -> None:
        self._function_code = code
        self._draw(self.trends.function, code)

    # --- editors -----------------------------------------------------------------------------
    def open_editor(self, dialog: QDialog, signal_name: str) -> QDialog:
        """Show ``dialog`` as the one charting editor (or raise the open one)."""
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.raise_()
            self.dialog.activateWindow()
            dialog.deleteLater()
            return self.dialog
        getattr(dialog, signal_name).connect(self._on_dialog_saved)
        dialog.finished.connect(self._on_dialog_finished)
        self.dialog = dialog
        dialog.open()
        return dialog

    def new_exam(self) -> None:
        """Open an empty neurological exam (changes since the latest exam are highlighted)."""
        from dnclinic.ui.dialogs.neuro_exam_dialog import NeuroExamDialog

        pid = self.patient_id
        if pid is not None:
            today = self.app.services.today().isoformat()
            latest = self.app.exams.latest(pid)
            self.open_editor(
                NeuroExamDialog(self.app.exams, pid, today, latest, None, self.window), "exam_saved"
            )

    def new_session(self) -> None:
        """Open a new session note (or the autosaved draft, when there is one)."""
        if self.patient_id is None:
            return
        if self.pending_draft is not None:
            self.restore_pending_draft()
            return
        self._open_session(None)

    def new_outcome(self) -> None:
        """Open the outcome entry form."""
        from dnclinic.ui.dialogs.outcome_dialog import OutcomeDialog

        pid = self.patient_id
        if pid is not None:
            today = self.app.services.today().isoformat()
            self.open_editor(
                OutcomeDialog(self.app.outcomes, pid, today, "ODI", None, self.window),
                "outcome_saved",
            )

    def restore_pending_draft(self) -> None:
        """Reopen the session editor with the autosaved draft."""
        from dnclinic.services.session_content import content_from_payload

        draft = self.pending_draft
        if draft is None or self.patient_id is None:
            return
        try:
            content = content_from_payload(draft.payload)
        except (ValueError, KeyError, TypeError):
            self.window.statusBar().showMessage("The autosaved draft could not be read.", 8000)
            return
        record = None
        if draft.target_id:
            try:
                record = self.app.sessions.get(draft.target_id)
            except NotFoundError:
                record = None
            if record is not None and record.signed:
                record = None
        self.draft_banner.setVisible(False)
        self._open_session(record, content)

    def open_session(self, session_id: int) -> None:
        """Open an existing note (read-only when signed or someone else's)."""
        self._open_session(self.app.sessions.get(session_id))

    def _open_session(
        self, record: SessionRecord | None, initial: SessionContent | None = None
    ) -> None:
        from dnclinic.ui.dialogs.session_dialog import SessionDialog

        pid = self.patient_id
        assert pid is not None
        dialog = SessionDialog(
            self.app.sessions,
            self.app.drafts,
            pid,
            now=self.app.services.now(),
            record=record,
            initial=initial,
            episodes=tuple(self.app.episodes.episodes(pid)),
            latest_exam=self.app.exams.latest(pid),
            parent=self.window,
        )
        favourites = self._favourites()
        dialog.view.targets.set_quick_picks(favourites, self.app.sessions.recent_muscles())
        dialog.view.targets.favourite_toggled.connect(self._on_favourite_toggled)
        self.window.training.warn_before_session(dialog, record)  # training hours (issue 6)
        if self.open_editor(dialog, "session_saved") is dialog:
            self.session_editor_opened.emit(dialog)

    # --- entry point for the decision wizard (issue 7) ---
    def open_prefilled_session(self, content: SessionContent, note: str) -> SessionDialog | None:
        """Open a new session note filled with ``content`` (e.g. from a decision's plan).

        Returns the editor, or None when no patient is shown or another editor is open.
        """
        from dnclinic.ui.dialogs.session_dialog import SessionDialog

        if self.patient_id is None:
            return None
        self._open_session(None, content)
        dialog = self.dialog
        if not isinstance(dialog, SessionDialog) or dialog.record is not None:
            return None
        dialog.view.status.setText(note)
        return dialog

    def _on_timeline_item_opened(self, kind: str, ref_id: int) -> None:
        from dnclinic.ui.dialogs.neuro_exam_dialog import NeuroExamDialog
        from dnclinic.ui.dialogs.outcome_dialog import OutcomeDialog

        pid = self.patient_id
        if pid is None:
            return
        try:
            if kind == "session":
                self.open_session(ref_id)
            elif kind == "exam":
                record = self.app.exams.get(ref_id)
                previous = self.app.exams.latest(pid, before_id=ref_id)
                today = self.app.services.today().isoformat()
                dialog = NeuroExamDialog(self.app.exams, pid, today, previous, record, self.window)
                self.open_editor(dialog, "exam_saved")
            elif kind == "outcome":
                row = self.app.outcomes.get(ref_id)
                today = self.app.services.today().isoformat()
                dialog2 = OutcomeDialog(
                    self.app.outcomes, pid, today, row.instrument, row, self.window
                )
                self.open_editor(dialog2, "outcome_saved")
            elif kind in ("episode", "screening"):  # shown on the Overview tab
                self.window.chart.tabs.setCurrentIndex(0)
            # other kinds (decision, plan: issue 7) are opened by their own controllers
        except ServiceError as exc:
            self.window.statusBar().showMessage(str(exc), 8000)

    # --- favourites (UI state, per workstation user) -----------------------------------------
    def _settings(self) -> QSettings:
        return QSettings(str(self.app.config_dir / "ui-state.ini"), QSettings.Format.IniFormat)

    def _favourites(self) -> list[str]:
        value = self._settings().value("favouriteMuscles", [])
        if isinstance(value, str):
            return [value] if value else []
        return [str(v) for v in value] if isinstance(value, list) else []

    def _on_favourite_toggled(self, code: str) -> None:
        from dnclinic.ui.dialogs.session_dialog import SessionDialog

        favourites = self._favourites()
        favourites = (
            [c for c in favourites if c != code] if code in favourites else [*favourites, code]
        )
        settings = self._settings()
        settings.setValue("favouriteMuscles", favourites)
        settings.sync()
        if isinstance(self.dialog, SessionDialog):
            self.dialog.view.targets.set_quick_picks(favourites, self.app.sessions.recent_muscles())

    # --- slots -------------------------------------------------------------------------------
    def _on_dialog_saved(self, saved: Saved[object]) -> None:
        self.window.bus.publish(saved.changes, self)

    def _on_dialog_finished(self, _result: int) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = None
        self.show_patient(self.patient_id)  # a closed editor may have left a draft to offer

    def _on_discard_draft_clicked(self) -> None:
        draft = self.pending_draft
        if draft is not None and self.patient_id is not None:
            self.app.drafts.discard(self.patient_id, draft.kind, draft.target_id)
            self.pending_draft = None
            self.draft_banner.setVisible(False)
